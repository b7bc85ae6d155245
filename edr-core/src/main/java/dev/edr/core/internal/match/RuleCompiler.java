package dev.edr.core.internal.match;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link RulePack} into {@link CompiledRule}s. A rule that cannot be compiled is left out with an
 * error issue at the offending item; so is a rule named by a filter that cannot be compiled (running it
 * unfiltered would raise the very alerts the filter exists to suppress). Correlation rules are compiled
 * elsewhere ({@code internal.correlation}); they are not looked at here.
 */
public final class RuleCompiler {
    /** Deeper condition or selection trees are rejected rather than risking stack exhaustion per event. */
    static final int MAX_NESTING = 200;

    /** The rules that compiled, in pack order, and every problem found. */
    public record CompiledPack(List<CompiledRule> rules, List<Issue> issues) {
        public CompiledPack {
            rules = List.copyOf(rules);
            issues = List.copyOf(issues);
        }
    }

    private RuleCompiler() {}

    public static CompiledPack compile(RulePack pack) {
        SharedPredicates shared = new SharedPredicates();
        List<Issue> issues = new ArrayList<>();
        Map<FilterRule, CompiledFilter> filters = new IdentityHashMap<>();
        for (FilterRule f : pack.filters()) {
            try {
                checkNesting(f.filter().condition(), f.filter().selections().values(), f.location());
                var compiled = DetectionCompiler.compile(f.filter(), f.location(), shared);
                filters.put(f, new CompiledFilter(f, compiled.condition()));
            } catch (DetectionCompiler.Failure e) {
                issues.add(Issue.error(e.code, e.location, "filter '" + f.meta().key() + "': " + e.getMessage()));
            } catch (RuntimeException | StackOverflowError e) {
                issues.add(Issue.error(IssueCode.COMPILE_ERROR, f.location(),
                        "filter '" + f.meta().key() + "' could not be compiled: " + e));
            }
            if (pack.rules().stream().noneMatch(r -> f.rules().stream().anyMatch(ref -> names(r, ref)))) {
                issues.add(Issue.warning(IssueCode.UNKNOWN_RULE_REFERENCE, f.location(),
                        "filter '" + f.meta().key() + "' names no rule of this pack: " + f.rules()));
            }
        }
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < pack.rules().size(); i++) {
            SigmaRule r = pack.rules().get(i);
            CompiledRule c = compileRule(i, r, pack.filters(), filters, issues, shared);
            if (c != null) rules.add(c);
        }
        return new CompiledPack(rules, issues);
    }

    private static CompiledRule compileRule(int index, SigmaRule r, List<FilterRule> allFilters,
            Map<FilterRule, CompiledFilter> compiledFilters, List<Issue> issues, SharedPredicates shared) {
        List<CompiledFilter> applying = new ArrayList<>();
        for (FilterRule f : allFilters) {
            if (f.rules().stream().noneMatch(ref -> names(r, ref))) continue;
            CompiledFilter cf = compiledFilters.get(f);
            if (cf == null) {
                issues.add(Issue.error(IssueCode.COMPILE_ERROR, r.location(), "rule '" + r.meta().key()
                        + "' is not loaded: filter '" + f.meta().key() + "' that applies to it could not be compiled"));
                return null;
            }
            applying.add(cf);
        }
        try {
            checkNesting(r.detection().condition(), r.detection().selections().values(), r.location());
            var compiled = DetectionCompiler.compile(r.detection(), r.location(), shared);
            Selection.FieldMatch required = Precheck.of(r.detection());
            // the condition's own predicate object (shared): a precheck adds no memory
            EventPredicate precheck = required == null ? null
                    : DetectionCompiler.selection(required, r.location(), shared);
            return new CompiledRule(index, r.meta(), r.logsource(), compiled.condition(), compiled.referencedSelections(),
                    compiled.implied(), compiled.impliedMatches(), applying, precheck);
        } catch (DetectionCompiler.Failure e) {
            issues.add(Issue.error(e.code, e.location, e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            issues.add(Issue.error(IssueCode.COMPILE_ERROR, r.location(),
                    "rule '" + r.meta().key() + "' could not be compiled: " + e));
        }
        return null;
    }

    /** Whether the pack document reference (an id or a name) designates the rule. */
    static boolean names(SigmaRule r, String ref) {
        return ref != null && (ref.equals(r.meta().id()) || ref.equals(r.meta().name()));
    }

    private static void checkNesting(Condition condition, Iterable<Selection> selections, SourceLocation at) {
        boolean tooDeep = depth(condition, 0) > MAX_NESTING;
        for (Selection s : selections) {
            tooDeep |= depth(s, 0) > MAX_NESTING;
        }
        if (tooDeep) {
            throw new DetectionCompiler.Failure(IssueCode.COMPILE_ERROR, at,
                    "the detection nests deeper than " + MAX_NESTING + " levels");
        }
    }

    private static int depth(Condition c, int d) {
        if (d > MAX_NESTING) return d;
        if (c instanceof Condition.Not n) return depth(n.operand(), d + 1);
        List<Condition> ops = c instanceof Condition.And a ? a.operands()
                : c instanceof Condition.Or o ? o.operands() : List.of();
        int max = d;
        for (Condition op : ops) max = Math.max(max, depth(op, d + 1));
        return max;
    }

    private static int depth(Selection s, int d) {
        if (d > MAX_NESTING) return d;
        List<Selection> items = s instanceof Selection.AllOf a ? a.items()
                : s instanceof Selection.AnyOf o ? o.items() : List.of();
        int max = d;
        for (Selection i : items) max = Math.max(max, depth(i, d + 1));
        return max;
    }
}
