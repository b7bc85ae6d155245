package dev.edr.core.response;

import dev.edr.core.rule.LogSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which detections a playbook answers. Every criterion given must hold; inside one criterion any listed value
 * will do. {@code rules} match a rule's id or name; {@code tags} are case-insensitive globs
 * ({@code attack.t1003*}); {@code levels} is an explicit set, {@code minimumLevel} a floor on
 * informational &lt; low &lt; medium &lt; high &lt; critical; {@code logSource} fields that are set must equal the
 * detection's; {@code correlation}, when not null, selects correlation (true) or single-event (false) detections.
 * An empty selector matches every detection (the playbook parser refuses one).
 */
public record Selector(Set<String> rules, List<String> tags, Set<String> levels, String minimumLevel,
        LogSource logSource, Boolean correlation) {
    public static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    public Selector {
        rules = Set.copyOf(rules);
        tags = List.copyOf(tags);
        levels = Set.copyOf(levels.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList());
        logSource = logSource == null ? LogSource.ANY : logSource;
        if (minimumLevel != null && rank(minimumLevel) < 0) {
            throw new IllegalArgumentException("unknown level '" + minimumLevel + "'");
        }
    }

    public static Selector forRule(String ruleKey) {
        return new Selector(Set.of(ruleKey), List.of(), Set.of(), null, LogSource.ANY, null);
    }

    public boolean isEmpty() {
        return rules.isEmpty() && tags.isEmpty() && levels.isEmpty() && minimumLevel == null
                && logSource.equals(LogSource.ANY) && correlation == null;
    }

    public boolean matches(Trigger t) {
        if (!rules.isEmpty() && !(contains(rules, t.ruleId()) || contains(rules, t.ruleName()))) {
            return false;
        }
        if (!tags.isEmpty() && tags.stream().noneMatch(p -> t.tags().stream().anyMatch(
                tag -> Globs.matchesIgnoreCase(p, tag)))) {
            return false;
        }
        String level = t.level() == null ? null : t.level().toLowerCase(Locale.ROOT);
        if (!levels.isEmpty() && !levels.contains(level)) {
            return false;
        }
        if (minimumLevel != null && (level == null || rank(level) < rank(minimumLevel))) {
            return false;
        }
        if (correlation != null && correlation != t.correlation()) {
            return false;
        }
        return same(logSource.product(), t.logSource().product()) && same(logSource.category(),
                t.logSource().category()) && same(logSource.service(), t.logSource().service());
    }

    private static boolean contains(Set<String> set, String v) {
        return v != null && set.contains(v);
    }

    private static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    /** Position in {@link #LEVELS}, or -1. */
    public static int rank(String level) {
        return level == null ? -1 : LEVELS.indexOf(level.toLowerCase(Locale.ROOT));
    }
}
