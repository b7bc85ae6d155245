package dev.edr.core.internal.prefilter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Substring search that reads a fraction of the text (Wu-Manber, blocks of two characters), for needle sets whose
 * shortest needle is long: SigmaHQ's "Mimikatz Use" searches every Windows record for twenty keywords of nine
 * characters or more, and an Aho-Corasick pass would step through all of its several hundred characters. Here a
 * window of the shortest needle's length {@code m} slides over the text; the two characters at its end say how
 * far it may move without passing over a place where a needle could start (up to {@code m - 1}), and only when
 * they end some needle's first {@code m} characters are the needles ending so compared in full.
 *
 * <p>Case is folded per character ({@link Character#toLowerCase(char)}), whatever the text holds. That finds every
 * needle that {@code text.toLowerCase(Locale.ROOT)} holds, as long as the needles are Latin-1 (which {@link #of}
 * requires): such a needle occurs in the lower-cased text only over characters that lower-casing mapped one to
 * one (the dotted capital I becomes {@code i} and a combining dot, and a needle can only end at that {@code i};
 * final sigma and supplementary letters lower-case to no Latin-1 character), and those are the folded
 * characters. The fold may find a needle the lower-cased text lacks (an {@code i} then a space, across a dotted
 * capital I): a needle found is only a candidate, so that costs nothing but a rule test. Immutable.
 */
final class SkipScan {
    /** Shorter needles allow too short a skip to beat the automaton. */
    static final int MIN_LENGTH = 5;
    private static final int MAX_WINDOW = 64;
    /** Below this mean move over the needles' own character pairs the automaton's one step per character wins. */
    private static final double MIN_MEAN_SHIFT = 3.0;
    /** Two bytes of a byte array at once, the first in the low half. */
    private static final VarHandle PAIR = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per folded Latin-1 character: 0 if no needle prefix has it, else its class (1 to {@code classes - 1}). */
    private final char[] charClass = new char[Automaton.LATIN1 + 1];
    private final int classes;
    private final int window;
    /** Per pair of classes: how far the window may move when its last two characters are that pair. */
    private final byte[] shift;
    /**
     * {@link #shift} by pair of Latin-1 characters themselves, case folded, at {@code b << 8 | a} for the window's
     * last two characters {@code a, b}: one dependent load per window instead of three. That index is also the two
     * bytes of a Latin-1 text read at once, little-endian ({@link #scan(byte[], Automaton.Hits)}). 64 KB, of which
     * printable text reads about 12.
     */
    private final byte[] pairShift = new byte[256 * 256];
    /** Per pair of classes with shift 0: the needles whose window ends with that pair, in {@code [start, start+1)}. */
    private final int[] bucketStart;
    private final int[] bucket;
    private final char[][] needles;
    /** Per needle, its first two characters: most windows that end like a needle do not start like it. */
    private final int[] heads;
    private final int[] values;

    private SkipScan(List<String> needles, int[] values, int window) {
        this.window = window;
        this.needles = new char[needles.size()][];
        this.values = values.clone();
        this.heads = new int[needles.size()];
        int c = 1;
        for (int k = 0; k < needles.size(); k++) {
            char[] n = needles.get(k).toCharArray();
            this.needles[k] = n;
            heads[k] = n[0] << 16 | n[1];
            for (int j = 0; j < window; j++) {
                if (charClass[n[j]] == 0) charClass[n[j]] = (char) c++;
            }
        }
        this.classes = c;
        for (int ch = 'A'; ch <= Automaton.LATIN1; ch++) { // the text's upper case takes its lower case's class
            char lower = Character.toLowerCase((char) ch);
            if (lower != ch && lower <= Automaton.LATIN1) charClass[ch] = charClass[lower];
        }
        this.shift = new byte[classes * classes];
        Arrays.fill(shift, (byte) (window - 1));
        int[] ends = new int[classes * classes];
        for (char[] n : this.needles) {
            for (int j = 1; j < window; j++) {
                int pair = charClass[n[j - 1]] * classes + charClass[n[j]];
                shift[pair] = (byte) Math.min(shift[pair], window - 1 - j);
            }
            ends[charClass[n[window - 2]] * classes + charClass[n[window - 1]]]++;
        }
        for (int a = 0; a <= Automaton.LATIN1; a++) {
            for (int b = 0; b <= Automaton.LATIN1; b++) {
                pairShift[b << 8 | a] = shift[charClass[a] * classes + charClass[b]];
            }
        }
        this.bucketStart = new int[classes * classes + 1];
        for (int p = 0; p < ends.length; p++) bucketStart[p + 1] = bucketStart[p] + ends[p];
        this.bucket = new int[this.needles.length];
        int[] fill = Arrays.copyOf(bucketStart, ends.length);
        for (int k = 0; k < this.needles.length; k++) {
            char[] n = this.needles[k];
            bucket[fill[charClass[n[window - 2]] * classes + charClass[n[window - 1]]]++] = k;
        }
    }

    /**
     * A scanner for {@code needles[k]} (lower case) reporting {@code values[k]}, or {@code null} when the needles
     * do not suit it: one shorter than {@link #MIN_LENGTH}, or one with a character beyond Latin-1.
     */
    static SkipScan of(List<String> needles, int[] values) {
        SkipScan scan = suited(needles, values);
        return scan != null && scan.meanShift() >= MIN_MEAN_SHIFT ? scan : null;
    }

    /** {@link #of} without asking whether the skips are long enough to pay. */
    static SkipScan suited(List<String> needles, int[] values) {
        if (needles.isEmpty()) return null;
        int shortest = Integer.MAX_VALUE;
        for (String n : needles) {
            shortest = Math.min(shortest, n.length());
            for (int i = 0; i < n.length(); i++) {
                if (n.charAt(i) > Automaton.LATIN1) return null;
            }
        }
        return shortest < MIN_LENGTH ? null : new SkipScan(needles, values, Math.min(shortest, MAX_WINDOW));
    }

    /**
     * The expected move over text that looks like the needles (pairs of their characters, weighted by how often the
     * needles use them): many needles over a small alphabet, such as thousands of hashes, end some needle with
     * almost every pair, and the window would crawl and compare at each step.
     */
    double meanShift() {
        long[] weight = new long[classes];
        for (char[] n : needles) {
            for (char c : n) weight[classOf(c)]++;
        }
        double sum = 0;
        double total = 0;
        for (int a = 1; a < classes; a++) {
            for (int b = 1; b < classes; b++) {
                double w = (double) weight[a] * weight[b];
                sum += w * shift[a * classes + b];
                total += w;
            }
        }
        return total == 0 ? 0 : sum / total;
    }

    /**
     * Reports the value of each needle found in {@code text}, folding case as described above. Two windows slide at
     * once, one over each half of the text (window ends before the middle, and from the middle on): each window's
     * move waits for two loads (its characters, then their shift), and two independent chains of those overlap,
     * where one chain would wait out every load in turn. Every window end is still visited by exactly one of them.
     */
    void scan(String text, Automaton.Hits hits) {
        int len = text.length();
        int i = window - 1;
        int middle = Math.max(i, len >>> 1);
        int j = middle;
        while (i < middle && j < len) {
            int s = shiftAt(text, i);
            int r = shiftAt(text, j);
            i = s > 0 ? i + s : verify(text, i, hits);
            j = r > 0 ? j + r : verify(text, j, hits);
        }
        while (i < middle) {
            int s = shiftAt(text, i);
            i = s > 0 ? i + s : verify(text, i, hits);
        }
        while (j < len) {
            int r = shiftAt(text, j);
            j = r > 0 ? j + r : verify(text, j, hits);
        }
    }

    /** How far the window ending at {@code i} may move; 0 when a needle may end its first characters there. */
    private int shiftAt(String text, int i) {
        char a = text.charAt(i - 1);
        char b = text.charAt(i);
        if ((a | b) <= Automaton.LATIN1) return pairShift[b << 8 | a];
        return shift[classOf(a) * classes + classOf(b)];
    }

    /**
     * {@link #scan(String, Automaton.Hits)} over a Latin-1 text held one byte per character (the keyword text of
     * most records, see {@code KeywordText}): each move is one load of the window's last two characters and one of
     * their shift. Four windows move at once, one over each quarter of the text, for the same reason as there; with
     * a step this short, four chains of loads overlap where two left the processor waiting (the Windows attack
     * samples' records, 540 characters on average: about 420 ns per record as a string, 160 as bytes with two
     * windows, 120 with four, in a scratch loop).
     */
    void scan(byte[] text, Automaton.Hits hits) {
        int len = text.length;
        int quarter = len >>> 2;
        // window ends from window - 1 on, split into four ranges [a, endA), [b, endB), [c, endC), [d, len)
        int a = window - 1;
        int b = Math.max(a, quarter);
        int c = Math.max(a, 2 * quarter);
        int d = Math.max(a, 3 * quarter);
        int endA = b;
        int endB = c;
        int endC = d;
        while (a < endA && b < endB && c < endC && d < len) {
            int sa = shiftAt(text, a);
            int sb = shiftAt(text, b);
            int sc = shiftAt(text, c);
            int sd = shiftAt(text, d);
            a = sa > 0 ? a + sa : verify(text, a, hits);
            b = sb > 0 ? b + sb : verify(text, b, hits);
            c = sc > 0 ? c + sc : verify(text, c, hits);
            d = sd > 0 ? d + sd : verify(text, d, hits);
        }
        finish(text, a, endA, hits);
        finish(text, b, endB, hits);
        finish(text, c, endC, hits);
        finish(text, d, len, hits);
    }

    /** Moves one window on from window end {@code i} until it ends at or past {@code end}. */
    private void finish(byte[] text, int i, int end, Automaton.Hits hits) {
        while (i < end) {
            int s = shiftAt(text, i);
            i = s > 0 ? i + s : verify(text, i, hits);
        }
    }

    private int shiftAt(byte[] text, int i) {
        return pairShift[(short) PAIR.get(text, i - 1) & 0xFFFF];
    }

    private int verify(byte[] text, int i, Automaton.Hits hits) {
        int pair = charClass[text[i - 1] & 0xFF] * classes + charClass[text[i] & 0xFF];
        int start = i - window + 1;
        int head = fold((char) (text[start] & 0xFF)) << 16 | fold((char) (text[start + 1] & 0xFF));
        for (int e = bucketStart[pair], end = bucketStart[pair + 1]; e < end; e++) {
            int k = bucket[e];
            if (heads[k] == head && occursAt(needles[k], text, start)) hits.hit(values[k]);
        }
        return i + 1;
    }

    private static boolean occursAt(char[] needle, byte[] text, int start) {
        if (start + needle.length > text.length) return false;
        for (int j = 2; j < needle.length; j++) {
            char c = (char) (text[start + j] & 0xFF);
            if (c != needle[j] && Character.toLowerCase(c) != needle[j]) return false;
        }
        return true;
    }

    /** Compares the needles whose window ends like the one ending at {@code i}; the next window end. */
    private int verify(String text, int i, Automaton.Hits hits) {
        int pair = classOf(text.charAt(i - 1)) * classes + classOf(text.charAt(i));
        int start = i - window + 1;
        int head = fold(text.charAt(start)) << 16 | fold(text.charAt(start + 1));
        for (int e = bucketStart[pair], end = bucketStart[pair + 1]; e < end; e++) {
            int k = bucket[e];
            if (heads[k] == head && occursAt(needles[k], text, start)) hits.hit(values[k]);
        }
        return i + 1;
    }

    private int classOf(char c) {
        if (c <= Automaton.LATIN1) return charClass[c];
        char lower = Character.toLowerCase(c);
        return lower <= Automaton.LATIN1 ? charClass[lower] : 0;
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < 0x80 ? c : Character.toLowerCase(c);
    }

    private static boolean occursAt(char[] needle, String text, int start) {
        if (start + needle.length > text.length()) return false;
        for (int j = 2; j < needle.length; j++) {
            char c = text.charAt(start + j);
            if (c != needle[j] && Character.toLowerCase(c) != needle[j]) return false;
        }
        return true;
    }
}
