package dev.edr.dsl.internal.condition;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.condition.LegacyMessages.RuleContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.AggregationContext;
import dev.edr.dsl.internal.condition.SigmaConditionParser.ConditionContext;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Parses a detection's {@code condition} (a string or a list of strings, meaning OR). */
public final class ConditionParser {
    private ConditionParser() {}

    /**
     * @param condition the YAML node of the {@code condition} key
     * @param identifiers every search identifier defined in the detection, in file order (also those whose
     *     definition had errors, so they are not reported again as undefined)
     * @return the condition with {@code x of} patterns expanded, or {@code null} after reporting errors
     */
    public static Condition parse(YNode condition, List<String> identifiers, Diagnostics diag) {
        return parse(condition, identifiers, null, null, diag);
    }

    /**
     * Same as {@link #parse(YNode, List, Diagnostics)}, naming the rule ({@code id} or {@code name}) and the legacy
     * {@code detection.timeframe} so that the correlation rule suggested for a v1 aggregation can be copied as is.
     * Either may be null.
     */
    public static Condition parse(YNode condition, List<String> identifiers, String ruleReference, String timeframe,
            Diagnostics diag) {
        Objects.requireNonNull(identifiers, "identifiers");
        Objects.requireNonNull(diag, "diag");
        if (condition == null) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, null, "the detection has no 'condition'");
            return null;
        }
        Run run = new Run(new Identifiers(identifiers), new RuleContext(ruleReference, timeframe), diag);
        Condition result = run.parseNode(condition);
        if (result != null) {
            run.warnUnused(condition);
        }
        return result;
    }

    /** State of one call: which identifiers the condition used, for the "never used" warnings. */
    private static final class Run {
        private final Identifiers identifiers;
        private final RuleContext context;
        private final Diagnostics diag;
        private final Set<String> used = new HashSet<>();

        Run(Identifiers identifiers, RuleContext context, Diagnostics diag) {
            this.identifiers = identifiers;
            this.context = context;
            this.diag = diag;
        }

        Condition parseNode(YNode node) {
            if (node instanceof YScalar scalar) {
                return parseScalar(scalar);
            }
            if (node instanceof YMap) {
                diag.error(IssueCode.INVALID_ATTRIBUTE, node.location(),
                        "'condition' must be a string or a list of strings, not a map");
                return null;
            }
            YSeq seq = (YSeq) node;
            if (seq.items().isEmpty()) {
                diag.error(IssueCode.CONDITION_SYNTAX, seq.location(), "the condition list is empty");
                return null;
            }
            List<Condition> alternatives = new ArrayList<>();
            boolean ok = true;
            for (YNode item : seq.items()) {
                Condition c = null;
                if (item instanceof YScalar scalar) {
                    c = parseScalar(scalar);
                } else {
                    diag.error(IssueCode.INVALID_ATTRIBUTE, item.location(),
                            "each entry of the 'condition' list must be a string, not a " + item.typeName());
                }
                ok &= c != null;
                alternatives.add(c);
            }
            return ok ? TreeBuilder.or(alternatives) : null;
        }

        private Condition parseScalar(YScalar scalar) {
            if (scalar.isNull() || scalar.text().isBlank()) {
                diag.error(IssueCode.CONDITION_SYNTAX, scalar.location(), "the condition is empty");
                return null;
            }
            String text = scalar.text();
            QuickConditions.Result quick = QuickConditions.parse(text, identifiers);
            if (quick != null) {
                used.addAll(quick.used());
                return quick.condition();
            }
            ScalarPositions positions = ScalarPositions.of(scalar, diag);
            ConditionSyntax.Parsed parsed = ConditionSyntax.parse(text);
            if (parsed.problem() != null) {
                ConditionSyntax.Problem p = parsed.problem();
                diag.error(p.code(), positions.at(p.offset()), p.message());
                return null;
            }
            ConditionContext tree = parsed.tree();
            Condition search = new TreeBuilder(identifiers, positions, diag, used).build(tree.orExpr());
            AggregationContext aggregation = tree.aggregation();
            if (aggregation != null) {
                new LegacyTail(text, positions, context, diag).report(tree.orExpr(), aggregation);
                return null;
            }
            return search;
        }

        void warnUnused(YNode condition) {
            IdentifierLocator locator = null;
            for (String name : identifiers.all()) {
                if (!used.contains(name)) {
                    if (locator == null) {
                        locator = new IdentifierLocator(diag, condition.location());
                    }
                    diag.warning(IssueCode.UNUSED_IDENTIFIER, locator.locate(name),
                            "search identifier " + Excerpt.quote(name) + " is never used in the condition");
                }
            }
        }
    }
}
