package dev.edr.dsl.internal.condition;

import static dev.edr.dsl.internal.condition.SigmaConditionLexer.AND;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.IDENT;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.LPAREN;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.NOT;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.OR;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.PIPE;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.RPAREN;

import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.internal.condition.SigmaConditionParser.ConditionContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Lexes and parses one condition string; turns the first syntax error into a readable problem. */
final class ConditionSyntax {
    /**
     * Deepest nesting of parentheses and stacked {@code not}s accepted. SigmaHQ conditions nest a handful of
     * levels; the limit keeps the recursive-descent parser and every later tree walk far from the Java stack
     * limit.
     */
    static final int MAX_NESTING = 100;

    /** A located problem; {@code offset} is a code point index into the condition text. */
    record Problem(IssueCode code, int offset, String message) {}

    /** The parse tree (null after a problem) and the default-channel tokens, EOF included. */
    record Parsed(ConditionContext tree, List<Token> tokens, Problem problem) {}

    private ConditionSyntax() {}

    static Parsed parse(String text) {
        SigmaConditionLexer lexer = new SigmaConditionLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        List<Token> tokens = new ArrayList<>();
        for (Token t : stream.getTokens()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                tokens.add(t);
            }
        }
        Problem tooDeep = nestingProblem(tokens);
        if (tooDeep != null) {
            return new Parsed(null, tokens, tooDeep);
        }
        SigmaConditionParser parser = new SigmaConditionParser(stream);
        parser.removeErrorListeners();
        parser.setErrorHandler(new FailFastStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        try {
            return new Parsed(parser.condition(), tokens, null);
        } catch (ParseCancellationException e) {
            Token offending = e.getCause() instanceof RecognitionException re && re.getOffendingToken() != null
                    ? re.getOffendingToken() : parser.getCurrentToken();
            return new Parsed(null, tokens, SyntaxMessages.describe(tokens, offending));
        }
    }

    /**
     * Nesting is counted on the token stream before parsing, because the parser itself recurses once per
     * parenthesis and would overflow the stack on hostile input before it could report anything.
     */
    private static Problem nestingProblem(List<Token> tokens) {
        Deque<Integer> notsBeforeParen = new ArrayDeque<>();
        int pendingNots = 0;
        int openNots = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case NOT -> {
                    pendingNots++;
                    openNots++;
                }
                case LPAREN -> {
                    notsBeforeParen.push(pendingNots);
                    pendingNots = 0;
                }
                case RPAREN -> {
                    if (!notsBeforeParen.isEmpty()) {
                        openNots -= pendingNots + notsBeforeParen.pop();
                        pendingNots = 0;
                    }
                }
                case IDENT, AND, OR, PIPE -> {
                    openNots -= pendingNots;
                    pendingNots = 0;
                }
                default -> {
                    // other tokens neither open nor close a level
                }
            }
            if (notsBeforeParen.size() + openNots > MAX_NESTING) {
                return new Problem(IssueCode.CONDITION_SYNTAX, t.getStartIndex(),
                        "nesting too deep: more than " + MAX_NESTING + " levels of parentheses and 'not'");
            }
        }
        return null;
    }
}
