package dev.edr.dsl.internal.document;

import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.SigmaDocument;
import java.util.List;

/**
 * One YAML document after building. {@code document} is {@code null} when the document had any error; the
 * identity fields are still filled as far as they could be read, so reports and pack checks can name it.
 *
 * @param references for correlations and filters: the {@code rules} entries, in order
 */
public record BuiltDocument(DocumentKind kind, SigmaDocument document, Located id, Located name, String title,
        SourceLocation location, List<Located> references) {
    public BuiltDocument {
        references = List.copyOf(references);
    }

    public boolean loaded() {
        return document != null;
    }

    public String idText() {
        return id == null ? null : id.text();
    }

    public String nameText() {
        return name == null ? null : name.text();
    }
}
