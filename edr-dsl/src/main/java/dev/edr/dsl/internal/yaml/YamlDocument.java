package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.SourceLocation;
import java.util.List;

/**
 * One document of a YAML stream.
 *
 * @param root the document's node, {@code null} for an empty document
 * @param location where the document's content starts
 * @param complete false when reading stopped inside this document (syntax error or safety limit); the root
 *     then holds only what was read before, good for naming the document in reports but not for loading
 * @param issues the reading problems found in this document (also reported to the file's diagnostics)
 */
public record YamlDocument(YNode root, SourceLocation location, boolean complete, List<Issue> issues) {
    public YamlDocument {
        issues = List.copyOf(issues);
    }

    public boolean hasErrors() {
        for (Issue i : issues) {
            if (i.isError()) return true;
        }
        return false;
    }
}
