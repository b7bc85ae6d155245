package dev.edr.cli;

import dev.edr.core.diag.Issue;

/** Renders issues as {@code path:line:column: error[CODE]: message}, the source line and a caret. */
final class IssueText {
    private IssueText() {}

    static String render(Issue issue) {
        StringBuilder b = new StringBuilder(Escape.text(issue.headline()));
        String context = issue.context();
        if (!context.isEmpty() && issue.location().line() > 0) {
            String line = Escape.text(context.replace('\t', ' '));
            b.append('\n').append("  | ").append(line);
            int col = issue.location().column();
            if (col >= 1 && col <= line.length() + 1) {
                b.append('\n').append("  | ").append(" ".repeat(col - 1)).append('^');
            }
        }
        return b.toString();
    }
}
