package dev.edr.core.internal.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.edr.core.internal.match.ValueText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses one record candidate into plain, unmodifiable Java values with Jackson's streaming parser. Keeps working
 * state from record to record: one per stream, single-threaded.
 */
final class JsonValues {
    /** Numbers beyond 10^±MAX_EXPONENT are refused: nothing in an event needs them, and printing one in full
     *  (BigDecimal.toPlainString) would allocate as many digits as the exponent says. */
    static final int MAX_EXPONENT = 1000;
    /** Field names longer than this (or than the string limit) make a record bad. */
    static final int MAX_NAME_CHARS = 64 * 1024;
    /** Parser factories by limits (see {@link #factory}); a few distinct limits at most in practice. */
    private static final ConcurrentHashMap<List<Integer>, JsonFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final int MAX_FACTORIES = 16;

    private final JsonFactory factory;
    private final int maxDepth;
    private final int maxStringChars;
    private final int maxNumberChars;
    private final int maxFieldChars;
    /** Set while parsing one record when a string was cut to {@link #maxFieldChars}; parsing is single-threaded. */
    private boolean truncated;
    /** One map builder per nesting level, reused from record to record. */
    private final List<FieldMap.Builder> builders = new ArrayList<>();
    private int depth;
    /** The record's {@link KeywordText}, built as values are read. */
    private final StringBuilder leafText = new StringBuilder();

    /** The fast path for plain records; null when off (tests compare both paths). */
    private final PlainJson plain;

    JsonValues(JsonFactory factory, int maxDepth, int maxStringChars, int maxNumberChars, int maxFieldChars) {
        this(factory, maxDepth, maxStringChars, maxNumberChars, maxFieldChars, true);
    }

    /** {@code plain}: whether plain records take {@link PlainJson}; off only to compare it with Jackson's path. */
    JsonValues(JsonFactory factory, int maxDepth, int maxStringChars, int maxNumberChars, int maxFieldChars,
            boolean plain) {
        this.plain = plain ? new PlainJson(maxDepth, maxStringChars, maxNumberChars, maxFieldChars) : null;
        this.factory = factory;
        this.maxFieldChars = maxFieldChars;
        this.maxDepth = maxDepth;
        this.maxStringChars = maxStringChars;
        this.maxNumberChars = maxNumberChars;
    }

    /**
     * A parser factory for these limits. Factories are thread-safe and are shared by every reader with the same
     * limits, so that they share one table of field names: records then carry the same name instances, whichever
     * reader parsed them, and name lookups downstream compare references. The table is bounded (Jackson starts it
     * over when names from outside keep coming), and names stay out of the JVM-wide intern pool.
     */
    static JsonFactory factory(int maxDepth, int maxStringChars, int maxNumberChars) {
        List<Integer> key = List.of(maxDepth, maxStringChars, maxNumberChars);
        JsonFactory known = FACTORIES.get(key);
        if (known != null) {
            return known;
        }
        if (FACTORIES.size() >= MAX_FACTORIES) {
            FACTORIES.clear(); // limits invented per reader: no growth
        }
        return FACTORIES.computeIfAbsent(key, k -> {
            StreamReadConstraints constraints = StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(maxStringChars)
                    .maxNameLength(Math.min(maxStringChars, MAX_NAME_CHARS))
                    .maxNumberLength(maxNumberChars)
                    .build();
            return JsonFactory.builder()
                    .streamReadConstraints(constraints)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                    .build();
        });
    }

    /**
     * Either {@code value} (with {@code truncated} when a string field was cut to the field cap) or a
     * {@code reason} with the byte offset (in the candidate) where it was found.
     */
    record Result(Map<String, Object> value, boolean truncated, String reason, long offset) {
        static Result fail(String reason, long offset) {
            return new Result(null, false, reason, offset);
        }
    }

    /**
     * The fast path's record at {@code bytes[offset]}, a JSON Lines line it finds the end of itself
     * ({@link PlainJson#parseLine}); null when the line is not one plain object (the caller cuts and parses it
     * as usual). {@link #lineEnd()} then tells where the line ends.
     */
    Map<String, Object> parseLine(byte[] bytes, int offset, int limit) {
        return plain == null ? null : plain.parseLine(bytes, offset, limit);
    }

    /** The position of the line break (or limit) after the record {@link #parseLine} returned. */
    int lineEnd() {
        return plain.lineEnd();
    }

    Result parseObject(byte[] bytes, int length) {
        return parseObject(bytes, 0, length);
    }

