package dev.edr.dsl.internal.pack;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.Severity;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.SigmaRule;
import dev.edr.dsl.internal.document.BuiltDocument;
import dev.edr.dsl.internal.document.Located;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that span documents: duplicate ids and names, correlation references (unknown, not loaded, naming
 * a filter, cycles) and filter references. The first document of a duplicate keeps loading, later ones are
 * rejected; a correlation whose references do not all resolve to loaded documents is rejected, which may in
 * turn reject correlations built on it. Filters naming unknown rules only draw warnings: filters are often
 * shipped apart from the rules they tune.
 */
public final class PackValidator {
    private final List<BuiltDocument> docs;
    private final List<List<Issue>> issues = new ArrayList<>();
    private final Set<Integer> active = new LinkedHashSet<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, Integer> failedByKey = new HashMap<>();

    private PackValidator(List<BuiltDocument> docs) {
        this.docs = docs;
        for (int i = 0; i < docs.size(); i++) {
            issues.add(new ArrayList<>());
            if (docs.get(i).loaded()) active.add(i);
        }
    }

    /** The outcome: issues per document (parallel to the input) and the indexes of documents rejected. */
    public record Result(List<List<Issue>> issues, Set<Integer> rejected) {}

    public static Result validate(List<BuiltDocument> docs) {
        PackValidator v = new PackValidator(docs);
        v.duplicates();
        v.index();
        while (v.checkCorrelationReferences()) {
            // repeat: rejecting one correlation can break those that refer to it
        }
        v.cycles();
        while (v.checkCorrelationReferences()) {
            // again, for correlations built on a cycle
        }
        v.checkFilterReferences();
        Set<Integer> rejected = new HashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            if (docs.get(i).loaded() && !v.active.contains(i)) rejected.add(i);
        }
        return new Result(v.issues, rejected);
    }

    private void duplicates() {
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        Set<Integer> duplicated = new HashSet<>();
        for (int i : active) {
            BuiltDocument d = docs.get(i);
            duplicate(i, d.id(), ids, IssueCode.DUPLICATE_ID, "id", duplicated);
            duplicate(i, d.name(), names, IssueCode.DUPLICATE_NAME, "name", duplicated);
        }
        active.removeAll(duplicated);
    }

    private void duplicate(int i, Located key, Map<String, Integer> seen, IssueCode code, String what,
            Set<Integer> duplicated) {
        if (key == null) return;
        Integer first = seen.putIfAbsent(key.text(), i);
        if (first != null) {
            Located firstKey = what.equals("id") ? docs.get(first).id() : docs.get(first).name();
            report(i, Severity.ERROR, code, key, "duplicate " + what + " '" + key.text() + "': "
                    + docs.get(first).kind().label() + " at " + firstKey.location() + " already uses it; this "
                    + docs.get(i).kind().label() + " is not loaded");
            duplicated.add(i);
        }
    }

    private void index() {
        for (int i = 0; i < docs.size(); i++) {
            BuiltDocument d = docs.get(i);
            Map<String, Integer> target = active.contains(i) ? byKey : failedByKey;
            if (d.nameText() != null) target.putIfAbsent(d.nameText(), i);
            if (d.idText() != null) target.put(d.idText(), i); // ids win over names
        }
    }

    /** One pass over the active correlations; true when it rejected any. */
    private boolean checkCorrelationReferences() {
        boolean changed = false;
        for (int i : List.copyOf(active)) {
            if (!(docs.get(i).document() instanceof CorrelationRule)) continue;
            boolean ok = true;
            for (Located ref : docs.get(i).references()) {
                String problem = correlationProblem(ref.text());
                if (problem != null) {
                    report(i, Severity.ERROR, IssueCode.UNKNOWN_RULE_REFERENCE, ref, problem);
                    ok = false;
                }
            }
            if (!ok) {
                active.remove(i);
                changed = true;
            }
        }
        return changed;
    }

    private String correlationProblem(String ref) {
        Integer target = byKey.get(ref);
        if (target == null) {
            return failedByKey.containsKey(ref) ? notLoaded(ref, failedByKey.get(ref))
                    : "no rule or correlation in the pack has the id or name '" + ref + "'";
        }
        if (!active.contains(target)) return notLoaded(ref, target);
        if (docs.get(target).document() instanceof FilterRule) {
            return "'" + ref + "' is a filter; correlations combine rules and correlations";
        }
        return null;
    }

    private String notLoaded(String ref, int target) {
        return "'" + ref + "' (the " + docs.get(target).kind().label() + " at " + docs.get(target).location()
                + ") did not load; see its errors";
    }

    private void cycles() {
        Set<Integer> inCycle = new HashSet<>();
        for (int start : active) {
            if (!(docs.get(start).document() instanceof CorrelationRule) || inCycle.contains(start)) continue;
            List<Integer> path = pathBack(start);
            if (path == null) continue;
            inCycle.addAll(path);
            StringBuilder chain = new StringBuilder(key(start));
            for (int j = 1; j < path.size(); j++) chain.append(" -> ").append(key(path.get(j)));
            chain.append(" -> ").append(key(start));
            for (int member : path) {
                int next = path.get((path.indexOf(member) + 1) % path.size());
                Located ref = docs.get(member).references().stream()
                        .filter(r -> Integer.valueOf(next).equals(byKey.get(r.text()))).findFirst().orElseThrow();
                report(member, Severity.ERROR, IssueCode.CORRELATION_CYCLE, ref, "correlations refer to each other"
                        + " in a cycle: " + chain);
            }
        }
        active.removeAll(inCycle);
    }

    /** The correlations on a reference path from {@code start} back to itself, start first; null if none. */
    private List<Integer> pathBack(int start) {
        Map<Integer, Integer> parent = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            int at = queue.poll();
            for (Located ref : docs.get(at).references()) {
                Integer next = byKey.get(ref.text());
                if (next == null || !(docs.get(next).document() instanceof CorrelationRule)) continue;
                if (next == start) {
                    List<Integer> path = new ArrayList<>();
                    for (Integer p = at; p != null; p = parent.get(p)) path.add(0, p);
                    return path;
                }
                if (!parent.containsKey(next) && active.contains(next)) {
                    parent.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    private void checkFilterReferences() {
        for (int i : active) {
            if (!(docs.get(i).document() instanceof FilterRule)) continue;
            for (Located ref : docs.get(i).references()) {
                Integer target = byKey.get(ref.text());
                String problem;
                if (target == null && failedByKey.containsKey(ref.text())) {
                    problem = notLoaded(ref.text(), failedByKey.get(ref.text()));
                } else if (target == null) {
                    problem = "no rule in the pack has the id or name '" + ref.text() + "'; the filter has no effect"
                            + " unless that rule is loaded too";
                } else if (!active.contains(target)) {
                    problem = notLoaded(ref.text(), target);
                } else if (!(docs.get(target).document() instanceof SigmaRule)) {
                    problem = "'" + ref.text() + "' is a " + docs.get(target).kind().label()
                            + "; filters apply to detection rules";
                } else {
                    continue;
                }
                report(i, Severity.WARNING, IssueCode.UNKNOWN_RULE_REFERENCE, ref, problem);
            }
        }
    }

    private String key(int i) {
        BuiltDocument d = docs.get(i);
        return d.nameText() != null ? d.nameText() : d.idText() != null ? d.idText() : String.valueOf(d.title());
    }

    private void report(int doc, Severity severity, IssueCode code, Located at, String message) {
        issues.get(doc).add(new Issue(severity, code, at.location(), message, at.context()));
    }
}
