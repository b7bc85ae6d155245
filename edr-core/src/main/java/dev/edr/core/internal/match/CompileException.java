package dev.edr.core.internal.match;

import dev.edr.core.diag.IssueCode;

/**
 * Why a rule cannot be compiled; never escapes the compiler, which turns it into an {@link dev.edr.core.diag.Issue}
 * located at the offending item.
 */
final class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient IssueCode code;

    CompileException(IssueCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    IssueCode code() {
        return code;
    }
}
