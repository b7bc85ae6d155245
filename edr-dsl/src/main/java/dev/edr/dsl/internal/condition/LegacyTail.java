package dev.edr.dsl.internal.condition;

import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.condition.LegacyMessages.RuleContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.AggregateContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.AggregationContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.AndExprContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.NearSearchContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.NotExprContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.OrExprContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Reports a parsed v1 aggregation or {@code near} tail with the equivalent v2 correlation rule. */
final class LegacyTail {
    private static final List<String> FUNCTIONS = List.of("count", "min", "max", "avg", "sum");

    private final int[] text;
    private final ScalarPositions positions;
    private final RuleContext context;
    private final Diagnostics diag;

    LegacyTail(String text, ScalarPositions positions, RuleContext context, Diagnostics diag) {
        this.text = text.codePoints().toArray();
        this.positions = positions;
        this.context = context;
        this.diag = diag;
    }

    void report(OrExprContext search, AggregationContext aggregation) {
        Token pipe = aggregation.PIPE().getSymbol();
        if (aggregation.aggregationBody() instanceof NearSearchContext near) {
            reportNear(search, near);
        } else {
            reportAggregate(search, pipe, (AggregateContext) aggregation.aggregationBody());
        }
    }

    private void reportAggregate(OrExprContext search, Token pipe, AggregateContext agg) {
        String function = agg.function.getText();
        boolean byKeyword = agg.by == null || agg.by.getText().equalsIgnoreCase("by");
        if (!FUNCTIONS.contains(function.toLowerCase(java.util.Locale.ROOT)) || !byKeyword) {
            diag.error(IssueCode.LEGACY_AGGREGATION, positions.at(pipe.getStartIndex()),
                    LegacyMessages.aggregationWithoutDetails());
            return;
        }
        List<String> groupBy = agg.groupBy.stream().map(Token::getText).toList();
        String field = agg.field == null ? null : agg.field.getText();
        String tail = "| " + source(agg);
        diag.error(IssueCode.LEGACY_AGGREGATION, positions.at(pipe.getStartIndex()), LegacyMessages.aggregation(tail,
                source(search), function, field, groupBy, agg.COMPARE().getText(), agg.threshold.getText(), context));
    }

    private void reportNear(OrExprContext search, NearSearchContext near) {
        if (!near.near.getText().equalsIgnoreCase("near")) {
            diag.error(IssueCode.LEGACY_AGGREGATION, positions.at(near.getStart().getStartIndex()),
                    LegacyMessages.aggregationWithoutDetails());
            return;
        }
        List<String> positive = new ArrayList<>();
        List<String> negated = new ArrayList<>();
        OrExprContext nearExpr = near.orExpr();
        if (nearExpr.andExpr().size() == 1) {
            AndExprContext and = nearExpr.andExpr(0);
            for (NotExprContext operand : and.notExpr()) {
                (operand.NOT().size() % 2 == 1 ? negated : positive).add(source(operand));
            }
        } else {
            positive.add(source(nearExpr));
        }
        diag.error(IssueCode.LEGACY_NEAR, positions.at(near.near.getStartIndex()),
                LegacyMessages.near(source(search), positive, negated, context));
    }

    private String source(ParserRuleContext ctx) {
        int start = ctx.getStart().getStartIndex();
        int stop = ctx.getStop().getStopIndex();
        return new String(text, start, stop - start + 1);
    }
}
