package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code utf16le}, {@code utf16be}, {@code utf16} (byte order mark FF FE, then little endian) and {@code wide}
 * (= utf16le). The result holds one byte per char (0-255) so that a following {@code base64} encodes the real
 * bytes. Wildcards are kept as they are, between the encoded text runs.
 */
final class Utf16Modifier extends StringModifier {
    static final Utf16Modifier LE = new Utf16Modifier("utf16le", false, false);
    static final Utf16Modifier WIDE = new Utf16Modifier("wide", false, false);
    static final Utf16Modifier BE = new Utf16Modifier("utf16be", true, false);
    static final Utf16Modifier BOM = new Utf16Modifier("utf16", false, true);

    private final String name;
    private final boolean bigEndian;
    private final boolean byteOrderMark;

    private Utf16Modifier(String name, boolean bigEndian, boolean byteOrderMark) {
        this.name = name;
        this.bigEndian = bigEndian;
        this.byteOrderMark = byteOrderMark;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    Value applyString(Value.Str s, ModifierContext ctx) throws ModifierException {
        if (s.bytes()) {
            throw ModifierException.atModifier(IssueCode.INVALID_MODIFIER,
                    "'" + name + "' cannot encode a value that is already utf16-encoded");
        }
        List<Glob.Segment> out = new ArrayList<>();
        if (byteOrderMark) {
            out.add(new Glob.Text("\u00FF\u00FE"));
        }
        for (Glob.Segment seg : s.glob().segments()) {
            out.add(seg instanceof Glob.Text t ? new Glob.Text(encode(t.text())) : seg);
        }
        return s.withBytes(Glob.of(out), true);
    }

    private String encode(String text) {
        StringBuilder b = new StringBuilder(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char low = (char) (c & 0xFF);
            char high = (char) (c >>> 8);
            if (bigEndian) {
                b.append(high).append(low);
            } else {
                b.append(low).append(high);
            }
        }
        return b.toString();
    }
}
