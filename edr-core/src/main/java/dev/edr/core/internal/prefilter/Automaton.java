package dev.edr.core.internal.prefilter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A trie over lower-case needles in flat arrays, with Aho-Corasick failure and output links. Built once, then
 * read-only and shared by every thread.
 *
 * <p>Layout: nodes are numbered breadth-first from the root (0); the edges of node {@code n} are
 * {@code [edgeStart[n], edgeStart[n+1])}, sorted by character, so a lookup is a short scan (a binary search for
 * wide nodes; the root, which sees most lookups, also has a direct table for ASCII). Breadth-first numbering makes
 * edge {@code e} lead to node {@code e + 1}, so targets are not stored. Needle {@code k} ends at the node whose
 * output list holds {@code values[k]}.
 *
 * <p>The arrays are laid out for size (a pack's automata have a quarter of a million nodes): few nodes end a
 * needle or have a dictionary link, so those are stored by rank in {@link NodeBits} rather than per node, and the
 * dense rows hold 16-bit transitions.
 *
 * <p>Scans fold Latin-1 upper case themselves (lower-casing maps each of those characters to one), so the usual
 * text is never copied; they give up on the first character beyond Latin-1 ({@code false}), and the caller rescans
 * the exactly lower-cased text ({@code String.toLowerCase(Locale.ROOT)} can change length and context-dependent
 * letters there; rule needles were
 * lowered the same way). Hits reported before giving up are real hits too, so reporting them twice is harmless.
 */
final class Automaton {
    private static final int NONE = -1;
    private static final int ROOT_TABLE = 128;
    /** Up to here lower-casing maps one character to one: scans fold it themselves instead of giving up. */
    static final char LATIN1 = 0xFF;
    /** Bounds each automaton's dense rows to 64 KiB; small automata are dense throughout. */
    private static final int DENSE_ENTRIES = 16 * 1024;

    private final int[] edgeStart;
    private final char[] edgeChar;
    /** Root targets by ASCII character, {@code NONE} if none: the root's children are nodes 1 to 128 at most. */
    private final short[] rootTable;
    /**
     * Values of needles ending exactly at a node: for a node {@code n} of {@code outputs}, of rank {@code r},
     * {@code [outStart[r], outStart[r+1])} in {@code out}.
     */
    private final NodeBits outputs;
    private final int[] outStart;
    private final int[] out;
    private final int nodeCount;
    /** Aho-Corasick links; absent (null) for anchored tries that never need them. */
    private final int[] fail;
    /** Dictionary links, of the {@code linked} nodes only (by rank): most nodes have none. */
    private final NodeBits linked;
    private final int[] dictTarget;
    /**
     * The Aho-Corasick automaton as a DFA for the shallow nodes (where a scan spends most of its time), over ASCII
     * character classes (each needle character is a class, every other character class 0, which always leads back to
     * the root): the complete transition, failures resolved, encoded as {@code ~next} when {@code next} reports
     * something. Deeper nodes step sparsely and fall back along failure links until they reach a dense row.
     * Entries are 16-bit: dense rows only lead to nodes below {@link Short#MAX_VALUE} (their children and
     * shallower nodes), which the choice of the row count ensures.
     */
    private final byte[] charClass;
    /**
     * ASCII characters (folded) on which the root goes nowhere: a scan at the root passes over them without touching
     * the transition table, so long stretches of text that start no needle cost no chain of dependent loads.
     */
    private final boolean[] rootStays;
    private final int classes;
    private final int denseRows;
    private final short[] dense;

    /** {@code needles[k]} (non-empty, lower case) reports {@code values[k]}; duplicates report each value. */
    Automaton(List<String> needles, int[] values, boolean withLinks) {
        Integer[] order = new Integer[needles.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> needles.get(a).compareTo(needles.get(b)));

        // breadth-first over ranges of the sorted needles that share a prefix of the node's depth
        List<int[]> nodes = new ArrayList<>(); // {lo, hi, depth}
        IntList starts = new IntList();
        IntList chars = new IntList();
        IntList outStarts = new IntList();
        IntList outs = new IntList();
        nodes.add(new int[] {0, order.length, 0});
        for (int n = 0; n < nodes.size(); n++) {
            int[] node = nodes.get(n);
            int lo = node[0];
            int hi = node[1];
            int depth = node[2];
            outStarts.add(outs.size());
            while (lo < hi && needles.get(order[lo]).length() == depth) {
                outs.add(values[order[lo]]);
                lo++;
            }
            starts.add(chars.size());
            while (lo < hi) {
                char c = needles.get(order[lo]).charAt(depth);
                int end = lo;
                while (end < hi && needles.get(order[end]).charAt(depth) == c) end++;
                chars.add(c); // edge chars.size() - 1 leads to node nodes.size(), one more: the root has no edge
                nodes.add(new int[] {lo, end, depth + 1});
                lo = end;
            }
        }
        int count = nodes.size();
        this.nodeCount = count;
        starts.add(chars.size());
        outStarts.add(outs.size());
        this.edgeStart = starts.toArray();
        int[] cs = chars.toArray();
        this.edgeChar = new char[cs.length];
        for (int i = 0; i < cs.length; i++) edgeChar[i] = (char) cs[i];
        int[] perNode = outStarts.toArray();
        this.outputs = new NodeBits(count, n -> perNode[n] < perNode[n + 1]);
        IntList ranked = new IntList();
        for (int n = 0; n < count; n++) {
            if (outputs.contains(n)) ranked.add(perNode[n]);
        }
        ranked.add(perNode[count]);
        this.outStart = ranked.toArray();
        this.out = outs.toArray();
        this.rootTable = new short[ROOT_TABLE];
        Arrays.fill(rootTable, (short) NONE);
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            if (edgeChar[e] < ROOT_TABLE) rootTable[edgeChar[e]] = (short) (e + 1);
        }
        if (withLinks) {
            this.fail = new int[count];
            int[] dict = links();
            this.linked = new NodeBits(count, n -> dict[n] != NONE);
            IntList targets = new IntList();
            for (int n = 0; n < count; n++) {
                if (dict[n] != NONE) targets.add(dict[n]);
            }
            this.dictTarget = targets.toArray();
            this.charClass = new byte[ROOT_TABLE];
            int c = 1;
            for (char ch : sortedAsciiChars(needles)) charClass[ch] = (byte) c++;
            this.classes = c;
            this.denseRows = denseRows(count, classes);
            this.dense = denseTable();
            this.rootStays = new boolean[ROOT_TABLE];
            for (char ch = 0; ch < ROOT_TABLE; ch++) {
                char folded = ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch;
                rootStays[ch] = dense[charClass[folded]] == 0;
            }
        } else {
            this.rootStays = null;
            this.fail = null;
            this.linked = null;
            this.dictTarget = null;
            this.charClass = null;
            this.classes = 0;
            this.denseRows = 0;
            this.dense = null;
        }
    }

    private static char[] sortedAsciiChars(List<String> needles) {
        boolean[] seen = new boolean[ROOT_TABLE];
        for (String n : needles) {
            for (int i = 0; i < n.length(); i++) {
                if (n.charAt(i) < ROOT_TABLE) seen[n.charAt(i)] = true;
            }
        }
        StringBuilder b = new StringBuilder();
        for (char ch = 0; ch < ROOT_TABLE; ch++) {
            if (seen[ch] && !(ch >= 'A' && ch <= 'Z')) b.append(ch); // needles are lower case; folding maps A-Z away
        }
        if (b.length() > 126) {
            throw new IllegalStateException("too many classes");
        }
        return b.toString().toCharArray();
    }

    /**
     * As many rows as fit the entry budget, fewer if their children (the highest node a row leads to; shallower
     * nodes come first) would not fit a 16-bit entry.
     */
    private int denseRows(int count, int classes) {
        int rows = Math.max(1, Math.min(count, DENSE_ENTRIES / classes));
        while (rows > 1 && edgeStart[rows] >= Short.MAX_VALUE) rows--;
        return rows;
    }

    /** Rows in BFS order: a node's failure target is shallower, so its row is already complete. */
    private short[] denseTable() {
        short[] table = new short[denseRows * classes];
        char[] representative = new char[classes];
        for (char ch = 0; ch < ROOT_TABLE; ch++) {
            if (charClass[ch] != 0) representative[charClass[ch]] = ch;
        }
        for (int n = 0; n < denseRows; n++) {
            for (int cl = 1; cl < classes; cl++) {
                int next = step(n, representative[cl]);
                table[n * classes + cl] =
                        next != NONE ? (short) encode(next) : n == 0 ? 0 : table[fail[n] * classes + cl];
            }
        }
        return table;
    }

    private int encode(int n) {
        return hasOutput(n) || linked.contains(n) ? ~n : n;
    }

    /** The nearest proper suffix of {@code n} with output, or {@code NONE}. */
    private int dict(int n) {
        return linked.contains(n) ? dictTarget[linked.rank(n)] : NONE;
    }

    /**
     * Failure links (the longest proper suffix that is a trie node) into {@code fail}; returns the dictionary links
     * (the nearest one with output) of every node.
     */
    private int[] links() {
        int[] dict = new int[nodeCount];
        Deque<Integer> queue = new ArrayDeque<>();
        fail[0] = 0;
        dict[0] = NONE;
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            fail[e + 1] = 0;
            dict[e + 1] = NONE;
            queue.add(e + 1);
        }
        while (!queue.isEmpty()) {
            int n = queue.poll();
            for (int e = edgeStart[n]; e < edgeStart[n + 1]; e++) {
                int child = e + 1;
                char c = edgeChar[e];
                int f = fail[n];
                int next = step(f, c);
                while (next == NONE && f != 0) {
                    f = fail[f];
                    next = step(f, c);
                }
                fail[child] = next == NONE || next == child ? 0 : next;
                int fc = fail[child];
                dict[child] = hasOutput(fc) ? fc : dict[fc];
                queue.add(child);
            }
        }
        return dict;
    }

    int nodeCount() {
        return nodeCount;
    }

    int denseEntries() {
        return dense == null ? 0 : dense.length;
    }

    private boolean hasOutput(int n) {
        return outputs.contains(n);
    }

    private int step(int n, char c) {
        if (n == 0) {
            if (c < ROOT_TABLE) return rootTable[c];
        }
        int lo = edgeStart[n];
        int hi = edgeStart[n + 1];
        if (hi - lo <= 8) {
            for (int e = lo; e < hi; e++) {
                if (edgeChar[e] == c) return e + 1;
            }
            return NONE;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m == c) return mid + 1;
            if (m < c) lo = mid + 1;
            else hi = mid;
        }
        return NONE;
    }

    private void emit(int n, Hits hits) {
        if (!outputs.contains(n)) return;
        int r = outputs.rank(n);
        for (int i = outStart[r], end = outStart[r + 1]; i < end; i++) hits.hit(out[i]);
    }

    /**
     * Lower-cases Latin-1 (one character to one, as {@code String.toLowerCase(Locale.ROOT)} does for that range); -1
     * for any other character, where the scan must give up. {@code exact}: the text is lower case already.
     */
    private static int fold(char c, boolean exact) {
        if (exact) return c;
        if (c < ROOT_TABLE) return c >= 'A' && c <= 'Z' ? c + 32 : c;
        return c <= LATIN1 ? Character.toLowerCase(c) : -1;
    }

    /**
     * Needles occurring anywhere in {@code text} (Aho-Corasick). {@code exact}: the text is already lower case, and
     * may hold any character; otherwise Latin-1 upper case is folded here and the scan gives up at the first
     * character beyond Latin-1. ASCII characters take the dense rows either way: an exactly lower-cased text with one
     * non-ASCII character in it (a registered-trademark sign in a product name) costs one slow step, not a slow pass.
     */
    boolean scanContains(String text, boolean exact, Hits hits) {
        int state = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char ch = text.charAt(i);
            int next;
            if (ch < ROOT_TABLE) {
                if (state == 0 && rootStays[ch]) continue;
                if (!exact && ch >= 'A' && ch <= 'Z') ch += 32;
                int cl = charClass[ch];
                next = state < denseRows ? dense[state * classes + cl] : sparseStep(state, ch, cl);
            } else {
                if (!exact) {
                    if (ch > LATIN1) return false;
                    ch = Character.toLowerCase(ch);
                }
                next = step(state, ch);
                while (next == NONE && state != 0) {
                    state = fail[state];
                    next = step(state, ch);
                }
                next = next == NONE ? 0 : encode(next);
            }
            if (next < 0) {
                state = ~next;
                for (int o = hasOutput(state) ? state : dict(state); o != NONE; o = dict(o)) emit(o, hits);
            } else {
                state = next;
            }
        }
        return true;
    }

    /** The encoded transition from a deep node: its own edge, else its failure target's, until a dense row answers. */
    private int sparseStep(int state, char ch, int cl) {
        int n = state;
        while (n >= denseRows) {
            int next = step(n, ch);
            if (next != NONE) return encode(next);
            n = fail[n];
        }
        return dense[n * classes + cl];
    }

    /** Needles that are a prefix of {@code text}, walking the trie from the start of the text. */
    boolean scanPrefixes(String text, boolean exact, Hits hits) {
        int state = 0;
        for (int i = 0, len = text.length(); i < len && state != NONE; i++) {
            int c = fold(text.charAt(i), exact);
            if (c < 0) return false;
            state = step(state, (char) c);
            if (state != NONE) emit(state, hits);
        }
        return true;
    }

    /** Needles (stored reversed) that are a suffix of {@code text}, walking it from its end. */
    boolean scanSuffixes(String text, boolean exact, Hits hits) {
        int state = 0;
        for (int i = text.length() - 1; i >= 0 && state != NONE; i--) {
            int c = fold(text.charAt(i), exact);
            if (c < 0) return false;
            state = step(state, (char) c);
            if (state != NONE) emit(state, hits);
        }
        return true;
    }

    /** The values of needles equal to {@code text}. */
    boolean scanEquals(String text, boolean exact, Hits hits) {
        int state = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            int c = fold(text.charAt(i), exact);
            if (c < 0) return false;
            state = step(state, (char) c);
            if (state == NONE) return true;
        }
        emit(state, hits);
        return true;
    }

    /** Receives the value of each needle found; called once per occurrence. */
    interface Hits {
        void hit(int value);
    }

    /** A growable int array, so that building does not box. */
    static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }

        void clear() {
            n = 0;
        }

        /** The values, sorted, each once; the list itself is left so too (sorted in place: one array made). */
        int[] distinct() {
            Arrays.sort(a, 0, n);
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (k == 0 || a[k - 1] != a[i]) a[k++] = a[i];
            }
            n = k;
            return toArray();
        }
    }
}
