package dev.edr.core.internal.event;

import dev.edr.core.event.Event;
import dev.edr.core.internal.match.FieldView;
import dev.edr.core.internal.match.ValueText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The text keyword search scans: every string and number of an event's original record, joined by line breaks,
 * computed once when the event is built. Keyword rules are few, but one of them (SigmaHQ's "Mimikatz Use")
 * applies to every Windows event, so the prefilter reads every record whole; one contiguous text read by one
 * pass costs a fraction of walking the record's maps and scanning their values one by one. A needle that spans
 * two values joined here can only add a candidate (the rule's matcher then tests each value on its own), never
 * hide one.
 *
 * <p>The text is kept {@linkplain #compact compactly}: a {@code byte[]} with one byte per character when every
 * character is Latin-1 (nearly every record), else a {@code String}. The skipping search reads two characters of a
 * byte array in one load, which halves its time per record.
 */
public final class KeywordText {
    private static volatile Function<Event, Object> access;

    private KeywordText() {}

    /** Called once, by {@link Event}'s class initializer: events keep the text private to this package's readers. */
    public static void grant(Function<Event, Object> reader) {
        if (access != null) {
            throw new IllegalStateException("already granted");
        }
        access = Objects.requireNonNull(reader);
    }

    /**
     * The keyword text of {@code event} ({@link #compact}: a Latin-1 {@code byte[]} or a {@code String}), or
     * {@code null} when its record was too large to walk within the matchers' node budget
     * ({@link FieldView#MAX_NODES}): then every keyword rule must be a candidate.
     */
    public static Object of(Event event) {
        return access.apply(event); // an Event exists, so its class initializer has run
    }

    /**
     * The text for {@code original}, {@linkplain #compact compact}: the one the JSON reader recorded for a record it
     * parsed, else a walk in record order under the matchers' depth and node limits.
     */
    public static Object compute(Object original) {
        if (original instanceof FieldMap f && f.leafText() != null) {
            return f.leafText();
        }
        if (original instanceof FlatRecord r) {
            return r.leafText();
        }
        StringBuilder out = new StringBuilder();
        int[] budget = {FieldView.MAX_NODES};
        if (original instanceof Map<?, ?> || original instanceof List<?>) {
            walk(original, 0, out, budget);
        } else {
            leaf(original, out);
        }
        return budget[0] < 0 ? null : compact(out.toString());
    }

    /**
     * {@code text} as one byte per character when every character is Latin-1, else {@code text} itself. Encoding as
     * ISO-8859-1 replaces any other character, so the bytes decode back to the text exactly when there was none;
     * each step is one of the JDK's array-wide copies or comparisons.
     */
    static Object compact(String text) {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        return text.equals(new String(latin1, StandardCharsets.ISO_8859_1)) ? latin1 : text;
    }

    /** The characters of a keyword text, as {@link #of} and {@link #compute} return it; null for null. */
    public static String asString(Object text) {
        return text instanceof byte[] latin1 ? new String(latin1, StandardCharsets.ISO_8859_1) : (String) text;
    }

    private static void walk(Object container, int depth, StringBuilder out, int[] budget) {
        Iterable<?> children = container instanceof Map<?, ?> m ? m.values() : (List<?>) container;
        for (Object v : children) {
            if (--budget[0] < 0) {
                return;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                if (depth < FieldView.MAX_DEPTH) walk(v, depth + 1, out, budget);
            } else {
                leaf(v, out);
            }
        }
    }

    private static void leaf(Object v, StringBuilder out) {
        if (v instanceof String || v instanceof Number) {
            String text = ValueText.text(v);
            if (text != null) append(out, text);
        }
    }

    /** Appends one value; package-private so that the reader builds the same text while it parses. */
    static void append(StringBuilder out, String value) {
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(value);
    }
}
