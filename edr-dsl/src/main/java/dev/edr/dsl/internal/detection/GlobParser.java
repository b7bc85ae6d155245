package dev.edr.dsl.internal.detection;

import dev.edr.core.rule.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * Sigma string escaping (spec section "Escape Character"): a backslash escapes only {@code *}, {@code ?} and
 * another backslash; before any other character, or at the end, it is a literal backslash. So {@code \\} and
 * {@code \} both mean one backslash, {@code \\*} is a backslash followed by a wildcard, and {@code \\\*} is a
 * backslash followed by a literal star.
 */
final class GlobParser {
    private GlobParser() {}

    static Glob parse(String raw) {
        List<Glob.Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                char next = i + 1 < n ? raw.charAt(i + 1) : 0;
                if (next == '*' || next == '?' || next == '\\') {
                    text.append(next);
                    i++;
                } else {
                    text.append('\\');
                }
            } else if (c == '*' || c == '?') {
                flush(text, segments);
                segments.add(c == '*' ? Glob.Wildcard.MANY : Glob.Wildcard.ONE);
            } else {
                text.append(c);
            }
        }
        flush(text, segments);
        return Glob.of(segments);
    }

    private static void flush(StringBuilder text, List<Glob.Segment> segments) {
        if (text.length() > 0) {
            segments.add(new Glob.Text(text.toString()));
            text.setLength(0);
        }
    }
}
