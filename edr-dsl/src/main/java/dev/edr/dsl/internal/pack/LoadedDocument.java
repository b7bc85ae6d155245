package dev.edr.dsl.internal.pack;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.document.BuiltDocument;
import dev.edr.dsl.internal.document.DocumentKind;
import java.util.List;

/**
 * One document of a file with every issue about it, or (kind {@link DocumentKind#FILE}, {@code built} null)
 * the problems of a file that belong to no document.
 */
public record LoadedDocument(DocumentKind kind, BuiltDocument built, SourceLocation location, List<Issue> issues) {
    public LoadedDocument {
        issues = List.copyOf(issues);
    }
}
