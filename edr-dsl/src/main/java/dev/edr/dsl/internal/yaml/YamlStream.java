package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.Issue;
import java.util.List;

/**
 * What reading one file produced: its documents in order, and the problems that belong to no document
 * (size limit, encoding, control characters, syntax errors before the first document).
 */
public record YamlStream(List<YamlDocument> documents, List<Issue> fileIssues) {
    public YamlStream {
        documents = List.copyOf(documents);
        fileIssues = List.copyOf(fileIssues);
    }
}
