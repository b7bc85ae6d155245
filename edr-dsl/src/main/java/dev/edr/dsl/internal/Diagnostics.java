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
    private final String[] lines;
    private final List<Issue> issues = new ArrayList<>();

    public Diagnostics(String source, String text) {
        this.source = source;
        this.lines = text == null ? new String[0] : text.split("\r?\n", -1);
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
        issues.add(new Issue(severity, code, loc, message, lineText(loc.line())));
    }

    public String lineText(int line) {
        if (line < 1 || line > lines.length) {
            return "";
        }
        String l = lines[line - 1];
        return l.length() > 300 ? l.substring(0, 300) + "…" : l;
    }

    public List<Issue> issues() {
        return List.copyOf(issues);
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(Issue::isError);
    }

    public int errorCount() {
        return (int) issues.stream().filter(Issue::isError).count();
    }
}
