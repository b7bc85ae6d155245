package dev.edr.core.response.adapters;

import java.security.SecureRandom;

/** Random passwords that satisfy the usual complexity rules (all four character classes present). */
final class Passwords {
    private static final String[] CLASSES = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789",
        "!#%+-.:=?@^_~"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    static char[] random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            String cls = CLASSES[i < CLASSES.length ? i : RANDOM.nextInt(CLASSES.length)];
            out[i] = cls.charAt(RANDOM.nextInt(cls.length()));
        }
        for (int i = length - 1; i > 0; i--) { // shuffle so the guaranteed classes are not always first
            int j = RANDOM.nextInt(i + 1);
            char t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
