package dev.edr.core.internal.prefilter;

import dev.edr.core.event.Event;
import dev.edr.core.internal.match.EventPredicate;
import dev.edr.core.rule.LogSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks, per event, the few rules worth evaluating. Rules are numbered by slot (their position in the compiled
 * pack). Each distinct logsource is a route; an event activates the routes whose logsource it fits (a handful of
 * hash lookups). A rule with literal triggers ({@link Triggers}) becomes a candidate only when the per-field
 * automata ({@link FieldLiterals}) find an atom of each of its trigger groups in the event; a rule without
 * triggers is a candidate whenever its route is active. Immutable and thread-safe; per-event work happens in a {@link CandidateCollector}.
 */
public final class CandidateIndex {
    private static final int[] NO_FIELDS = new int[0];
    private static final int MAX_CACHED_KEYS = 4096;
    /** product -> category -> service -> route (null keys stand for "any"). */
    private final Map<String, Map<String, Map<String, Integer>>> router;
    private final int routeCount;
    private final int[] slotRoute;
    private final int[][] routeAlways;
    private final int[][] routeFields;
    private final int[][] routeKeywordSlots;
    final String[] fieldNames;
    final FieldLiterals[] fields;
    /**
     * Per atom, the groups it belongs to, each as {@code slot << 2 | group}: an atom of one group is that entry
     * itself (one load per hit, no array to reach); otherwise {@code ~offset} of its run in {@link #atomRuns}
     * (the run's length, then its entries; atoms with equal entries share one run).
     */
    final int[] atomEntry;
    final int[] atomRuns;
    /** Rule field ids by lower-cased name (every spelling rules use), and the keyword pseudo-field's id or -1. */
    private final Map<String, int[]> fieldsByLowerName;
    private final int keywordField;
    /** Event field name to rule field ids; event field names are few and recur, so this stays small. */
    private final Map<String, int[]> keyCache = new ConcurrentHashMap<>();
    /**
     * Keyword automata narrowed to the routes an event activates: bit {@code keywordRouteBit[r]} stands for route
     * {@code r} (-1: no keyword atoms, or more than 64 such routes, when the whole keyword automaton is used).
     */
    private final int[] keywordRouteBit;
    private final Atom[] keywordAtoms;
    private final int[] keywordAtomIds;
    private final long[] keywordAtomRoutes;
    private final Map<Long, FieldLiterals> keywordBySet = new ConcurrentHashMap<>();
    private static final int MAX_KEYWORD_SETS = 256;
    /** Per slot, the mask of all its groups: the rule is a candidate when its hit mask reaches it. */
    final byte[] fullMask;
    /** The group number of a veto entry in {@link #atomEntry} (trigger groups are 0 to 2). */
    static final int VETO = 3;
    /** Per field, {@link FieldLiterals#numeric()}: read for every number of every event, so kept apart. */
    final boolean[] numeric;
    private final int triggered;
    private final int atomCount;
    /**
     * Per slot, a test the rule's condition requires that no literal expresses (a field compared with another, a
     * regex without literals), or {@code null}: a rule without triggers becomes a candidate only when it holds.
     */
    final EventPredicate[] prechecks;

