package dev.edr.dsl;

import dev.edr.core.response.Playbook;
import dev.edr.core.rule.RulePack;
import java.util.List;

/**
 * What loading produced.
 *
 * @param pack the documents that loaded without error, and every issue found (errors and warnings)
 * @param documents one report per document seen, in load order, including those that failed, plus one of
 *     kind {@code file} for each file with problems that belong to no document (unreadable, not UTF-8, too
 *     large, malformed before its first document, empty)
 * @param playbooks the response playbooks, in load order: each loaded rule's or correlation's {@code response:}
 *     block (as {@link dev.edr.core.response.RuleResponse#toPlaybook}, keyed by the rule's id, else its name) and
 *     each playbook document that loaded; ready for {@link dev.edr.core.response.Playbooks#of}
 */
public record LoadResult(RulePack pack, List<DocumentReport> documents, List<Playbook> playbooks) {
    public LoadResult {
        documents = List.copyOf(documents);
        playbooks = List.copyOf(playbooks);
    }

    /** A result without playbooks. */
    public LoadResult(RulePack pack, List<DocumentReport> documents) {
        this(pack, documents, List.of());
    }

    public boolean hasErrors() {
        return pack.hasErrors();
    }
}
