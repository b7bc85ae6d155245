package dev.edr.dsl;

import dev.edr.core.rule.RulePack;
import java.util.List;

/**
 * What loading produced.
 *
 * @param pack the documents that loaded without error, and every issue found (errors and warnings)
 * @param documents one report per document seen, in load order, including those that failed, plus one of
 *     kind {@code file} for each file with problems that belong to no document (unreadable, not UTF-8, too
 *     large, malformed before its first document, empty)
 */
public record LoadResult(RulePack pack, List<DocumentReport> documents) {
    public LoadResult {
        documents = List.copyOf(documents);
    }

    public boolean hasErrors() {
        return pack.hasErrors();
    }
}
