package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code expand}: {@code %name%} in the value is a placeholder ({@code \%} is a plain percent sign). The model
 * holds a placeholder only as a whole value, so the value must be exactly one placeholder, optionally inside
 * the wildcards of contains/startswith/endswith (that position is then lost and reported as a warning);
 * placeholders mixed with other text are rejected as unsupported.
 */
final class ExpandModifier extends StringModifier {
    static final ExpandModifier INSTANCE = new ExpandModifier();

    @Override
    public String name() {
        return "expand";
    }

    @Override
    Value applyString(Value.Str s, ModifierContext ctx) throws ModifierException {
        requireText(s);
        List<Glob.Segment> rebuilt = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean otherText = false;
        boolean wildcards = false;
        for (Glob.Segment seg : s.glob().segments()) {
            if (!(seg instanceof Glob.Text t)) {
                rebuilt.add(seg);
                wildcards |= seg == Glob.Wildcard.MANY;
                otherText |= seg == Glob.Wildcard.ONE;
                continue;
            }
            String text = t.text();
            StringBuilder plain = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
                    plain.append('%');
                    i++;
                    continue;
                }
                int end = c == '%' ? placeholderEnd(text, i) : -1;
                if (end < 0) {
                    plain.append(c);
                    continue;
                }
                names.add(text.substring(i + 1, end));
                i = end;
            }
            otherText |= plain.length() > 0;
            rebuilt.add(new Glob.Text(plain.toString()));
        }
        if (names.isEmpty()) {
            ctx.warn(IssueCode.INVALID_MODIFIER, false, "'expand' is given but the value has no %placeholder%");
            return s.withGlob(Glob.of(rebuilt));
        }
        if (names.size() > 1 || otherText) {
            throw ModifierException.atValue(IssueCode.UNSUPPORTED_FEATURE, "placeholder %" + names.get(0)
                    + "% is mixed with other text or placeholders; only a value that is exactly one placeholder"
                    + " is supported");
        }
        return new Value.Placeholder(names.get(0), wildcards);
    }

    /** Index of the closing {@code %} of a placeholder name starting at {@code open}, or -1. */
    private static int placeholderEnd(String text, int open) {
        int i = open + 1;
        while (i < text.length() && (WindashModifier.isWordChar(text.charAt(i)) || text.charAt(i) == '-'
                || text.charAt(i) == '.')) {
            i++;
        }
        return i > open + 1 && i < text.length() && text.charAt(i) == '%' ? i : -1;
    }
}
