package dev.edr.core.internal.correlation;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.Type;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a pack's correlations into {@link CompiledCorrelation}s in dependency order. A correlation with a
 * missing key, a reference to no loaded rule, a cycle, or an input correlation that failed is left out with a
 * located error (the YAML loader reports the same earlier; this guards programmatic packs). Also decides which
 * rules are output on their own: a rule or correlation that correlations use as input is output only if one of
 * them says {@code generate: true} (Sigma v2.1: "only the correlation query should be generated (default)").
 */
final class CorrelationPlan {
    /** What the plan produced: correlations in dependency order, the base rules' input keys, issues. */
    record Result(List<CompiledCorrelation> correlations, Map<RuleMeta, String> baseInputs,
            Set<RuleMeta> suppressedRules, List<Issue> issues) {}

    private final RulePack pack;
    private final Set<SigmaRule> compiledRules;
    private final List<Issue> issues = new ArrayList<>();
    private final Map<String, String> byId = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Map<String, CorrelationRule> correlationByKey = new HashMap<>();
    private final Map<String, List<String>> resolved = new HashMap<>();
    private final Map<String, Boolean> valid = new HashMap<>();
    private final List<String> order = new ArrayList<>();

    private CorrelationPlan(RulePack pack, Set<SigmaRule> compiledRules) {
        this.pack = pack;
        this.compiledRules = compiledRules;
    }

    /** {@code compiledRules}: the detection rules the base engine evaluates (others cannot feed correlations). */
    static Result plan(RulePack pack, Set<SigmaRule> compiledRules) {
        return new CorrelationPlan(pack, compiledRules).run();
    }

