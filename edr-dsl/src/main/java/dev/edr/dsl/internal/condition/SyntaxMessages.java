package dev.edr.dsl.internal.condition;

import static dev.edr.dsl.internal.condition.SigmaConditionLexer.AND;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.COMPARE;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.IDENT;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.LPAREN;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.NOT;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.OF;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.OR;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.PIPE;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.RPAREN;
import static dev.edr.dsl.internal.condition.SigmaConditionLexer.STRAY;

import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.internal.condition.ConditionSyntax.Problem;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.Token;

/**
 * Words a syntax error the way a rule author thinks about the condition ("expected an identifier after 'and'"),
 * from the offending token and the token before it, instead of ANTLR's token-set dumps.
 */
final class SyntaxMessages {
    private SyntaxMessages() {}

    static Problem describe(List<Token> tokens, Token offending) {
        int pos = indexOf(tokens, offending);
        Token prev = pos > 0 ? tokens.get(pos - 1) : null;
        Problem legacy = legacyTail(tokens, pos);
        if (legacy != null) {
            return legacy;
        }
        int type = offending.getType();
        if (type == STRAY) {
            return syntax(offending.getStartIndex(), strayMessage(offending.getText()));
        }
        if (type == Token.EOF) {
            return atEnd(tokens, pos, prev);
        }
        if (type == RPAREN && openParen(tokens, pos) == null) {
            return syntax(offending.getStartIndex(), "')' has no matching '('");
        }
        String found = quote(offending);
        if (prev == null || startsOperand(prev.getType())) {
            if (!beginsOperand(type)) {
                if (prev == null) {
                    return syntax(offending.getStartIndex(),
                            "expected an identifier at the start of the condition, found " + found);
                }
                if (prev.getType() == LPAREN && type == RPAREN) {
                    return syntax(prev.getStartIndex(), "empty parentheses: expected an expression inside '()'");
                }
                return syntax(offending.getStartIndex(), "expected an identifier after " + quote(prev) + ", found "
                        + found);
            }
        }
        if (prev != null && prev.getType() == OF) {
            return syntax(offending.getStartIndex(),
                    "expected a search identifier pattern or 'them' after 'of', found " + found);
        }
        if (prev != null && endsOperand(prev.getType())) {
            if (type == IDENT && prev.getType() == IDENT && isQuantifierWord(prev.getText())) {
                return syntax(offending.getStartIndex(), "expected 'of' after " + quote(prev) + ", found " + found);
            }
            if (beginsOperand(type)) {
                return syntax(offending.getStartIndex(), "expected 'and' or 'or' between " + quote(prev) + " and "
                        + found);
            }
            if (type == OF) {
                return syntax(offending.getStartIndex(), "'of' must follow '1' or 'all', as in '1 of selection_*'");
            }
        }
        if (type == COMPARE) {
            return syntax(offending.getStartIndex(), "unexpected " + found + ": a condition combines search identifiers"
                    + " and compares no values; put field comparisons into a search identifier");
        }
        return syntax(offending.getStartIndex(), "unexpected " + found);
    }

    private static Problem atEnd(List<Token> tokens, int pos, Token prev) {
        if (prev == null) {
            return syntax(0, "the condition is empty");
        }
        int end = prev.getStopIndex() + 1;
        switch (prev.getType()) {
            case AND, OR, NOT, LPAREN -> {
                return syntax(end, "expected an identifier after " + quote(prev));
            }
            case OF -> {
                return syntax(end, "expected a search identifier pattern or 'them' after 'of'");
            }
            default -> {
                Token open = openParen(tokens, pos);
                if (open != null) {
                    return syntax(open.getStartIndex(), "'(' is never closed");
                }
                return syntax(end, "the condition ends unexpectedly after " + quote(prev));
            }
        }
    }

    /**
     * Anything wrong after a top-level '|' is a v1 aggregation we reject anyway, so the precise syntax of the
     * tail matters less than telling the author to move to a correlation rule.
     */
    private static Problem legacyTail(List<Token> tokens, int pos) {
        for (int i = 0; i < pos; i++) {
            Token pipe = tokens.get(i);
            if (pipe.getType() != PIPE) {
                continue;
            }
            Token next = tokens.get(i + 1);
            if (next.getType() == PIPE && next.getStartIndex() == pipe.getStopIndex() + 1) {
                return syntax(pipe.getStartIndex(), "'||' is not an operator in Sigma conditions; write 'or'");
            }
            if (next.getType() == IDENT && next.getText().equalsIgnoreCase("near")) {
                return new Problem(IssueCode.LEGACY_NEAR, next.getStartIndex(), LegacyMessages.nearWithoutDetails());
            }
            return new Problem(IssueCode.LEGACY_AGGREGATION, pipe.getStartIndex(),
                    LegacyMessages.aggregationWithoutDetails());
        }
        return null;
    }

    private static Token openParen(List<Token> tokens, int pos) {
        ArrayDeque<Token> open = new ArrayDeque<>();
        for (int i = 0; i <= pos && i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() == LPAREN) {
                open.push(t);
            } else if (t.getType() == RPAREN && i < pos) {
                open.poll();
            }
        }
        return open.peek();
    }

    private static String strayMessage(String ch) {
        return switch (ch) {
            case "\"", "'", "`" -> "unexpected quote " + ch + ": a condition names search identifiers without quotes";
            case "&" -> "unexpected character '&': write 'and'";
            case "!", "~" -> "unexpected character '" + ch + "': write 'not'";
            default -> "unexpected character " + Excerpt.character(ch);
        };
    }

    static boolean isQuantifierWord(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("all") || lower.equals("any") || lower.equals("none") || lower.matches("[0-9]+");
    }

    /** Tokens after which an operand must come. */
    private static boolean startsOperand(int type) {
        return type == AND || type == OR || type == NOT || type == LPAREN;
    }

    private static boolean beginsOperand(int type) {
        return type == IDENT || type == LPAREN || type == NOT;
    }

    private static boolean endsOperand(int type) {
        return type == IDENT || type == RPAREN;
    }

    private static String quote(Token t) {
        if (t.getType() == Token.EOF) {
            return "the end of the condition";
        }
        return Excerpt.quote(t.getText());
    }

    private static int indexOf(List<Token> tokens, Token t) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).getTokenIndex() == t.getTokenIndex()) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    private static Problem syntax(int offset, String message) {
        return new Problem(IssueCode.CONDITION_SYNTAX, offset, message);
    }
}
