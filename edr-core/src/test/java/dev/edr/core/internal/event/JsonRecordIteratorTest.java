package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.event.EventRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON Lines fast path (whole lines offered to the parser, see {@link RecordSplitter}) yields exactly what cutting
 * every record by its brackets yields: the same records with the same numbers and lines, the same issues at the same
 * places, for random mixes of good lines, crowded lines, bad lines, arrays, pretty-printed values and long lines,
 * read in random chunks.
 */
class JsonRecordIteratorTest {
    private static final JsonRecordIterator.ReadSettings SMALL = new JsonRecordIterator.ReadSettings(8, 5000, 50, 3000,
            400);
    private static final JsonRecordIterator.ReadSettings DEFAULT = new JsonRecordIterator.ReadSettings(200,
            16 * 1024 * 1024, 1000, 64 * 1024 * 1024, 1024 * 1024);

    @Test
    void wholeLinesChangeNothing() {
        Random random = new Random(11);
        for (int round = 0; round < 3000; round++) {
            byte[] input = randomInput(random);
            for (JsonRecordIterator.ReadSettings settings : List.of(SMALL, DEFAULT)) {
                long seed = random.nextLong();
                String careful = read(input, settings, false, seed);
                String fast = read(input, settings, true, seed);
                assertThat(fast).as("round %d, input:%n%s", round, new String(input, StandardCharsets.UTF_8))
                        .isEqualTo(careful);
            }
        }
    }

    @Test
    void aCrowdedLineKeepsItsRecordsAndTheGarbageAfterThem() {
        String out = read("{\"a\":1}\n{\"b\":2}{\"c\":3} x\n{\"d\":[}]}\n{\"e\":5}\n".getBytes(StandardCharsets.UTF_8),
                DEFAULT, true, 1);
        // line 2: two records, then the junk after them (record 3); line 3: cut where its brackets balance (4 and 5)
        assertThat(out).startsWith("0@1 {a=1}\n1@2 {b=2}\n2@2 {c=3}\n6@4 {e=5}\n")
                .contains("location=ev.jsonl:2:16, message=Unrecognized token 'x'")
                .contains("location=ev.jsonl:3:7, message=Unexpected close marker '}'")
                .contains("location=ev.jsonl:3:9, message=Unexpected close marker '}'");
    }

    private static String read(byte[] input, JsonRecordIterator.ReadSettings settings, boolean wholeLines, long seed) {
        List<Issue> issues = new ArrayList<>();
        JsonRecordIterator it = new JsonRecordIterator(new Chunked(input, new Random(seed)), "ev.jsonl", settings,
                issues::add, wholeLines);
        StringBuilder out = new StringBuilder();
        while (it.hasNext()) {
            EventRecord r = it.next();
            out.append(r.index()).append('@').append(r.line()).append(' ').append(r.json())
                    .append(r.truncated() ? " truncated" : "").append('\n');
        }
        for (Issue issue : issues) out.append(issue).append(" | ").append(issue.context()).append('\n');
        return out.toString();
    }

    private static byte[] randomInput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) == 0) out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        int lines = 1 + random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            String eol = random.nextInt(5) == 0 ? "\r\n" : "\n";
            String line = switch (i == 0 ? 0 : random.nextInt(16)) {
                case 0, 1, 2, 3, 4, 5 -> record(random);
                case 6 -> record(random) + record(random);
                case 7 -> record(random) + " " + record(random) + "  ";
                case 8 -> record(random) + " junk";
                case 9 -> { // cut short
                    String r = record(random);
                    yield r.substring(0, random.nextInt(r.length()));
                }
                case 10 -> "[" + record(random) + "," + record(random) + "]";
                case 11 -> "{\n  \"p\": " + record(random) + ",\n  \"q\": [1, 2]\n}";
                case 12 -> List.of("", "   ", "42", "\"s\"", "null", "]", ",", "{", "}", "[", "{}").get(random.nextInt(11));
                case 13 -> "{\"big\":\"" + "x".repeat(random.nextInt(2) == 0 ? 2500 : 70_000) + "\"}";
                case 14 -> mutate(record(random), random);
                default -> "  " + record(random);
            };
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            if (i < lines - 1 || random.nextBoolean()) out.writeBytes(eol.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String record(Random random) {
        StringBuilder b = new StringBuilder("{\"id\":").append(random.nextInt(1000));
        int fields = random.nextInt(4);
        for (int f = 0; f < fields; f++) {
            b.append(",\"k").append(random.nextInt(3)).append("\":"); // sometimes a duplicate name
            switch (random.nextInt(6)) {
                case 0 -> b.append(random.nextInt());
                case 1 -> b.append("\"C:\\\\Windows\\\\").append("{[}]\\\"é".charAt(random.nextInt(7))).append('"');
                case 2 -> b.append("[1,{\"z\":true},null]");
                case 3 -> b.append("{\"n\":".repeat(random.nextInt(10))).append(1); // left open: cut, or too deep
                case 4 -> b.append("1e999999");
                default -> b.append("\"a\\u0041\\n\"");
            }
        }
        return b.append('}').toString();
    }

    private static String mutate(String s, Random random) {
        char[] c = s.toCharArray();
        c[random.nextInt(c.length)] = "{}[]\",:\\ x\t".charAt(random.nextInt(11));
        return new String(c);
    }

    /** Hands out the input in random small pieces, as a slow stream would. */
    private static final class Chunked extends InputStream {
        private final ByteArrayInputStream in;
        private final Random random;

        Chunked(byte[] bytes, Random random) {
            this.in = new ByteArrayInputStream(bytes);
            this.random = random;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1 + random.nextInt(random.nextBoolean() ? 16 : 100_000)));
        }
    }
}
