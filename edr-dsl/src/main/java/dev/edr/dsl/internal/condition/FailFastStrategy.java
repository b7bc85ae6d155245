package dev.edr.dsl.internal.condition;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Stops at the first syntax error. A condition is a single short line, so one precise message beats ANTLR's
 * recovery, whose follow-up errors would only echo the first one. Nothing is printed: the caller turns the
 * {@link RecognitionException} carried by the cancellation into an issue.
 */
final class FailFastStrategy extends DefaultErrorStrategy {
    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        // reported by the caller from the exception
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw new ParseCancellationException(new InputMismatchException(recognizer));
    }

    @Override
    public void sync(Parser recognizer) {
        // no single-token repair: the mismatch surfaces at the next match or prediction
    }
}
