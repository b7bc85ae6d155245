package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.EventReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reader's fast path against Jackson's: whatever {@link PlainJson} accepts, Jackson's path accepts too and
 * builds the same values (types, key order) and the same keyword text.
 */
class PlainJsonTest {
    private static final EventReader.Limits L = EventReader.Limits.DEFAULTS;

    static JsonValues jackson(EventReader.Limits l) {
        return new JsonValues(JsonValues.factory(l.maxDepth(), l.maxStringChars(), l.maxNumberChars()),
                l.maxDepth(), l.maxStringChars(), l.maxNumberChars(), l.maxFieldChars(), false);
    }

    static PlainJson plain(EventReader.Limits l) {
        return new PlainJson(l.maxDepth(), l.maxStringChars(), l.maxNumberChars(), l.maxFieldChars());
    }

    /** Values with their types and order, and the keyword text of every map that carries one. */
    static String describe(Object v) {
        if (v instanceof FlatRecord r) {
            FieldMap tree = r.tree();
            assertThat(r).isEqualTo(tree).hasSameHashCodeAs(tree).hasSize(tree.size());
            assertThat(tree.leafText()).isSameAs(r.leafText());
            v = tree;
        }
        if (v instanceof FieldMap m) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < m.size(); i++) {
                sb.append(m.keyAt(i)).append('=').append(describe(m.valueAt(i))).append(';');
            }
            Object text = m.leafText();
            if (text instanceof byte[] b) sb.append("text:bytes:").append(Arrays.toString(b));
            else if (text != null) sb.append("text:string:").append(text);
            return sb.append('}').toString();
        }
        if (v instanceof Map<?, ?>) throw new AssertionError("not a FieldMap: " + v.getClass());
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) sb.append(describe(o)).append(',');
            return sb.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }

    /**
     * Compares both paths on one record; true when the fast path took it. The fast path may only take what
     * Jackson's path accepts, and must build the same.
     */
    static boolean agree(PlainJson fast, JsonValues slow, byte[] json) {
        Map<String, Object> mine = fast.parse(json, 0, json.length);
        JsonValues.Result theirs = slow.parseObject(json, 0, json.length);
        if (mine == null) {
            return false;
        }
        String shown = new String(json, StandardCharsets.ISO_8859_1);
        assertThat(theirs.reason()).as("Jackson refuses what the fast path took: %s", shown).isNull();
        assertThat(theirs.truncated()).as(shown).isFalse();
        assertThat(describe(mine)).as(shown).isEqualTo(describe(theirs.value()));
        return true;
    }

    @Test
    void everyDatasetRecordTakesTheFastPathAndEqualsJacksons() throws IOException {
        Optional<Path> dataset = shared("datasets/evtx-attack-samples.jsonl");
        Assumptions.assumeTrue(dataset.isPresent(), "shared dataset not found beside the repository");
        PlainJson fast = plain(L);
        JsonValues slow = jackson(L);
        int lines = 0;
        int taken = 0;
        for (String line : Files.readAllLines(dataset.get(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            lines++;
            if (agree(fast, slow, line.getBytes(StandardCharsets.UTF_8))) taken++;
        }
        assertThat(lines).isGreaterThan(8000);
        // every record of the samples is plain (UTF-8 text, integers); a fast path that steps aside fails here
        assertThat(taken).as("records on the fast path").isEqualTo(lines);
    }

    @Test
    void handPickedRecords() {
        PlainJson fast = plain(L);
        JsonValues slow = jackson(L);
        String[] taken = {
            "{}", " {\"a\":1} ", "{\"a\":\"\",\"b\":\"\",\"c\":\"x\"}", "{\"a\":[],\"b\":{},\"c\":[{}]}",
            "{\"e\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0000\\u00FF\"}", "{\"n\":[0,-1,123456789012345678,-7]}",
            "{\"t\":true,\"f\":false,\"z\":null}", "{\r\n\t\"a\" : [ 1 , \"x\" ] \r\n}",
            "{\"a\":{\"b\":{\"c\":{\"d\":\"deep\"}}},\"a2\":\"x\"}",
            "{\"a\":\"é\",\"b\":\"C:\\\\Users\\\\Ünal\"}", "{\"a\":\"\\u0100\",\"b\":1,\"c\":\"x\"}",
            "{\"a\":\"x\",\"b\":\"日本\",\"c\":[\"é\",2]}", "{\"a\":\"😀\"}", "{\"a\":\"\\u20ac\\u00e9\"}",
            "{\"a\":[{\"b\":1}],\"c\":[[{\"d\":{\"e\":[{}]}}]]}",
        };
        for (String json : taken) {
            assertThat(agree(fast, slow, json.getBytes(StandardCharsets.UTF_8))).as(json).isTrue();
        }
        String[] toJackson = {
            "", "[]", "{", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":-0}",
            "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":1234567890123456789}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":tru}",
            "{\"a\":truex}", "{\"a\":nul}", "{\"a\":NaN}", "{\"é\":1}", "{\"a\\u0062\":1}",
            "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\uFFFD\"}", "{\"a\":\"\\uFFFD\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u00g0\"}",
            "{\"a\":\"tab\there\"}", "{\"a\":1,\"a\":2}", "{\"a\":\"unterminated}", "{\"a\":[1,]}", "{\"a\":[1 2]}",
            "\uFEFF{\"a\":1}", "{\"a\":1}\u00e9", "{\"a\":1}\u0000", "{\"a\":\"x\"\"b\":1}",
        };
        for (String json : toJackson) {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            assertThat(fast.parse(b, 0, b.length)).as(json).isNull();
            agree(fast, slow, b);
        }
        // bytes that are not UTF-8: a lone continuation byte, a cut sequence, an overlong slash, an encoded surrogate
        for (byte[] bad : new byte[][] {{(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] b = new byte[bad.length + 8];
            System.arraycopy(bytes("{\"a\":\""), 0, b, 0, 6);
            System.arraycopy(bad, 0, b, 6, bad.length);
            b[6 + bad.length] = '"';
            b[7 + bad.length] = '}';
            assertThat(fast.parse(b, 0, b.length)).as(Arrays.toString(bad)).isNull();
        }
        // names that share their first and last eight bytes, and more names than the name table holds
        StringBuilder names = new StringBuilder("{");
        for (int k = 0; k < 3000; k++) {
            names.append(k == 0 ? "" : ",").append("\"aaaaaaaa").append(k).append("zzzzzzzz\":").append(k);
        }
        byte[] many = bytes(names.append('}').toString());
        for (int pass = 0; pass < 2; pass++) {
            assertThat(agree(fast, slow, many)).isTrue();
        }
        // a record inside a larger buffer
        byte[] buffer = "xx{\"a\":\"b\"}yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(describe(fast.parse(buffer, 2, 9))).isEqualTo(describe(slow.parseObject(buffer, 2, 9).value()));
    }

    /** Near the limits the fast path steps aside, so that Jackson's path refuses or cuts as it always has. */
    @Test
    void limitsAreJacksons() {
        EventReader.Limits tight = new EventReader.Limits(3, 10, 4, 1000, 6);
        PlainJson fast = plain(tight);
        JsonValues slow = jackson(tight);
        assertThat(agree(fast, slow, bytes("{\"a\":{\"b\":\"123456\"},\"n\":-123}"))).isTrue();
        assertThat(fast.parse(bytes("{\"a\":\"1234567\"}"), 0, 15)).isNull(); // cut by Jackson's path
        assertThat(slow.parseObject(bytes("{\"a\":\"1234567\"}"), 0, 15).truncated()).isTrue();
        byte[] deep = bytes("{\"a\":{\"b\":{\"c\":1}}}");
        assertThat(fast.parse(deep, 0, deep.length)).isNull();
        byte[] longNumber = bytes("{\"n\":12345}");
        assertThat(fast.parse(longNumber, 0, longNumber.length)).isNull();
        assertThat(slow.parseObject(longNumber, 0, longNumber.length).reason()).contains("number");
        byte[] longName = bytes("{\"abcdefghijk\":1}");
        assertThat(fast.parse(longName, 0, longName.length)).isNull();
    }

    /**
     * An escaped string near the start of a large record needs a buffer of its own size, not of the rest of the
     * record; a huge record's buffers start small again for the next record.
     */
    @Test
    void buffersGrowWithWhatIsNeeded() {
        PlainJson fast = plain(L);
        JsonValues slow = jackson(L);
        String big = "x".repeat(600_000); // under the default field cap of 1 MiB: the fast path's
        byte[] record = bytes("{\"a\":\"C:\\\\x\",\"b\":[1,2],\"c\":\"" + big + "\",\"d\":\"" + big + "\"}");
        assertThat(agree(fast, slow, record)).isTrue();
        // the text holds both values; the escaped string needed a few bytes
        assertThat(fast.bufferBytes()).isBetween(1_200_000, 2_500_000);
        assertThat(agree(fast, slow, bytes("{\"a\":\"C:\\\\x\"}"))).isTrue();
        assertThat(fast.bufferBytes()).isLessThan(100_000);
        // a record of many names and leaves grows the flat form's arrays (to over 6 MB for these 200,000), which
        // start over right after it; its text's buffer, at the next record. One object of that many names also
        // parses in linear time: its repeated-name test is a hash set beyond the first 64 names
        StringBuilder many = new StringBuilder("{\"o\": {");
        for (int i = 0; i < 200_000; i++) many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        byte[] wide = bytes(many.append("}}").toString());
        assertThat(agree(fast, slow, wide)).isTrue();
        assertThat(fast.bufferBytes()).isLessThan(4_000_000);
        assertThat(agree(fast, slow, bytes("{\"a\":\"C:\\\\x\"}"))).isTrue();
        assertThat(fast.bufferBytes()).isLessThan(100_000);
        byte[] escapedBig = bytes("{\"a\":\"\\n" + big + "\"}");
        assertThat(agree(fast, slow, escapedBig)).isTrue();
        assertThat(fast.bufferBytes()).isBetween(1_200_000, 2_500_000); // text and scratch both hold it
    }

    /** Long names are parsed but not kept in the table shared by every reader: hostile names cannot fill memory. */
    @Test
    void longNamesAreNotShared() {
        PlainJson fast = plain(L);
        JsonValues slow = jackson(L);
        for (int k = 0; k < 50; k++) {
            String name = k + "n".repeat(10_000);
            assertThat(agree(fast, slow, bytes("{\"" + name + "\":1,\"short\":2}"))).isTrue();
        }
        assertThat(PlainJson.sharedNameBytes()).isLessThanOrEqualTo(4096L * PlainJson.MAX_SHARED_NAME);
        // a name at the limit is still shared: the same instance from two records
        String atLimit = "x".repeat(PlainJson.MAX_SHARED_NAME);
        byte[] record = bytes("{\"" + atLimit + "\":1}");
        assertThat(fast.parse(record, 0, record.length).keySet().iterator().next())
                .isSameAs(fast.parse(record, 0, record.length).keySet().iterator().next());
    }

    /**
     * Two names with the same slot in the shared table, used in turn, stay shared: each comes back as the same
     * instance from the next record (with one entry per slot they replaced each other, as EventID and User did in the
     * Windows samples, and every such name was a new string).
     */
    @Test
    void namesSharingASlotStayShared() {
        java.util.Map<Integer, String> bySlot = new java.util.HashMap<>();
        String a = null;
        String b = null;
        for (int k = 0; a == null; k++) {
            String name = "shared" + k;
            byte[] n = bytes(name);
            int slot = PlainJson.nameSlot(PlainJson.firstWord(n, 0, n.length), PlainJson.lastWord(n, 0, n.length),
                    n.length);
            String earlier = bySlot.putIfAbsent(slot, name);
            if (earlier != null) {
                a = earlier;
                b = name;
            }
        }
        PlainJson fast = plain(L);
        byte[] record = bytes("{\"" + a + "\":1,\"" + b + "\":2}");
        List<String> first = List.copyOf(fast.parse(record, 0, record.length).keySet());
        for (int round = 0; round < 3; round++) {
            List<String> again = List.copyOf(fast.parse(record, 0, record.length).keySet());
            assertThat(again.get(0)).as(a).isSameAs(first.get(0));
            assertThat(again.get(1)).as(b).isSameAs(first.get(1));
        }
    }

    /**
     * A repeated name goes to Jackson wherever it repeats: in objects of many names (the fast path only looks up a
     * name whose table slot an earlier name of the object shares), in nested objects between the two, and for names
     * too long for the table; and distinct names in one object are all kept, whatever their slots.
     */
    @Test
    void repeatedNamesGoToJacksonInObjectsOfAnySize() {
        PlainJson fast = plain(L);
        JsonValues slow = jackson(L);
        String longName = "L".repeat(PlainJson.MAX_SHARED_NAME + 1);
        for (int keys : new int[] {2, 13, 40, 200}) {
            for (int at = 0; at < keys; at += Math.max(1, keys / 7)) {
                StringBuilder json = new StringBuilder("{");
                for (int k = 0; k < keys; k++) json.append("\"n").append(k).append("\":{\"n").append(k).append("\":1},");
                json.append("\"n").append(at).append("\":2}");
                byte[] b = bytes(json.toString());
                assertThat(fast.parse(b, 0, b.length)).as("n%d repeated after %d names", at, keys).isNull();
                agree(fast, slow, b);
                byte[] distinct = bytes(json.toString().replace("\"n" + at + "\":2}", "\"other\":2}"));
                assertThat(agree(fast, slow, distinct)).as("%d distinct names", keys + 1).isTrue();
            }
        }
        byte[] twiceLong = bytes("{\"" + longName + "\":1,\"a\":2,\"" + longName + "\":3}");
        assertThat(fast.parse(twiceLong, 0, twiceLong.length)).isNull();
        agree(fast, slow, twiceLong);
    }

    /** Random records from a grammar that mostly stays plain and often does not, compared with Jackson's path. */
    @Test
    void randomRecords() {
        Random random = new Random(20261127);
        PlainJson fast = plain(L);
        JsonValues slow = jackson(L);
        int taken = 0;
        int left = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            object(random, sb, 0);
            String json = sb.toString();
            if (random.nextInt(8) == 0) json = mutate(random, json);
            if (agree(fast, slow, json.getBytes(StandardCharsets.UTF_8))) taken++;
            else left++;
        }
        assertThat(taken).isGreaterThan(6_000);
        assertThat(left).isGreaterThan(6_000);
    }

    private static final String[] NAMES = {"a", "b", "Image", "CommandLine", "#text", "#attributes", "Name", "a b"};
    private static final String[] ATOMS = {"x", "", "C:\\\\Windows\\\\", "\\\"q\\\"", "\\u00e9", "\\u0041",
        "\\u0101", "\\n", "é", "\\t", "/", "\\/", "\u0001", "日本", "😀", "\\ud83d\\ude00", "\\ud83d", "\uFFFD",
        "\\uDC00x"};
    private static final String[] NUMBERS = {"0", "-1", "42", "123456789012345678", "1234567890123456789", "01",
        "-0", "1.5", "2e3", "-", "9223372036854775807", "1E2"};

    private static void object(Random r, StringBuilder sb, int depth) {
        sb.append('{');
        int fields = r.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < fields; i++) {
            if (i > 0) sb.append(r.nextInt(10) == 0 ? " , " : ",");
            sb.append('"');
            if (r.nextInt(4) == 0) { // names of any length that differ in few places: the name table's slots
                for (int k = r.nextInt(30); k > 0; k--) sb.append(r.nextInt(8) == 0 ? 'b' : 'a');
            } else {
                sb.append(NAMES[r.nextInt(NAMES.length)]).append(r.nextInt(3) == 0 ? "" : i);
            }
            sb.append('"');
            sb.append(r.nextInt(10) == 0 ? " :\t" : ":");
            value(r, sb, depth);
        }
        sb.append('}');
    }

    private static void value(Random r, StringBuilder sb, int depth) {
        int kind = r.nextInt(depth > 4 ? 5 : 7);
        switch (kind) {
            case 0, 1 -> {
                sb.append('"');
                for (int k = r.nextInt(4); k > 0; k--) sb.append(ATOMS[r.nextInt(ATOMS.length)]);
                sb.append('"');
            }
            case 2 -> sb.append(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 3 -> sb.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null");
            case 4 -> sb.append('"').append("plain value ").append(r.nextInt(1000)).append('"');
            case 5 -> object(r, sb, depth + 1);
            default -> {
                sb.append('[');
                for (int k = r.nextInt(4); k > 0; k--) {
                    value(r, sb, depth + 1);
                    if (k > 1) sb.append(',');
                }
                sb.append(']');
            }
        }
    }

    private static final String MUTATIONS = "{}[]\":,x0\\ \u00e9";

    /** Deletes, repeats or inserts one character. */
    static String mutate(Random r, String json) {
        int at = r.nextInt(json.length());
        return switch (r.nextInt(3)) {
            case 0 -> json.substring(0, at) + json.substring(at + 1);
            case 1 -> json.substring(0, at) + json.charAt(at) + json.substring(at);
            default -> json.substring(0, at) + MUTATIONS.charAt(r.nextInt(MUTATIONS.length())) + json.substring(at);
        };
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Optional<Path> shared(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
