package dev.edr.dsl.internal.condition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import dev.edr.dsl.internal.EditDistance;
import java.util.Locale;
import java.util.Set;

/** The search identifiers of one detection, in file order, with Sigma's {@code x of} pattern rules. */
final class Identifiers {
    private static final int MAX_SUGGESTION_LENGTH = 64;

    private final List<String> names;
    private final Set<String> known;

    Identifiers(List<String> names) {
        this.known = new LinkedHashSet<>(names);
        this.names = List.copyOf(known);
    }

    List<String> all() {
        return names;
    }

    boolean contains(String name) {
        return known.contains(name);
    }

    /** {@code them}: every identifier except those starting with '_', which Sigma reserves for helpers. */
    List<String> them() {
        return names.stream().filter(n -> !n.startsWith("_")).toList();
    }

    /** Identifiers matching {@code pattern}, where '*' stands for any run of characters; case-sensitive. */
    List<String> matching(String pattern) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (globMatches(pattern, n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The closest known identifier, for "did you mean", or null when none is close. */
    String suggestion(String unknown) {
        if (unknown.length() > MAX_SUGGESTION_LENGTH) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            if (n.length() > MAX_SUGGESTION_LENGTH) {
                continue;
            }
            int d = n.equalsIgnoreCase(unknown) ? 0 : EditDistance.between(unknown.toLowerCase(Locale.ROOT),
                    n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        // Short names are all within an edit or two of each other: only suggest what is clearly a typo.
        int allowed = unknown.length() < 3 ? 0 : unknown.length() <= 5 ? 1 : 2;
        return bestDistance <= allowed ? best : null;
    }

    /** Greedy '*' matching with backtracking to the last star: linear in practice, no regex engine needed. */
    static boolean globMatches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starN = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (starP >= 0) {
                p = starP + 1;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
