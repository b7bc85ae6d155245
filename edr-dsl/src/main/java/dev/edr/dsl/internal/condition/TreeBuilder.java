package dev.edr.dsl.internal.condition;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.condition.SigmaConditionParser.AndExprContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.NotExprContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.OrExprContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.ParenthesizedContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.QuantifiedContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.ReferenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Turns a parse tree into the core {@link Condition}, expanding {@code 1 of}/{@code all of}, checking every
 * identifier and flattening nested and/or. Reports all problems it finds and then yields null, so one bad
 * reference does not hide the next.
 */
final class TreeBuilder extends SigmaConditionBaseVisitor<Condition> {
    private final Identifiers identifiers;
    private final ScalarPositions positions;
    private final Diagnostics diag;
    private final Set<String> used;
    private boolean failed;

    TreeBuilder(Identifiers identifiers, ScalarPositions positions, Diagnostics diag, Set<String> used) {
        this.identifiers = identifiers;
        this.positions = positions;
        this.diag = diag;
        this.used = used;
    }

    /** The condition, or null when a problem was reported. */
    Condition build(OrExprContext expr) {
        Condition c = visit(expr);
        return failed ? null : c;
    }

    @Override
    public Condition visitOrExpr(OrExprContext ctx) {
        List<Condition> operands = new ArrayList<>();
        for (AndExprContext and : ctx.andExpr()) {
            add(operands, visit(and));
        }
        return or(operands);
    }

    @Override
    public Condition visitAndExpr(AndExprContext ctx) {
        List<Condition> operands = new ArrayList<>();
        for (NotExprContext not : ctx.notExpr()) {
            add(operands, visit(not));
        }
        return and(operands);
    }

    @Override
    public Condition visitNotExpr(NotExprContext ctx) {
        Condition c = visit(ctx.primary());
        if (c == null) {
            return null;
        }
        for (int i = 0; i < ctx.NOT().size(); i++) {
            c = new Condition.Not(c);
        }
        return c;
    }

    @Override
    public Condition visitParenthesized(ParenthesizedContext ctx) {
        return visit(ctx.orExpr());
    }

    @Override
    public Condition visitReference(ReferenceContext ctx) {
        Token token = ctx.IDENT().getSymbol();
        String name = token.getText();
        if (name.indexOf('*') >= 0) {
            return fail(IssueCode.CONDITION_SYNTAX, token, Excerpt.quote(name) + " is a pattern: write '1 of "
                    + Excerpt.clip(name) + "' or 'all of " + Excerpt.clip(name) + "'");
        }
        if (!identifiers.contains(name)) {
            return fail(IssueCode.UNDEFINED_IDENTIFIER, token, undefinedMessage(name));
        }
        used.add(name);
        return new Condition.Ref(name);
    }

    @Override
    public Condition visitQuantified(QuantifiedContext ctx) {
        String quantifier = ctx.quantifier.getText();
        boolean any = quantifier.equals("1");
        if (!any && !quantifier.equalsIgnoreCase("all")) {
            return fail(IssueCode.CONDITION_SYNTAX, ctx.quantifier, Excerpt.quote(quantifier + " of")
                    + " is not supported: write '1 of' (any match) or 'all of' (every one matches)");
        }
        String target = ctx.target.getText();
        boolean them = target.equalsIgnoreCase("them");
        List<String> names = them ? identifiers.them() : identifiers.matching(target);
        if (names.isEmpty()) {
            return fail(IssueCode.PATTERN_MATCHES_NOTHING, ctx.target, nothingMatchesMessage(target, them));
        }
        used.addAll(names);
        List<Condition> refs = new ArrayList<>(names.size());
        for (String n : names) {
            refs.add(new Condition.Ref(n));
        }
        return any ? or(refs) : and(refs);
    }

    private String undefinedMessage(String name) {
        String msg = "search identifier " + Excerpt.quote(name) + " is not defined in the detection";
        if (name.equalsIgnoreCase("them")) {
            return msg + "; 'them' only has a meaning in '1 of them' or 'all of them'";
        }
        String suggestion = identifiers.suggestion(name);
        return suggestion == null ? msg : msg + "; did you mean " + Excerpt.quote(suggestion) + "?";
    }

    private String nothingMatchesMessage(String target, boolean them) {
        if (them) {
            return identifiers.all().isEmpty() ? "'them' matches nothing: the detection defines no search identifier"
                    : "'them' matches nothing: every search identifier starts with '_', which 'them' leaves out";
        }
        String lower = target.toLowerCase(Locale.ROOT);
        for (String n : identifiers.all()) {
            if (Identifiers.globMatches(lower, n.toLowerCase(Locale.ROOT))) {
                return Excerpt.quote(target) + " matches no search identifier; identifiers are case-sensitive and "
                        + Excerpt.quote(n) + " differs only in case";
            }
        }
        return Excerpt.quote(target) + " matches no search identifier of the detection";
    }

    private Condition fail(IssueCode code, Token at, String message) {
        failed = true;
        diag.error(code, positions.at(at.getStartIndex()), message);
        return null;
    }

    private static void add(List<Condition> operands, Condition c) {
        if (c != null) {
            operands.add(c);
        }
    }

    static Condition or(List<Condition> operands) {
        List<Condition> flat = new ArrayList<>();
        for (Condition c : operands) {
            if (c instanceof Condition.Or or) {
                flat.addAll(or.operands());
            } else {
                flat.add(c);
            }
        }
        return flat.isEmpty() ? null : flat.size() == 1 ? flat.get(0) : new Condition.Or(flat);
    }

    static Condition and(List<Condition> operands) {
        List<Condition> flat = new ArrayList<>();
        for (Condition c : operands) {
            if (c instanceof Condition.And and) {
                flat.addAll(and.operands());
            } else {
                flat.add(c);
            }
        }
        return flat.isEmpty() ? null : flat.size() == 1 ? flat.get(0) : new Condition.And(flat);
    }
}
