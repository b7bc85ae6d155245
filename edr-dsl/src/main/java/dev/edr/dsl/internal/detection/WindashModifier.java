package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code windash}: every {@code -} or {@code /} that starts a word (not preceded by a word character, followed
 * by one) may be written as any of {@code - / – — ―} on a Windows command line, so the value becomes the set
 * of all combinations. A wildcard next to the dash counts as a non-word character. {@code start/b} keeps its
 * slash: it does not start a word.
 *
 * <p>The number of combinations is 5^n for n such dashes; values with more than {@link #MAX_DASHES} are
 * rejected (the SigmaHQ corpus has at most two per value), which caps one value at 625 alternatives.
 */
final class WindashModifier extends StringModifier {
    static final WindashModifier INSTANCE = new WindashModifier();
    static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};
    static final int MAX_DASHES = 4;

    @Override
    public String name() {
        return "windash";
    }

    /** Where a replaceable dash sits: segment index and char index inside that text segment. */
    private record Spot(int segment, int index) {}

    @Override
    Value applyString(Value.Str s, ModifierContext ctx) throws ModifierException {
        requireText(s);
        List<Glob.Segment> segments = s.glob().segments();
        List<Spot> spots = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) instanceof Glob.Text t) {
                String text = t.text();
                for (int j = 0; j < text.length(); j++) {
                    char c = text.charAt(j);
                    boolean startsWord = (c == '-' || c == '/') && (j == 0 || !isWordChar(text.charAt(j - 1)))
                            && j + 1 < text.length() && isWordChar(text.charAt(j + 1));
                    if (startsWord) {
                        spots.add(new Spot(i, j));
                    }
                }
            }
        }
        if (spots.isEmpty()) {
            return s.withGlob(s.glob());
        }
        if (spots.size() > MAX_DASHES) {
            throw ModifierException.atValue(IssueCode.VALUE_LIMIT, "'windash' would expand " + spots.size()
                    + " dashes into " + pow5(spots.size()) + " alternatives; at most " + MAX_DASHES
                    + " dashes per value are allowed (split the value)");
        }
        int total = pow5(spots.size());
        List<Value> alternatives = new ArrayList<>(total);
        for (int combination = 0; combination < total; combination++) {
            List<char[]> texts = new ArrayList<>();
            for (Glob.Segment seg : segments) {
                texts.add(seg instanceof Glob.Text t ? t.text().toCharArray() : null);
            }
            int rest = combination;
            for (int k = spots.size() - 1; k >= 0; k--) {
                Spot spot = spots.get(k);
                texts.get(spot.segment())[spot.index()] = DASHES[rest % DASHES.length];
                rest /= DASHES.length;
            }
            List<Glob.Segment> out = new ArrayList<>(segments.size());
            for (int i = 0; i < segments.size(); i++) {
                out.add(texts.get(i) == null ? segments.get(i) : new Glob.Text(new String(texts.get(i))));
            }
            alternatives.add(s.withGlob(Glob.of(out)));
        }
        return new Value.Alternatives(alternatives);
    }

    /** Python's {@code \w} on str: letters, digits (any script) and underscore. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int pow5(int n) {
        int r = 1;
        for (int i = 0; i < n; i++) {
            r *= DASHES.length;
        }
        return r;
    }
}
