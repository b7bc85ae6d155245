package dev.edr.dsl.internal.detection;

import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch;
import java.math.BigDecimal;
import java.util.List;

/**
 * A rule value while its modifier chain is applied, before it becomes a {@link ValueMatch}. Keeps what the
 * final model forgets: the raw YAML text (for {@code re}, {@code cidr}) and whether a modifier already
 * reshaped the value, so that type conflicts such as {@code contains|re} can be reported.
 */
sealed interface Value {
    /** Short noun for messages ("a string", "a regular expression"). */
    String describe();

    /**
     * A string value. {@code raw} is the YAML text, meaningful only while {@code !transformed}. With
     * {@code bytes} the glob text holds one byte per char (0-255), as produced by the utf16 modifiers.
     */
    record Str(Glob glob, String raw, boolean transformed, boolean bytes, boolean cased) implements Value {
        static Str of(String raw) {
            return new Str(GlobParser.parse(raw), raw, false, false, false);
        }

        Str withGlob(Glob g) {
            return new Str(g, raw, true, bytes, cased);
        }

        Str withBytes(Glob g, boolean isBytes) {
            return new Str(g, raw, true, isBytes, cased);
        }

        @Override
        public String describe() {
            return "a string";
        }
    }

    /** A YAML number; {@code text} is its decimal string, used when it is compared as a string. */
    record Num(BigDecimal value, String text) implements Value {
        @Override
        public String describe() {
            return "a number";
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String describe() {
            return "a boolean";
        }
    }

    record Null() implements Value {
        @Override
        public String describe() {
            return "null";
        }
    }

    record Regex(String pattern, boolean ignoreCase, boolean multiline, boolean dotAll) implements Value {
        @Override
        public String describe() {
            return "a regular expression";
        }
    }

    record Cidr(String cidr) implements Value {
        @Override
        public String describe() {
            return "a CIDR range";
        }
    }

    record Compare(ValueMatch.Comparison op, BigDecimal value) implements Value {
        @Override
        public String describe() {
            return "a numeric comparison";
        }
    }

    record Exists(boolean present) implements Value {
        @Override
        public String describe() {
            return "an existence test";
        }
    }

    record FieldRef(String field, ValueMatch.Position position, boolean cased) implements Value {
        @Override
        public String describe() {
            return "a field reference";
        }
    }

    /** A date part test; {@code inner} is a {@link Num} (equality) or a {@link Compare}. */
    record TimePart(ValueMatch.TimeUnit unit, Value inner) implements Value {
        @Override
        public String describe() {
            return "a time part";
        }
    }

    /** {@code wildcards}: a position modifier surrounded the placeholder, which the model cannot keep. */
    record Placeholder(String name, boolean wildcards) implements Value {
        @Override
        public String describe() {
            return "a placeholder";
        }
    }

    /** Several alternatives from one value (windash, base64offset); any may match. Never nested. */
    record Alternatives(List<Value> items) implements Value {
        public Alternatives {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return items.isEmpty() ? "an expansion" : items.get(0).describe();
        }
    }
}
