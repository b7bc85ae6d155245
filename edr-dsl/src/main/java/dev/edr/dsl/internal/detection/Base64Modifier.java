package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code base64} and {@code base64offset}. Text is encoded as UTF-8, the output of a utf16 modifier as its
 * bytes. Wildcards cannot be encoded; position modifiers belong after the encoding.
 *
 * <p>{@code base64offset}: the value may sit at any byte offset of the encoded data, so it is encoded after 0,
 * 1 and 2 leading bytes, and the characters that depend on the unknown neighbouring bytes are cut off: 0, 2
 * or 3 characters at the start (by offset), and 0, 3 or 2 characters at the end (by total length modulo 3).
 * The three fragments are alternatives, normally followed by {@code contains}.
 */
final class Base64Modifier extends StringModifier {
    static final Base64Modifier PLAIN = new Base64Modifier("base64", false);
    static final Base64Modifier OFFSET = new Base64Modifier("base64offset", true);

    private static final int[] START_CUT = {0, 2, 3};
    private static final int[] END_CUT = {0, 3, 2};

    private final String name;
    private final boolean offsets;

    private Base64Modifier(String name, boolean offsets) {
        this.name = name;
        this.offsets = offsets;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    Value applyString(Value.Str s, ModifierContext ctx) throws ModifierException {
        if (!s.glob().isLiteral()) {
            String message = "'" + name + "' cannot encode wildcards (value " + s.glob()
                    + "); put contains/startswith/endswith after '" + name + "', escape literal * and ? with \\";
            throw s.transformed() ? ModifierException.atModifier(IssueCode.INVALID_MODIFIER, message)
                    : ModifierException.atValue(IssueCode.INVALID_VALUE, message);
        }
        String text = s.glob().literalText();
        byte[] bytes = text.getBytes(s.bytes() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (!offsets) {
            return s.withBytes(Glob.literal(Base64.getEncoder().encodeToString(bytes)), false);
        }
        List<Value> fragments = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[bytes.length + shift];
            java.util.Arrays.fill(shifted, 0, shift, (byte) ' ');
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int end = encoded.length() - END_CUT[(bytes.length + shift) % 3];
            if (end <= START_CUT[shift]) {
                throw ModifierException.atValue(IssueCode.INVALID_VALUE, "'base64offset' needs a longer value: '"
                        + text + "' leaves no stable base64 characters at offset " + shift);
            }
            fragments.add(s.withBytes(Glob.literal(encoded.substring(START_CUT[shift], end)), false));
        }
        return new Value.Alternatives(fragments);
    }
}
