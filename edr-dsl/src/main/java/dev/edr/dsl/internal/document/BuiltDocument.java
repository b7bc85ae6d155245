package dev.edr.dsl.internal.document;

import dev.edr.core.diag.SourceLocation;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.RuleResponse;
import dev.edr.core.rule.SigmaDocument;
import java.util.List;

/**
 * One YAML document after building. {@code document} is {@code null} when the document had any error; the
 * identity fields are still filled as far as they could be read, so reports and pack checks can name it.
 *
 * @param references for correlations and filters: the {@code rules} entries, in order
 * @param response a loaded rule's or correlation's {@code response:} block, or {@code null}
 * @param playbook the playbook of a {@link DocumentKind#PLAYBOOK} document that loaded, else {@code null}
 */
public record BuiltDocument(DocumentKind kind, SigmaDocument document, Located id, Located name, String title,
        SourceLocation location, List<Located> references, RuleResponse response, Playbook playbook) {
    public BuiltDocument {
        references = List.copyOf(references);
    }

    BuiltDocument(DocumentKind kind, SigmaDocument document, Located id, Located name, String title,
            SourceLocation location, List<Located> references) {
        this(kind, document, id, name, title, location, references, null, null);
    }

    /** Whether the document loaded: a Sigma document, or a playbook. */
    public boolean loaded() {
        return document != null || playbook != null;
    }

    public String idText() {
        return id == null ? null : id.text();
    }

    public String nameText() {
        return name == null ? null : name.text();
    }
}
