package dev.edr.dsl;

import dev.edr.core.diag.Issue;
import java.util.List;

/** Compact golden forms of issues: {@code CODE@line:column} (errors) or {@code ~CODE@line:column} (warnings). */
final class LoadAssertions {
    private LoadAssertions() {}

    static List<String> golden(List<Issue> issues) {
        return issues.stream().map(LoadAssertions::golden).toList();
    }

    static String golden(Issue i) {
        return (i.isError() ? "" : "~") + i.code() + "@" + i.location().line() + ":" + i.location().column();
    }
}
