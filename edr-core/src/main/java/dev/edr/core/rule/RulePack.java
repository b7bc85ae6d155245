package dev.edr.core.rule;

import dev.edr.core.diag.Issue;
import java.util.ArrayList;
import java.util.List;

/** What loading produced: the documents that loaded, and every issue found (errors and warnings). */
public record RulePack(List<SigmaRule> rules, List<CorrelationRule> correlations, List<FilterRule> filters,
        List<Issue> issues) {
    public RulePack {
        rules = List.copyOf(rules);
        correlations = List.copyOf(correlations);
        filters = List.copyOf(filters);
        issues = List.copyOf(issues);
    }

    public static RulePack of(List<SigmaRule> rules) {
        return new RulePack(rules, List.of(), List.of(), List.of());
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(i -> i.isError());
    }

    public List<SigmaDocument> documents() {
        List<SigmaDocument> all = new ArrayList<>(rules);
        all.addAll(correlations);
        all.addAll(filters);
        return all;
    }

    /** This pack followed by {@code other}. */
    public RulePack merge(RulePack other) {
        List<SigmaRule> r = new ArrayList<>(rules);
        r.addAll(other.rules);
        List<CorrelationRule> c = new ArrayList<>(correlations);
        c.addAll(other.correlations);
        List<FilterRule> f = new ArrayList<>(filters);
        f.addAll(other.filters);
        List<Issue> i = new ArrayList<>(issues);
        i.addAll(other.issues);
        return new RulePack(r, c, f, i);
    }
}