    /** {@link #parseObject(byte[], int)} of {@code bytes[offset, offset + length)}; offsets count from {@code offset}. */
    Result parseObject(byte[] bytes, int offset, int length) {
        if (plain != null) {
            Map<String, Object> m = plain.parse(bytes, offset, length);
            if (m != null) {
                return new Result(m, false, null, 0);
            }
        }
        JsonParser p = null;
        truncated = false;
        depth = 0;
        leafText.setLength(0);
        for (FieldMap.Builder b : builders) b.clear(); // a record that failed halfway may have left entries
        try {
            p = factory.createParser(bytes, offset, length);
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                return Result.fail("expected a JSON object, found " + describe(t), 0);
            }
            Map<String, Object> m = readObject(p);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                return Result.fail("unexpected content after the record", p.currentTokenLocation().getByteOffset());
            }
            return new Result(m, truncated, null, 0);
        } catch (StreamConstraintsException e) {
            return Result.fail(limitReason(e.getOriginalMessage()), offset(e.getLocation(), p));
        } catch (JsonProcessingException e) {
            return Result.fail(Messages.clean(e.getOriginalMessage()), offset(e.getLocation(), p));
        } catch (NumberOutOfRange e) {
            return Result.fail(e.getMessage(), offset(null, p));
        } catch (DuplicateField e) {
            return Result.fail(e.getMessage(), p.currentTokenLocation().getByteOffset());
        } catch (IOException e) {
            return Result.fail(Messages.clean(e.getMessage()), offset(null, p));
        } catch (RuntimeException e) {
            // defensive: whatever the parser throws on hostile input stays a bad record, never escapes
            return Result.fail("malformed JSON: " + Messages.clean(e.getMessage()), offset(null, p));
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a byte-array parser holds nothing to release
                }
            }
            if (length > PlainJson.SHRINK_BYTES) {
                builders.clear(); // their arrays may have grown to a huge record's maps: start over
                leafText.setLength(0);
                leafText.trimToSize();
            }
        }
    }

    private static long offset(JsonLocation loc, JsonParser p) {
        if (loc != null && loc.getByteOffset() >= 0) {
            return loc.getByteOffset();
        }
        return p == null ? 0 : Math.max(0, p.currentLocation().getByteOffset());
    }

    private Map<String, Object> readObject(JsonParser p) throws IOException {
        if (depth == builders.size()) {
            builders.add(new FieldMap.Builder());
        }
        FieldMap.Builder m = builders.get(depth++);
        try {
            String name;
            while ((name = p.nextFieldName()) != null) {
                if (m.containsKey(name)) {
                    m.build(); // leaves the builder empty for the next record
                    throw new DuplicateField("Duplicate field '" + abbreviate(name) + "'");
                }
                m.putNew(name, readValue(p, p.nextToken()));
            }
            // the root carries the record's text
            return depth == 1 ? m.build(KeywordText.compact(leafText.toString())) : m.build();
        } finally {
            depth--;
        }
    }

    private List<Object> readArray(JsonParser p) throws IOException {
        ArrayList<Object> l = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            l.add(readValue(p, t));
        }
        return Collections.unmodifiableList(l);
    }

    // recursion is bounded: the parser refuses nesting deeper than maxDepth before we get here
    private Object readValue(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY:
                return readArray(p);
            case VALUE_STRING: {
                String s = p.getText();
                if (s.length() > maxFieldChars) {
                    truncated = true;
                    s = s.substring(0, maxFieldChars);
                }
                KeywordText.append(leafText, s);
                return s;
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: {
                if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    long l = p.getLongValue();
                    // ValueText.text of a Long is its toString: the same characters, without the String
                    if (leafText.length() > 0) leafText.append('\n');
                    leafText.append(l);
                    return l;
                }
                Object n = t == JsonToken.VALUE_NUMBER_FLOAT ? floatValue(p) : p.getBigIntegerValue();
                String text = ValueText.text(n);
                if (text != null) KeywordText.append(leafText, text);
                return n;
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected token " + t);
        }
    }

    private static Object floatValue(JsonParser p) throws IOException {
        double d = p.getDoubleValue();
        if (Double.isFinite(d) && d != 0.0) {
            return d;
        }
        BigDecimal exact = p.getDecimalValue();
        if (exact.signum() == 0) {
            return d;
        }
        // overflow to infinity or underflow to zero: keep the exact value if it is of sane magnitude
        long magnitude = (long) exact.precision() - exact.scale();
        if (magnitude > MAX_EXPONENT || magnitude < -MAX_EXPONENT) {
            throw new NumberOutOfRange("number out of range: " + abbreviate(p.getText())
                    + " (magnitude beyond 1e" + MAX_EXPONENT + ")");
        }
        return exact;
    }

    private String limitReason(String message) {
        String m = message == null ? "" : message;
        if (m.contains("nesting depth")) {
            return "nesting deeper than " + maxDepth + " levels";
        }
        if (m.contains("Number value length") || m.contains("Number length")) {
            return "number out of range: longer than " + maxNumberChars + " characters";
        }
        if (m.contains("String value length")) {
            return "string longer than " + maxStringChars + " characters";
        }
        if (m.contains("Name length")) {
            return "field name too long";
        }
        return Messages.clean(m);
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        switch (t) {
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }


    /** A name repeated in one object: refused, as an event with two values under one name is ambiguous. */
    private static final class DuplicateField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateField(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown from inside the value walk; never leaves this class. */
    private static final class NumberOutOfRange extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NumberOutOfRange(String message) {
            super(message, null, false, false);
        }
    }
}
