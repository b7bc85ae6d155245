package dev.edr.dsl.internal.document;

/**
 * The shapes of metadata values, checked by hand: each rule has an id, a date or two and several tags, and these
 * checks run for all of them.
 */
final class MetaShapes {
    private MetaShapes() {}

    /** {@code [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}} */
    static boolean isUuid(String s) {
        if (s.length() != 36) return false;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) return false;
        }
        return true;
    }

    /** {@code [0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])} */
    static boolean isDateShape(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return false;
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        int month = (s.charAt(5) - '0') * 10 + s.charAt(6) - '0';
        int day = (s.charAt(8) - '0') * 10 + s.charAt(9) - '0';
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** {@code [a-z0-9_-]+\.[a-z0-9._-]+}: the part before the first dot cannot hold a dot, so that is the split. */
    static boolean isTag(String s) {
        int dot = s.indexOf('.');
        if (dot < 1 || dot == s.length() - 1) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' && i >= dot)) {
                return false;
            }
        }
        return true;
    }
}