    private CandidateIndex(Builder b) {
        this.prechecks = b.prechecks;
        this.router = b.router;
        this.routeCount = b.routeCount;
        this.slotRoute = b.slotRoute;
        this.routeAlways = b.routeAlways;
        this.routeFields = b.routeFields;
        this.routeKeywordSlots = b.routeKeywordSlots;
        this.fieldNames = b.fieldNames;
        this.fields = b.fields;
        this.atomEntry = new int[b.atomSlots.length];
        Map<int[], Integer> runOffsets = new IdentityHashMap<>(); // equal entries are one array already
        Automaton.IntList runs = new Automaton.IntList();
        for (int id = 0; id < atomEntry.length; id++) {
            int[] entries = b.atomSlots[id];
            if (entries.length == 1) {
                atomEntry[id] = entries[0]; // slot << 2 | group: never negative
                continue;
            }
            Integer offset = runOffsets.get(entries);
            if (offset == null) {
                offset = runs.size();
                runOffsets.put(entries, offset);
                runs.add(entries.length);
                for (int e : entries) runs.add(e);
            }
            atomEntry[id] = ~offset;
        }
        this.atomRuns = runs.toArray();
        this.fullMask = b.fullMask;
        this.numeric = new boolean[fields.length];
        for (int f = 0; f < fields.length; f++) numeric[f] = fields[f] != null && fields[f].numeric();
        Map<String, List<Integer>> byLower = new HashMap<>();
        int keyword = -1;
        for (int f = 0; f < fieldNames.length; f++) {
            if (fieldNames[f] == null) {
                keyword = f;
            } else {
                byLower.computeIfAbsent(fieldNames[f].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
            }
        }
        this.keywordField = keyword;
        Map<String, int[]> lower = new HashMap<>();
        byLower.forEach((k, v) -> lower.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.fieldsByLowerName = lower;
        this.triggered = b.triggered;
        this.atomCount = b.atomSlots.length;
        this.keywordRouteBit = new int[routeCount];
        Arrays.fill(keywordRouteBit, -1);
        int bits = 0;
        for (int r = 0; r < routeCount; r++) {
            if (routeKeywordSlots[r].length > 0) keywordRouteBit[r] = bits++;
        }
        if (bits > 64) {
            Arrays.fill(keywordRouteBit, -1);
        }
        List<Atom> atoms = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<Long> routes = new ArrayList<>();
        for (int id = 0; id < b.atomsById.size(); id++) {
            Atom a = b.atomsById.get(id);
            if (a.field() != null) continue;
            long mask = 0;
            for (int entry : b.atomSlots[id]) {
                int bit = keywordRouteBit[slotRoute[entry >>> 2]];
                if (bit >= 0) mask |= 1L << bit;
            }
            atoms.add(a);
            ids.add(id);
            routes.add(mask);
        }
        this.keywordAtoms = atoms.toArray(Atom[]::new);
        this.keywordAtomIds = ids.stream().mapToInt(Integer::intValue).toArray();
        this.keywordAtomRoutes = routes.stream().mapToLong(Long::longValue).toArray();
    }

    /** The bit standing for route {@code r} in a keyword route set, or -1. */
    int keywordRouteBit(int route) {
        return keywordRouteBit[route];
    }

    /**
     * The keyword atoms of the routes in {@code routeSet} (bits from {@link #keywordRouteBit}), in one automaton:
     * most events activate one or two routes with keyword rules (SigmaHQ's "Mimikatz Use" applies to every Windows
     * event), and a small automaton stays in its dense rows. Built on first use; past a few hundred distinct sets
     * (which real logsources do not reach) the automaton of all keyword atoms serves.
     */
    FieldLiterals keywordLiterals(long routeSet) {
        FieldLiterals f = keywordBySet.get(routeSet);
        if (f != null) {
            return f;
        }
        if (routeSet == 0 || keywordBySet.size() >= MAX_KEYWORD_SETS) {
            return fields[keywordField];
        }
        return keywordBySet.computeIfAbsent(routeSet, set -> {
            List<Atom> atoms = new ArrayList<>();
            Automaton.IntList ids = new Automaton.IntList();
            for (int i = 0; i < keywordAtoms.length; i++) {
                if ((keywordAtomRoutes[i] & set) != 0) {
                    atoms.add(keywordAtoms[i]);
                    ids.add(keywordAtomIds[i]);
                }
            }
            return FieldLiterals.of(atoms, ids.toArray());
        });
    }

    /**
     * The index of {@code rules}, compiled from {@code pack} (slot n is {@code rules.get(n)}), everything derived here
     * in turn: for tools and tests. The engine derives the triggers on a helper thread while the rules compile.
     */
    public static CandidateIndex of(dev.edr.core.rule.RulePack pack, List<dev.edr.core.internal.match.CompiledRule> rules) {
        IntFunction<dev.edr.core.rule.Detection> detection = slot -> pack.rules().get(rules.get(slot).index()).detection();
        return of(rules, slot -> Triggers.of(detection.apply(slot)), slot -> Vetoes.of(detection.apply(slot)));
    }

    /**
     * The index of {@code rules} (slot n is {@code rules.get(n)}) with each slot's trigger groups and veto atoms as
     * given, taken slot by slot: each rule's logsource and precheck come from the rule itself.
     */
    public static CandidateIndex of(List<dev.edr.core.internal.match.CompiledRule> rules,
            IntFunction<List<Set<Atom>>> triggersOfSlot, IntFunction<Set<Atom>> vetoesOfSlot) {
        List<LogSource> logsources = new ArrayList<>(rules.size());
        List<List<Set<Atom>>> triggers = new ArrayList<>(rules.size());
        List<Set<Atom>> vetoes = new ArrayList<>(rules.size());
        List<EventPredicate> prechecks = new ArrayList<>(rules.size());
        for (int slot = 0; slot < rules.size(); slot++) {
            logsources.add(rules.get(slot).logsource());
            prechecks.add(rules.get(slot).precheck());
            triggers.add(triggersOfSlot.apply(slot));
            vetoes.add(vetoesOfSlot.apply(slot));
        }
        return build(logsources, triggers, vetoes, prechecks);
    }

    /**
     * @param logsources the logsource of each slot's rule
     * @param triggers each slot's trigger groups ({@link Triggers#of}), empty when the rule has none
     */
    public static CandidateIndex build(List<LogSource> logsources, List<List<Set<Atom>>> triggers) {
        return build(logsources, triggers, java.util.Collections.nCopies(triggers.size(), Set.of()));
    }

    /** {@link #build(List, List)} with each slot's veto atoms ({@link Vetoes#of}) too. */
    public static CandidateIndex build(List<LogSource> logsources, List<List<Set<Atom>>> triggers,
            List<Set<Atom>> vetoes) {
        return build(logsources, triggers, vetoes, java.util.Collections.nCopies(triggers.size(), null));
    }

    /**
     * {@link #build(List, List, List)} with each slot's precheck: a test that the rule's condition requires, which a
     * rule without triggers must pass to become a candidate ({@code null} for none).
     */
    public static CandidateIndex build(List<LogSource> logsources, List<List<Set<Atom>>> triggers,
            List<Set<Atom>> vetoes, List<EventPredicate> prechecks) {
        if (logsources.size() != triggers.size() || vetoes.size() != triggers.size()
                || prechecks.size() != triggers.size()) {
            throw new IllegalArgumentException("one logsource, one trigger set, one veto set and one precheck per slot");
        }
        Builder b = new Builder(logsources, triggers, vetoes);
        EventPredicate[] checks = prechecks.toArray(EventPredicate[]::new);
        b.prechecks = Arrays.stream(checks).allMatch(java.util.Objects::isNull) ? null : checks;
        return b.index();
    }

    public CandidateCollector newCollector() {
        return new CandidateCollector(this, slotRoute.length, routeCount, fields.length);
    }

    public int slotCount() {
        return slotRoute.length;
    }

    /** A one-line summary for diagnostics and benchmarks. */
    public String describe() {
        int nodes = Arrays.stream(fields).mapToInt(FieldLiterals::nodeCount).sum();
        int dense = Arrays.stream(fields).mapToInt(FieldLiterals::denseEntries).sum();
        return slotRoute.length + " rules in " + routeCount + " routes, " + triggered + " with literal triggers ("
                + atomCount + " distinct atoms on " + fields.length + " fields, " + nodes + " automaton nodes, " + dense
                + " dense transitions)";
    }

    /** For diagnostics and benchmarks: the rule fields (ids) the event field {@code key} stands for. */
    public int[] fieldIds(String key) {
        return fieldsForKey(key).clone();
    }

    /** For diagnostics and benchmarks: the name of rule field {@code field}, {@code null} for keyword search. */
    public String fieldName(int field) {
        return fieldNames[field];
    }

    /**
     * For diagnostics and benchmarks: the atoms of rule field {@code field} in {@code text}, found as a session finds
     * them in a text it has not seen before (nothing remembered).
     */
    public void scan(int field, String text, java.util.function.IntConsumer atoms) {
        fields[field].find(text, atoms::accept);
    }

    int keywordField() {
        return keywordField;
    }

    /** The rule fields whose view may hold the value of the event field {@code key}. */
    int[] fieldsForKey(String key) {
        int[] ids = keyCache.get(key);
        if (ids == null) {
            ids = fieldsByLowerName.getOrDefault(key.toLowerCase(Locale.ROOT), NO_FIELDS);
            if (keyCache.size() < MAX_CACHED_KEYS) {
                keyCache.put(key, ids); // past the cap (hostile input inventing names) lookups are just not cached
            }
        }
        return ids;
    }

    int route(int slot) {
        return slotRoute[slot];
    }

    int[] always(int route) {
        return routeAlways[route];
    }

    int[] fieldsOf(int route) {
        return routeFields[route];
    }

    /** The rules of the route that have keyword atoms. */
    int[] keywordSlots(int route) {
        return routeKeywordSlots[route];
    }

    /** Adds the routes whose logsource the event fits; an event of unknown origin fits them all. */
    void activeRoutes(Event event, CandidateCollector into) {
        if (!event.hasLogSource()) {
            for (int r = 0; r < routeCount; r++) into.activateRoute(r);
            return;
        }
        String product = event.product();
        route(router.get(null), event, into);
        if (product != null) {
            route(router.get(product), event, into);
        }
    }

    private static void route(Map<String, Map<String, Integer>> byCategory, Event event, CandidateCollector into) {
        if (byCategory == null) {
            return;
        }
        services(byCategory.get(null), event, into);
        for (String c : event.categories()) {
            services(byCategory.get(c), event, into);
        }
    }

    private static void services(Map<String, Integer> byService, Event event, CandidateCollector into) {
        if (byService == null) {
            return;
        }
        Integer any = byService.get(null);
        if (any != null) into.activateRoute(any);
        for (String s : event.services()) {
            Integer r = byService.get(s);
            if (r != null) into.activateRoute(r);
        }
    }

    /**
     * One atom's entries ({@code slot << 2 | group}), each once, in first-seen order, as a map key by content. A loop
     * and explicit equality rather than streams and boxed lists: the index builder runs once per pack, mostly
     * interpreted in a cold JVM, over tens of thousands of atoms.
     */
    private static final class Entries {
        final int[] values;
        private final int hash;

        private Entries(int[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        /** An atom's entries are appended slot by slot, so a repeated entry repeats one of its own slot's. */
        static Entries distinct(List<Integer> entries) {
            int[] out = new int[entries.size()];
            int n = 0;
            for (int i = 0; i < entries.size(); i++) {
                int v = entries.get(i);
                boolean seen = false;
                for (int j = n - 1; j >= 0 && out[j] >>> 2 == v >>> 2; j--) {
                    if (out[j] == v) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) out[n++] = v;
            }
            return new Entries(n == out.length ? out : Arrays.copyOf(out, n));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entries other && other.hash == hash && Arrays.equals(other.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Builder {
        final Map<String, Map<String, Map<String, Integer>>> router = new HashMap<>();
        int routeCount;
        final int[] slotRoute;
        int[][] routeAlways;
        int[][] routeFields;
        int[][] routeKeywordSlots;
        String[] fieldNames;
        FieldLiterals[] fields;
        int[][] atomSlots;
        final List<Atom> atomsById = new ArrayList<>();
        byte[] fullMask;
        int triggered;
        EventPredicate[] prechecks;

        Builder(List<LogSource> logsources, List<List<Set<Atom>>> triggers, List<Set<Atom>> vetoes) {
            int slots = logsources.size();
            slotRoute = new int[slots];
            for (int s = 0; s < slots; s++) {
                LogSource ls = logsources.get(s);
                Map<String, Integer> byService = router.computeIfAbsent(ls.product(), k -> new HashMap<>())
                        .computeIfAbsent(ls.category(), k -> new HashMap<>());
                Integer r = byService.get(ls.service());
                if (r == null) {
                    r = routeCount++;
                    byService.put(ls.service(), r);
                }
                slotRoute[s] = r;
            }
            List<List<Integer>> always = new ArrayList<>();
            List<Set<Integer>> keywordRules = new ArrayList<>();
            List<Set<Integer>> routeFieldSets = new ArrayList<>();
            for (int r = 0; r < routeCount; r++) {
                always.add(new ArrayList<>());
                keywordRules.add(new LinkedHashSet<>());
                routeFieldSets.add(new LinkedHashSet<>());
            }
            Map<Atom, List<Integer>> atomToSlots = new LinkedHashMap<>();
            Map<String, Integer> fieldIds = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            fullMask = new byte[slots];
            for (int s = 0; s < slots; s++) {
                for (Atom a : vetoes.get(s)) {
                    if (a.field() == null) throw new IllegalArgumentException("a veto needs a field");
                    addAtom(a, s, VETO, atomToSlots, keywordRules, routeFieldSets, fieldIds, names);
                }
                List<Set<Atom>> groups = triggers.get(s);
                if (groups.isEmpty()) {
                    always.get(slotRoute[s]).add(s);
                    continue;
                }
                if (groups.size() > Triggers.MAX_GROUPS) {
                    throw new IllegalArgumentException("at most " + Triggers.MAX_GROUPS + " trigger groups per rule");
                }
                triggered++;
                fullMask[s] = (byte) ((1 << groups.size()) - 1);
                for (int g = 0; g < groups.size(); g++) {
                    for (Atom a : groups.get(g)) addAtom(a, s, g, atomToSlots, keywordRules, routeFieldSets, fieldIds, names);
                }
            }
            finish(always, keywordRules, routeFieldSets, atomToSlots, fieldIds, names);
        }

        private void addAtom(Atom a, int s, int g, Map<Atom, List<Integer>> atomToSlots, List<Set<Integer>> keywordRules,
                List<Set<Integer>> routeFieldSets, Map<String, Integer> fieldIds, List<String> names) {
            atomToSlots.computeIfAbsent(a, k -> new ArrayList<>()).add(s << 2 | g);
            if (a.field() == null) keywordRules.get(slotRoute[s]).add(s);
            Integer f = fieldIds.get(fieldKey(a));
            if (f == null) {
                f = fieldIds.size();
                fieldIds.put(fieldKey(a), f);
                names.add(a.field());
            }
            routeFieldSets.get(slotRoute[s]).add(f);
        }

        /** Keyword search is kept apart from any field, whatever its name. */
        private static String fieldKey(Atom a) {
            return a.field() == null ? "" : "=" + a.field();
        }

        private void finish(List<List<Integer>> always, List<Set<Integer>> keywordRules, List<Set<Integer>> routeFieldSets,
                Map<Atom, List<Integer>> atomToSlots, Map<String, Integer> fieldIds, List<String> names) {
            routeAlways = toArrays(always);
            routeKeywordSlots = toArrays(keywordRules);
            routeFields = toArrays(routeFieldSets);
            fieldNames = names.toArray(String[]::new);
            atomSlots = new int[atomToSlots.size()][];
            List<List<Atom>> atomsByField = new ArrayList<>();
            List<Automaton.IntList> idsByField = new ArrayList<>();
            for (int f = 0; f < fieldNames.length; f++) {
                atomsByField.add(new ArrayList<>());
                idsByField.add(new Automaton.IntList());
            }
            // the atoms of one rule's group (a list of values) have the same entries: one read-only array for all
            Map<Entries, int[]> sharedSlots = new HashMap<>();
            int id = 0;
            for (Map.Entry<Atom, List<Integer>> e : atomToSlots.entrySet()) {
                Entries entries = Entries.distinct(e.getValue());
                int[] shared = sharedSlots.putIfAbsent(entries, entries.values);
                atomSlots[id] = shared != null ? shared : entries.values;
                int f = fieldIds.get(fieldKey(e.getKey()));
                atomsById.add(e.getKey());
                atomsByField.get(f).add(e.getKey());
                idsByField.get(f).add(id);
                id++;
            }
            fields = new FieldLiterals[fieldNames.length];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = FieldLiterals.of(atomsByField.get(f), idsByField.get(f).toArray());
            }
        }

        private static int[][] toArrays(List<? extends java.util.Collection<Integer>> lists) {
            return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        }

        CandidateIndex index() {
            return new CandidateIndex(this);
        }
    }
}
