package dev.edr.core.internal.match;

import dev.edr.core.rule.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * A general glob without regex: the pattern is split at every {@code *} into pieces (literal text and
 * {@code ?}); the first piece is anchored at the start, the last at the end, and each middle piece is placed
 * at its leftmost occurrence. Leftmost placement is always safe because a piece placed earlier leaves more
 * room for the rest, so no backtracking is needed and the cost is at most text length times pattern length.
 * {@code ?} stands for one Unicode code point (a surrogate pair counts as one).
 */
final class GlobPattern implements TextMatcher {
    private static final String ONE = null; // a '?' element inside a piece

    private final List<String[]> pieces;

    GlobPattern(List<Glob.Segment> segments) {
        List<String[]> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (Glob.Segment s : segments) {
            if (s == Glob.Wildcard.MANY) {
                out.add(current.toArray(String[]::new));
                current = new ArrayList<>();
            } else if (s == Glob.Wildcard.ONE) {
                current.add(ONE);
            } else {
                current.add(((Glob.Text) s).text());
            }
        }
        out.add(current.toArray(String[]::new));
        this.pieces = List.copyOf(out);
    }

    @Override
    public boolean matches(String text) {
        int last = pieces.size() - 1;
        int pos = matchAt(pieces.get(0), text, 0);
        if (last == 0) {
            return pos == text.length();
        }
        if (pos < 0) {
            return false;
        }
        for (int i = 1; i < last; i++) {
            pos = findFrom(pieces.get(i), text, pos);
            if (pos < 0) {
                return false;
            }
        }
        return endsWithPiece(pieces.get(last), text, pos);
    }

    /** End index of {@code piece} matched at exactly {@code start}, or -1. */
    private static int matchAt(String[] piece, String text, int start) {
        int p = start;
        for (String e : piece) {
            if (e == ONE) {
                if (p >= text.length()) {
                    return -1;
                }
                p += codePointWidth(text, p);
            } else {
                if (!text.startsWith(e, p)) {
                    return -1;
                }
                p += e.length();
            }
        }
        return p;
    }

    /** End index of the leftmost occurrence of {@code piece} starting at or after {@code from}, or -1. */
    private static int findFrom(String[] piece, String text, int from) {
        if (piece.length == 1 && piece[0] != ONE) {
            int at = text.indexOf(piece[0], from);
            return at < 0 ? -1 : at + piece[0].length();
        }
        if (piece.length > 0 && piece[0] != ONE) {
            // jump between occurrences of the leading literal (String.indexOf is vectorized) instead of trying
            // every position; a position inside a surrogate pair is one the walk below never tries either
            String lead = piece[0];
            for (int at = text.indexOf(lead, from); at >= 0; at = text.indexOf(lead, at + 1)) {
                if (at > from && Character.isLowSurrogate(text.charAt(at))
                        && Character.isHighSurrogate(text.charAt(at - 1))) {
                    continue;
                }
                int end = matchAt(piece, text, at);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        for (int start = from; start <= text.length(); start += start < text.length() ? codePointWidth(text, start) : 1) {
            int end = matchAt(piece, text, start);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    private static boolean endsWithPiece(String[] piece, String text, int from) {
        if (piece.length == 0) {
            return true; // trailing '*'
        }
        if (piece.length == 1 && piece[0] != ONE) {
            return text.length() - piece[0].length() >= from && text.endsWith(piece[0]);
        }
        for (int start = from; start <= text.length(); start += start < text.length() ? codePointWidth(text, start) : 1) {
            if (matchAt(piece, text, start) == text.length()) {
                return true;
            }
        }
        return false;
    }

    private static int codePointWidth(String text, int at) {
        return Character.isHighSurrogate(text.charAt(at)) && at + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(at + 1)) ? 2 : 1;
    }
}
