package dev.edr.core.internal.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The skipping substring search against a plain search of the lower-cased text. */
class SkipScanTest {
    /** Characters whose lower case is special: dotted capital I, Kelvin sign, final sigma, a supplementary letter. */
    private static final String[] ODD = {"\u0130", "\u212A", "\u03A3", "\uD801\uDC00", "\u00C9", "\u00DF", "\u2122"};

    @Test
    void declinesShortOrNonLatin1Needles() {
        assertThat(SkipScan.of(List.of("mimikatz", "abcd"), new int[] {0, 1})).isNull();
        assertThat(SkipScan.of(List.of("mimikatz", "\u4e00\u4e01\u4e02\u4e03\u4e04"), new int[] {0, 1})).isNull();
        assertThat(SkipScan.of(List.of(), new int[0])).isNull();
        assertThat(SkipScan.of(List.of("mimikatz", "sekurlsa::"), new int[] {0, 1})).isNotNull();
    }

    /** Thousands of hashes end some needle with nearly every pair of hex digits: the automaton serves them. */
    @Test
    void declinesNeedlesThatWouldLeaveNoSkip() {
        Random rnd = new Random(3);
        List<String> hashes = new ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            StringBuilder h = new StringBuilder();
            for (int j = 0; j < 32; j++) h.append("0123456789abcdef".charAt(rnd.nextInt(16)));
            hashes.add(h.toString());
        }
        int[] values = new int[hashes.size()];
        assertThat(SkipScan.suited(hashes, values).meanShift()).isLessThan(1);
        assertThat(SkipScan.of(hashes, values)).isNull();
    }

    @Test
    void findsNeedlesAtTheEdgesAndAcrossCase() {
        SkipScan s = SkipScan.of(List.of("mimikatz", "sekurlsa::", "kiwi legit printer", "mimikatz"), new int[] {0, 1, 2, 3});
        assertThat(found(s, "MIMIKATZ")).containsExactly(0, 3);
        assertThat(found(s, "xx sekurlsa::logonpasswords")).containsExactly(1);
        assertThat(found(s, "run Kiwi Legit Printer now and mimikatz")).containsExactly(0, 2, 3);
        assertThat(found(s, "mimikat")).isEmpty();
        assertThat(found(s, "")).isEmpty();
        // the Kelvin sign lower-cases to k: String.toLowerCase finds "mimikatz" in it, so must the scan
        assertThat(found(s, "MIMI\u212AATZ")).containsExactly(0, 3);
        // an i from a dotted capital I may end a needle's match
        SkipScan i = SkipScan.of(List.of("eo.oe.kiwi"), new int[] {7});
        assertThat(found(i, "EO.OE.KIW\u0130")).containsExactly(7);
    }

    /**
     * The windows split the text (in halves for strings, in quarters for bytes): a needle at any offset, across
     * the splits too, is found exactly once, as a string and as bytes.
     */
    @Test
    void findsNeedlesAtEveryOffset() {
        SkipScan s = SkipScan.of(List.of("sekurlsa::", "lsadump::", "gentilkiwi.com"), new int[] {0, 1, 2});
        for (int length = 0; length < 150; length++) {
            String filler = "abcdefghij klmnop:qrstuvwxyz;".repeat(6).substring(0, length);
            for (int at = 0; at <= length; at++) {
                String text = filler.substring(0, at) + "LSADUMP::" + filler.substring(at);
                List<Integer> hits = new ArrayList<>();
                s.scan(text, hits::add);
                assertThat(hits).as("%s", text).containsExactly(1);
                List<Integer> byteHits = new ArrayList<>();
                s.scan(text.getBytes(StandardCharsets.ISO_8859_1), byteHits::add);
                assertThat(byteHits).as("bytes %s", text).containsExactly(1);
            }
        }
    }

    /** Latin-1 letters beyond ASCII fold as in a string: upper-case É and Þ find needles written in lower case. */
    @Test
    void bytesFoldLatin1LikeStrings() {
        SkipScan s = SkipScan.of(List.of("caf\u00e9::cr\u00e8me", "\u00fe\u00e6tta::x"), new int[] {0, 1});
        byte[] text = "x CAF\u00c9::CR\u00c8ME y \u00de\u00c6TTA::X".getBytes(StandardCharsets.ISO_8859_1);
        List<Integer> hits = new ArrayList<>();
        s.scan(text, hits::add);
        assertThat(hits).containsExactlyInAnyOrder(0, 1);
    }

    /**
     * Random needles over a small alphabet (so that they overlap, repeat and share blocks) and random texts with
     * upper case and odd characters: everything the lower-cased text holds is found, and nothing that the
     * per-character fold does not hold.
     */
    @Test
    void findsWhatTheLowerCasedTextHolds() {
        Random rnd = new Random(5);
        for (int round = 0; round < 400; round++) {
            List<String> needles = new ArrayList<>();
            int count = 1 + rnd.nextInt(30);
            for (int k = 0; k < count; k++) {
                needles.add(random(rnd, SkipScan.MIN_LENGTH + rnd.nextInt(rnd.nextBoolean() ? 3 : 80), false)
                        .toLowerCase(Locale.ROOT));
            }
            needles.removeIf(n -> n.length() < SkipScan.MIN_LENGTH); // lower case can shorten nothing here, but be sure
            if (needles.isEmpty()) continue;
            int[] values = new int[needles.size()];
            for (int k = 0; k < values.length; k++) values[k] = k;
            SkipScan scan = SkipScan.suited(needles, values);
            assertThat(scan).isNotNull();
            for (int t = 0; t < 50; t++) {
                StringBuilder text = new StringBuilder(random(rnd, rnd.nextInt(300), rnd.nextBoolean()));
                for (int plant = rnd.nextInt(3); plant > 0; plant--) { // so that needles do occur
                    String n = needles.get(rnd.nextInt(needles.size()));
                    text.insert(rnd.nextInt(text.length() + 1), rnd.nextBoolean() ? n.toUpperCase(Locale.ROOT) : n);
                }
                String s = text.toString();
                String lowered = s.toLowerCase(Locale.ROOT);
                String folded = fold(s);
                TreeSet<Integer> got = found(scan, s);
                for (int k = 0; k < needles.size(); k++) {
                    if (lowered.contains(needles.get(k))) assertThat(got).as("%s in %s", needles.get(k), s).contains(k);
                    assertThat(got.contains(k)).as("%s in %s", needles.get(k), s).isEqualTo(folded.contains(needles.get(k)));
                }
            }
        }
    }

    /** What the scan of the string finds; for a Latin-1 text, the scan of its bytes must find the same. */
    private static TreeSet<Integer> found(SkipScan s, String text) {
        TreeSet<Integer> out = new TreeSet<>();
        s.scan(text, out::add);
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            TreeSet<Integer> fromBytes = new TreeSet<>();
            s.scan(text.getBytes(StandardCharsets.ISO_8859_1), fromBytes::add);
            assertThat(fromBytes).as("bytes of %s", text).isEqualTo(out);
        }
        return out;
    }

    private static String fold(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) b.append(Character.toLowerCase(s.charAt(i)));
        return b.toString();
    }

    private static String random(Random rnd, int length, boolean odd) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int r = rnd.nextInt(20);
            if (odd && r == 0) {
                b.append(ODD[rnd.nextInt(ODD.length)]);
            } else if (r < 4) {
                b.append("ABI:.".charAt(rnd.nextInt(5)));
            } else {
                b.append("abi:. \u00e9".charAt(rnd.nextInt(7)));
            }
        }
        return b.toString();
    }
}
