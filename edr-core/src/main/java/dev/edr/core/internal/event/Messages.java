package dev.edr.core.internal.event;

import java.util.regex.Pattern;

/** Makes parser messages fit for a one-line issue: no source echo, no raw control characters, bounded length. */
final class Messages {
    private static final Pattern SOURCE_REF = Pattern.compile("\\s*\\(?(start marker at )?\\[Source: [^\\]]*\\]\\)?");
    private static final Pattern FEATURE_HINT = Pattern.compile(":? *\\(?(enable|disable) `[^`]*` to allow\\)?.*$");
    private static final int MAX = 200;

    private Messages() {}

    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "malformed JSON";
        }
        String m = message;
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        m = SOURCE_REF.matcher(m).replaceAll("");
        // the parser's configuration hints address Jackson users, not people with a broken events file
        m = FEATURE_HINT.matcher(m).replaceAll("");
        if (m.startsWith("Unexpected end-of-input")) {
            m = "truncated record: " + m;
        }
        StringBuilder b = new StringBuilder(Math.min(m.length(), MAX + 8));
        for (int i = 0; i < m.length() && b.length() < MAX; i++) {
            char c = m.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c) || c == 0xFFFD) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX) {
            b.append('…');
        }
        return b.toString().strip();
    }
}
