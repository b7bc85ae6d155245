package dev.edr.core.internal.prefilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every atom on one field, by anchor: equality and prefixes walk a trie from the start of each value, suffixes a
 * trie of reversed needles from its end, and substrings run one Aho-Corasick pass. Immutable.
 */
final class FieldLiterals {
    /** Every character the text of a number can have ({@code -1.5}, {@code 1E+400}, {@code NaN}, {@code -Infinity}), lower-cased. */
    private static final String NUMBER_CHARS = "0123456789.-+enaifty";

    private final Automaton equal;
    private final Automaton prefix;
    private final Automaton suffix;
    private final Automaton contains;
    /** Instead of {@link #contains} when every substring needle is long: see {@link SkipScan}. */
    private final SkipScan skip;

    private final boolean numeric;
    /** No needle is shorter: a shorter Latin-1 text holds none (cheap to know, and most short values qualify). */
    private final int shortest;
    /** Bit n set when some equality needle has n characters: any other text cannot equal one, so is not walked. */
    private final long equalLengths;

    private FieldLiterals(Map<Atom.Anchor, Automaton> byAnchor, SkipScan skip, boolean numeric, int shortest,
            long equalLengths) {
        this.skip = skip;
        this.numeric = numeric;
        this.shortest = shortest;
        this.equalLengths = equalLengths;
        this.equal = byAnchor.get(Atom.Anchor.EQUALS);
        this.prefix = byAnchor.get(Atom.Anchor.PREFIX);
        this.suffix = byAnchor.get(Atom.Anchor.SUFFIX);
        this.contains = byAnchor.get(Atom.Anchor.CONTAINS);
    }

    /** {@code atoms.get(i)} reports {@code ids[i]}; all atoms are on the same field. */
    static FieldLiterals of(List<Atom> atoms, int[] ids) {
        Map<Atom.Anchor, List<String>> needles = new EnumMap<>(Atom.Anchor.class);
        Map<Atom.Anchor, Automaton.IntList> values = new EnumMap<>(Atom.Anchor.class);
        for (int i = 0; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            String needle = a.anchor() == Atom.Anchor.SUFFIX ? new StringBuilder(a.needle()).reverse().toString() : a.needle();
            needles.computeIfAbsent(a.anchor(), k -> new ArrayList<>()).add(needle);
            values.computeIfAbsent(a.anchor(), k -> new Automaton.IntList()).add(ids[i]);
        }
        Map<Atom.Anchor, Automaton> byAnchor = new EnumMap<>(Atom.Anchor.class);
        List<String> substrings = needles.get(Atom.Anchor.CONTAINS);
        // keyword search only: field values are mostly short and their scans remembered (see CandidateCollector),
        // while the keyword text is a whole record, long and new with every event
        boolean keyword = !atoms.isEmpty() && atoms.get(0).field() == null;
        SkipScan skip = substrings == null || !keyword ? null
                : SkipScan.of(substrings, values.get(Atom.Anchor.CONTAINS).toArray());
        needles.forEach((anchor, list) -> {
            if (anchor != Atom.Anchor.CONTAINS || skip == null) {
                byAnchor.put(anchor, new Automaton(list, values.get(anchor).toArray(), anchor == Atom.Anchor.CONTAINS));
            }
        });
        boolean numeric = atoms.stream().anyMatch(a -> a.needle().chars().allMatch(c -> NUMBER_CHARS.indexOf(c) >= 0));
        int shortest = atoms.stream().mapToInt(a -> a.needle().length()).min().orElse(Integer.MAX_VALUE);
        long equalLengths = 0;
        for (Atom a : atoms) {
            if (a.anchor() == Atom.Anchor.EQUALS) equalLengths |= 1L << a.needle().length(); // at most MAX_NEEDLE < 64
        }
        return new FieldLiterals(byAnchor, skip, numeric, shortest, equalLengths);
    }

    /**
     * Reports the atoms present in {@code text}, folding case on the fly; {@code false} when the text has a character
     * beyond Latin-1, and the caller must {@link #scanLowered} its exactly lower-cased form instead.
     */
    boolean scanFolding(String text, Automaton.Hits hits) {
        if (text.length() < shortest) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > Automaton.LATIN1) return false; // lower-casing may lengthen it
            }
            return true;
        }
        return scan(text, false, hits);
    }

    /** Reports the atoms present in {@code text}: folding case in place, else in its exactly lower-cased copy. */
    void find(String text, Automaton.Hits hits) {
        if (!scanFolding(text, hits)) {
            scanLowered(text.toLowerCase(java.util.Locale.ROOT), hits);
        }
    }

    /**
     * {@link #find(String, Automaton.Hits)} for a text of Latin-1 characters held one byte each (a compact keyword
     * text): the skipping search reads the bytes themselves; any other needle set, the text decoded.
     */
    void find(byte[] latin1, Automaton.Hits hits) {
        if (skip != null && equal == null && prefix == null && suffix == null && contains == null) {
            skip.scan(latin1, hits);
        } else {
            find(new String(latin1, StandardCharsets.ISO_8859_1), hits);
        }
    }

    /** Reports the atoms present in {@code lowered}, a value lower-cased with {@code toLowerCase(Locale.ROOT)}. */
    void scanLowered(String lowered, Automaton.Hits hits) {
        scan(lowered, true, hits);
    }

    private boolean scan(String text, boolean exact, Automaton.Hits hits) {
        if (equal != null) {
            int len = text.length();
            if (len < 64 && (equalLengths & 1L << len) != 0) {
                if (!equal.scanEquals(text, exact, hits)) return false;
            } else if (!exact && contains == null && !latin1(text)) {
                return false; // lower-casing may change the length; the substring scan would have noticed otherwise
            }
        }
        if (skip != null) {
            skip.scan(text, hits); // never gives up: its fold finds what the lower-cased text holds
        }
        return (prefix == null || prefix.scanPrefixes(text, exact, hits))
                && (suffix == null || suffix.scanSuffixes(text, exact, hits))
                && (contains == null || contains.scanContains(text, exact, hits));
    }

    private static boolean latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > Automaton.LATIN1) return false;
        }
        return true;
    }

    /** Whether some needle could occur in the text of a number; if not, numbers need no scan. */
    boolean numeric() {
        return numeric;
    }

    int denseEntries() {
        return contains == null ? 0 : contains.denseEntries();
    }

    int nodeCount() {
        int n = 0;
        for (Automaton a : new Automaton[] {equal, prefix, suffix, contains}) {
            if (a != null) n += a.nodeCount();
        }
        return n;
    }
}
