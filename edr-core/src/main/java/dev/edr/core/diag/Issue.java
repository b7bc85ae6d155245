package dev.edr.core.diag;

import java.util.Objects;

/**
 * One located problem. {@code context} is the offending source line (may be empty) so renderers can
 * print it with a caret without re-reading the file.
 */
public record Issue(Severity severity, IssueCode code, SourceLocation location, String message, String context) {
    public Issue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        context = context == null ? "" : context;
    }

    public static Issue error(IssueCode code, SourceLocation at, String message) {
        return new Issue(Severity.ERROR, code, at, message, "");
    }

    public static Issue warning(IssueCode code, SourceLocation at, String message) {
        return new Issue(Severity.WARNING, code, at, message, "");
    }

    public Issue withContext(String line) {
        return new Issue(severity, code, location, message, line);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path:line:column: error[CODE]: message}. */
    public String headline() {
        return location + ": " + severity.label() + "[" + code.name() + "]: " + message;
    }
}
