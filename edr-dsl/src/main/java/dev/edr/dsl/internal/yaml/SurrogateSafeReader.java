package dev.edr.dsl.internal.yaml;

import java.io.Reader;

/**
 * A reader over a string that never ends a chunk between the two halves of a surrogate pair. snakeyaml-engine
 * 2.9's StreamReader overruns its buffer when a full buffer ends in a high surrogate (an emoji at a
 * 1,024-character boundary); SigmaHQ rules contain emoji, so this is not hypothetical.
 */
final class SurrogateSafeReader extends Reader {
    private final String text;
    private int next;

    SurrogateSafeReader(String text) {
        this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (next >= text.length()) {
            return -1;
        }
        int n = Math.min(length, text.length() - next);
        if (n > 1 && Character.isHighSurrogate(text.charAt(next + n - 1))) {
            n--;
        }
        text.getChars(next, next + n, buffer, offset);
        next += n;
        return n;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
