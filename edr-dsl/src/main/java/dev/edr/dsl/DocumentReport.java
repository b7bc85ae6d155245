package dev.edr.dsl;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.SourceLocation;
import java.util.List;

/**
 * The outcome for one document (or, with kind {@code file}, for a file's problems outside any document).
 *
 * @param location where the document starts
 * @param kind {@code rule}, {@code correlation}, {@code filter}, {@code unknown} or {@code file}
 * @param id the document's id as written, or {@code null}
 * @param title the document's title as written, or {@code null}
 * @param issues every issue about this document, errors and warnings, in source order
 */
public record DocumentReport(SourceLocation location, String kind, String id, String title, List<Issue> issues) {
    public DocumentReport {
        issues = List.copyOf(issues);
    }

    /** True when the document did not load. */
    public boolean hasErrors() {
        return issues.stream().anyMatch(Issue::isError);
    }
}
