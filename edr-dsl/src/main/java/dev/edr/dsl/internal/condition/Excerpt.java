package dev.edr.dsl.internal.condition;

/** Quotes source text inside messages, clipped so a hostile 200 KB identifier cannot flood a report. */
final class Excerpt {
    static final int MAX_CHARS = 80;

    private Excerpt() {}

    static String quote(String text) {
        return "'" + clip(text) + "'";
    }

    static String clip(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = MAX_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** A single character as the author would recognise it; invisible ones by code point. */
    static String character(String ch) {
        int cp = ch.codePointAt(0);
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT) {
            return String.format("U+%04X", cp);
        }
        return "'" + ch + "'";
    }
}
