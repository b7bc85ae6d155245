package dev.edr.core.internal.match;

/** Pieces of RE2 syntax that the regex readers (prefilter literals, matcher shortcuts) share. */
public final class RegexSyntax {
    private RegexSyntax() {}

    /** Index of the {@code ]} closing the class opened at {@code open} (POSIX {@code [:name:]} inside), or -1. */
    public static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') i++;
        if (i < p.length() && p.charAt(i) == ']') i++;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                int end = p.indexOf(":]", i + 2);
                if (end < 0) return -1;
                i = end + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The counted repetition whose {@code {} is at {@code open}: {@code {n, m, end}} for {@code {n}} ({@code m = n}),
     * {@code {n,}} ({@code m = -1}) and {@code {n,m}}, {@code end} the offset after the {@code }}; {@code null}
     * for anything else, which RE2 reads as text ({@code {,m}}, counts in other digits than ASCII ones) or refuses
     * (counts of more than four digits: RE2 allows at most 1000).
     */
    public static int[] counted(String p, int open) {
        int k = open + 1;
        int n = 0;
        int digits = 0;
        for (; k < p.length() && p.charAt(k) >= '0' && p.charAt(k) <= '9'; k++) {
            if (++digits > 4) return null;
            n = n * 10 + (p.charAt(k) - '0');
        }
        if (digits == 0 || k >= p.length()) return null;
        int m = n;
        if (p.charAt(k) == ',') {
            k++;
            m = -1;
            digits = 0;
            for (; k < p.length() && p.charAt(k) >= '0' && p.charAt(k) <= '9'; k++) {
                if (++digits > 4) return null;
                m = (digits == 1 ? 0 : m * 10) + (p.charAt(k) - '0');
            }
        }
        if (k >= p.length() || p.charAt(k) != '}') return null;
        return new int[] {n, m, k + 1};
    }
}