    private Result run() {
        index();
        for (int j = 0; j < pack.correlations().size(); j++) {
            CorrelationRule c = pack.correlations().get(j);
            correlationByKey.put("c" + j, c);
            resolved.put("c" + j, checkShapeAndResolve(c));
        }
        for (int j = 0; j < pack.correlations().size(); j++) {
            visit("c" + j, new ArrayList<>());
        }
        List<CompiledCorrelation> compiled = new ArrayList<>();
        for (String key : order) {
            compiled.add(compile(compiled.size(), key, correlationByKey.get(key), resolved.get(key)));
        }
        Set<String> referenced = new HashSet<>();
        Set<String> generated = new HashSet<>();
        for (CompiledCorrelation c : compiled) {
            referenced.addAll(c.inputs());
            if (c.rule().generate()) generated.addAll(c.inputs());
        }
        List<CompiledCorrelation> out = new ArrayList<>();
        for (CompiledCorrelation c : compiled) {
            boolean feeds = referenced.contains(c.key());
            out.add(c.withOutput(!feeds || generated.contains(c.key()), feeds));
        }
        Map<RuleMeta, String> baseInputs = new IdentityHashMap<>();
        Set<RuleMeta> suppressed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < pack.rules().size(); i++) {
            String key = "r" + i;
            if (referenced.contains(key)) {
                baseInputs.put(pack.rules().get(i).meta(), key);
                if (!generated.contains(key)) suppressed.add(pack.rules().get(i).meta());
            }
        }
        return new Result(out, baseInputs, suppressed, issues);
    }

    private void index() {
        for (int i = 0; i < pack.rules().size(); i++) {
            register(pack.rules().get(i).meta(), "r" + i);
        }
        for (int j = 0; j < pack.correlations().size(); j++) {
            register(pack.correlations().get(j).meta(), "c" + j);
        }
    }

    private void register(RuleMeta meta, String key) {
        if (meta.id() != null) byId.putIfAbsent(meta.id(), key);
        if (meta.name() != null) byName.putIfAbsent(meta.name(), key);
    }

    /** Ids win over names, as in the loader's pack validation. */
    private String lookup(String ref) {
        String key = byId.get(ref);
        return key != null ? key : byName.get(ref);
    }

    private List<String> checkShapeAndResolve(CorrelationRule c) {
        List<String> problems = new ArrayList<>();
        if (c.type() == null) problems.add("has no type");
        if (c.timespan() == null || c.timespan().isNegative() || c.timespan().isZero()) {
            problems.add("has no positive timespan");
        }
        if (c.rules().isEmpty()) problems.add("names no rules");
        boolean temporal = c.type() == Type.TEMPORAL || c.type() == Type.TEMPORAL_ORDERED;
        if (c.type() != null && !temporal && (c.condition() == null || c.condition().bounds().isEmpty())) {
            problems.add("has no condition (gt, gte, lt, lte, eq or neq)");
        }
        if (isValueType(c.type()) && (c.condition() == null || c.condition().field() == null)) {
            problems.add("has no condition field (required by " + c.type().sigmaName() + ")");
        }
        for (String p : problems) {
            issues.add(Issue.error(IssueCode.MISSING_ATTRIBUTE, c.location(), "correlation '" + c.meta().key()
                    + "' " + p + "; it is not evaluated"));
        }
        List<String> keys = new ArrayList<>();
        boolean ok = problems.isEmpty();
        for (String ref : c.rules()) {
            String key = lookup(ref);
            if (key == null) {
                issues.add(Issue.error(IssueCode.UNKNOWN_RULE_REFERENCE, c.location(), "correlation '"
                        + c.meta().key() + "' names '" + ref + "', which no rule or correlation has as id or name"));
                ok = false;
            } else if (key.startsWith("r") && !compiledRules.contains(pack.rules().get(index(key)))) {
                issues.add(Issue.error(IssueCode.UNKNOWN_RULE_REFERENCE, c.location(), "correlation '"
                        + c.meta().key() + "' names '" + ref + "', a rule that did not compile; it is not evaluated"));
                ok = false;
            } else if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return ok ? keys : null;
    }

    private static int index(String key) {
        return Integer.parseInt(key.substring(1));
    }

    private static boolean isValueType(Type t) {
        return t == Type.VALUE_COUNT || t == Type.VALUE_SUM || t == Type.VALUE_AVG || t == Type.VALUE_PERCENTILE;
    }

    /** Depth-first: appends valid correlations after their inputs; true when {@code key} is valid. */
    private boolean visit(String key, List<String> path) {
        Boolean known = valid.get(key);
        if (known != null) return known;
        CorrelationRule c = correlationByKey.get(key);
        if (path.contains(key)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
            String text = String.join(" -> ", cycle.stream().map(k -> correlationByKey.get(k).meta().key()).toList())
                    + " -> " + c.meta().key();
            for (String member : cycle) {
                CorrelationRule m = correlationByKey.get(member);
                issues.add(Issue.error(IssueCode.CORRELATION_CYCLE, m.location(), "correlation '" + m.meta().key()
                        + "' is part of a reference cycle: " + text));
                valid.put(member, false);
            }
            return false;
        }
        List<String> inputs = resolved.get(key);
        boolean ok = inputs != null;
        path.add(key);
        for (String in : inputs == null ? List.<String>of() : inputs) {
            if (in.startsWith("c") && !visit(in, path)) {
                if (valid.get(key) == null && ok) {
                    issues.add(Issue.error(IssueCode.UNKNOWN_RULE_REFERENCE, c.location(), "correlation '"
                            + c.meta().key() + "' is not evaluated: its input correlation '"
                            + correlationByKey.get(in).meta().key() + "' is not"));
                }
                ok = false;
            }
        }
        path.remove(path.size() - 1);
        if (valid.containsKey(key)) return valid.get(key); // decided inside a cycle below us
        valid.put(key, ok);
        if (ok) order.add(key);
        return ok;
    }

    private CompiledCorrelation compile(int position, String key, CorrelationRule c, List<String> inputs) {
        Map<String, Integer> inputIndex = new LinkedHashMap<>();
        for (String in : inputs) inputIndex.put(in, inputIndex.size());
        List<List<String>> groupFields = new ArrayList<>();
        List<String> valueFields = new ArrayList<>();
        String valueField = c.condition() == null ? null : c.condition().field();
        for (String in : inputs) {
            List<String> fields = new ArrayList<>();
            for (String g : c.groupBy()) fields.add(aliased(c, g, in));
            groupFields.add(List.copyOf(fields));
            valueFields.add(valueField == null ? null : aliased(c, valueField, in));
        }
        Bounds bounds = c.condition() == null || c.condition().bounds().isEmpty()
                ? Bounds.atLeast(inputs.size()) : new Bounds(c.condition().bounds());
        return new CompiledCorrelation(position, c, key, c.timespan().toMillis(), List.copyOf(inputs),
                Collections.unmodifiableMap(inputIndex), List.copyOf(groupFields),
                Collections.unmodifiableList(valueFields), bounds,
                c.condition() == null ? null : c.condition().percentile(), true, false);
    }

    /** The field behind {@code name} for events of input {@code in}: an alias entry naming that input, else itself. */
    private String aliased(CorrelationRule c, String name, String in) {
        Map<String, String> perRule = c.aliases().get(name);
        if (perRule != null) {
            for (Map.Entry<String, String> e : perRule.entrySet()) {
                if (in.equals(lookup(e.getKey()))) return e.getValue();
            }
        }
        return name;
    }
}
