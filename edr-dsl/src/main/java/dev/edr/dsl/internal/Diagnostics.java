package dev.edr.dsl.internal;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.Severity;
import dev.edr.core.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects the issues of one source file and attaches the offending source line to each. */
public final class Diagnostics {
    private final String source;
    private final String text;
    /** Where each line starts in {@code text}; found on the first {@link #lineText} (most files never ask). */
    private int[] lineStarts;
    private final List<Issue> issues = new ArrayList<>();
    private int errors;

    public Diagnostics(String source, String text) {
        this.source = source;
        this.text = text;
    }

    public String source() {
        return source;
    }

    public void error(IssueCode code, SourceLocation at, String message) {
        add(Severity.ERROR, code, at, message);
    }

    public void warning(IssueCode code, SourceLocation at, String message) {
        add(Severity.WARNING, code, at, message);
    }

    public void add(Severity severity, IssueCode code, SourceLocation at, String message) {
        SourceLocation loc = at == null ? new SourceLocation(source, 1, 1) : at;
        Issue issue = new Issue(severity, code, loc, message, lineText(loc.line()));
        issues.add(issue);
        if (issue.isError()) errors++;
    }

    /** The text of a 1-based line without its line break ("\n" or "\r\n"), clipped to 300 characters. */
    public String lineText(int line) {
        if (text == null) {
            return "";
        }
        int[] starts = lineStarts();
        if (line < 1 || line > starts.length) {
            return "";
        }
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] - 1 : text.length();
        if (end > start && line < starts.length && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end - start > 300 ? text.substring(start, start + 300) + "…" : text.substring(start, end);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                count++;
            }
            int[] starts = new int[count];
            int n = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                starts[n++] = i + 1;
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    public List<Issue> issues() {
        return List.copyOf(issues);
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /**
     * Counted as issues are added: parsers ask before and after each part of every document, and a stream over the
     * issues each time cost a cold compile of the corpus 8 MB of garbage, run in the interpreter.
     */
    public int errorCount() {
        return errors;
    }
}
