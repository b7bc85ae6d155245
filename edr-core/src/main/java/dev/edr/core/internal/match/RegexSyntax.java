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
}
