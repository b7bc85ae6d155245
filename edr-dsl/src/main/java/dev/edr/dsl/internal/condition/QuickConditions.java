package dev.edr.dsl.internal.condition;

import dev.edr.core.rule.Condition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the conditions nearly every rule has (ASCII identifiers, {@code and}/{@code or}/{@code not}, parentheses,
 * {@code 1 of}/{@code all of}) without the ANTLR parser, into the very condition the parse-tree path builds. It
 * gives up (null) on anything else and on anything that would be reported (a syntax error, an undefined identifier,
 * a pattern that matches nothing, an aggregation...), so the full parser stays the one source of every message.
 * ANTLR's parser is general and, in a cold JVM, slow to get going; thousands of one-line conditions do not need it.
 * Equivalence is tested against the full parser on the corpus and on mutations of it.
 */
final class QuickConditions {
    /** The condition and the identifiers it uses. */
    record Result(Condition condition, Set<String> used) {}

    private static final int IDENT = 0;
    private static final int AND = 1;
    private static final int OR = 2;
    private static final int NOT = 3;
    private static final int OF = 4;
    private static final int LPAREN = 5;
    private static final int RPAREN = 6;
    private static final int END = 7;
    /** Far below the full parser's nesting limit, so that its message is never pre-empted. */
    private static final int MAX_NESTING = 20;

    private final String text;
    private final Identifiers identifiers;
    private final Set<String> used = new LinkedHashSet<>();
    private int pos;
    private int type;
    private String word;
    private int nesting;

    /** Thrown to give up; never escapes {@link #parse}. */
    private static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private QuickConditions(String text, Identifiers identifiers) {
        this.text = text;
        this.identifiers = identifiers;
    }

    /** The condition of {@code text}, or null to leave it to the full parser. */
    static Result parse(String text, Identifiers identifiers) {
        QuickConditions q = new QuickConditions(text, identifiers);
        try {
            q.next();
            Condition c = q.orExpr();
            if (q.type != END) return null;
            return new Result(c, q.used);
        } catch (GiveUp e) {
            return null;
        }
    }

    private Condition orExpr() {
        List<Condition> operands = new ArrayList<>();
        operands.add(andExpr());
        while (type == OR) {
            next();
            operands.add(andExpr());
        }
        return TreeBuilder.or(operands);
    }

    private Condition andExpr() {
        List<Condition> operands = new ArrayList<>();
        operands.add(notExpr());
        while (type == AND) {
            next();
            operands.add(notExpr());
        }
        return TreeBuilder.and(operands);
    }

    private Condition notExpr() {
        int nots = 0;
        while (type == NOT) {
            if (++nesting > MAX_NESTING) giveUp();
            nots++;
            next();
        }
        Condition c = primary();
        for (int i = 0; i < nots; i++) {
            c = new Condition.Not(c);
        }
        nesting -= nots;
        return c;
    }

    private Condition primary() {
        if (type == LPAREN) {
            if (++nesting > MAX_NESTING) giveUp();
            next();
            Condition c = orExpr();
            if (type != RPAREN) giveUp();
            next();
            nesting--;
            return c;
        }
        if (type != IDENT) giveUp();
        String first = word;
        next();
        if (type == OF) {
            next();
            if (type != IDENT) giveUp();
            String target = word;
            next();
            return quantified(first, target);
        }
        if (first.indexOf('*') >= 0 || !identifiers.contains(first)) giveUp();
        used.add(first);
        return new Condition.Ref(first);
    }

    private Condition quantified(String quantifier, String target) {
        boolean any = quantifier.equals("1");
        if (!any && !quantifier.equalsIgnoreCase("all")) giveUp();
        List<String> names = target.equalsIgnoreCase("them") ? identifiers.them() : identifiers.matching(target);
        if (names.isEmpty()) giveUp();
        used.addAll(names);
        List<Condition> refs = new ArrayList<>(names.size());
        for (String n : names) {
            refs.add(new Condition.Ref(n));
        }
        return any ? TreeBuilder.or(refs) : TreeBuilder.and(refs);
    }

    /** Reads the next token as the lexer would; gives up on any character outside the subset. */
    private void next() {
        int n = text.length();
        while (pos < n && isSpace(text.charAt(pos))) pos++;
        if (pos >= n) {
            type = END;
            return;
        }
        char c = text.charAt(pos);
        if (c == '(' || c == ')') {
            type = c == '(' ? LPAREN : RPAREN;
            pos++;
            return;
        }
        int start = pos;
        while (pos < n && isIdentChar(text.charAt(pos))) pos++;
        if (pos == start) giveUp();
        word = text.substring(start, pos);
        type = word.length() > 3 ? IDENT
                : word.equalsIgnoreCase("and") ? AND
                : word.equalsIgnoreCase("or") ? OR
                : word.equalsIgnoreCase("not") ? NOT
                : word.equalsIgnoreCase("of") ? OF
                : IDENT;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u00A0';
    }

    private static boolean isIdentChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '*' || c == '-';
    }

    private static void giveUp() {
        throw GiveUp.INSTANCE;
    }
}
