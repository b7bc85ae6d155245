package dev.edr.core.diag;

import java.util.List;

/** The one checked exception of the library: loading or compiling failed; carries every issue found. */
public final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<Issue> issues;

    public LoadException(List<Issue> issues) {
        super(summary(issues));
        this.issues = List.copyOf(issues);
    }

    public List<Issue> issues() {
        return issues;
    }

    private static String summary(List<Issue> issues) {
        if (issues.isEmpty()) {
            return "load failed";
        }
        String first = issues.get(0).headline();
        return issues.size() == 1 ? first : first + " (and " + (issues.size() - 1) + " more issues)";
    }
}
