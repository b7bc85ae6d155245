package dev.edr.core.internal.event;

import static dev.edr.core.internal.event.PlainJsonTest.agree;
import static dev.edr.core.internal.event.PlainJsonTest.bytes;
import static dev.edr.core.internal.event.PlainJsonTest.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.EventReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reader's template walk ({@link PlainJson}'s skeletons of records read before): a record read along a
 * template equals Jackson's reading of it, a record that matches a template only in part is read as if there were
 * none, and the templates a reader keeps are bounded whatever comes in.
 */
class PlainJsonTemplateTest {
    private static final EventReader.Limits L = EventReader.Limits.DEFAULTS;

    private static List<byte[]> dataset() throws IOException {
        Path path = PlainJsonTest.shared("datasets/evtx-attack-samples.jsonl").orElse(null);
        Assumptions.assumeTrue(path != null, "shared dataset not found beside the repository");
        List<byte[]> records = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) records.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    /** Once a reader has seen the samples, it reads every one of them again along a template, as Jackson does. */
    @Test
    void theSamplesAreReadAlongTemplatesTheSecondTime() throws IOException {
        List<byte[]> records = dataset();
        PlainJson fast = PlainJsonTest.plain(L);
        JsonValues slow = PlainJsonTest.jackson(L);
        for (byte[] r : records) assertThat(agree(fast, slow, r)).isTrue();
        long[] learned = fast.templateStats();
        for (byte[] r : records) assertThat(agree(fast, slow, r)).isTrue();
        long[] after = fast.templateStats();
        assertThat(after[2] - learned[2]).as("records of the second pass read along a template")
                .isEqualTo(records.size());
        assertThat(after[0]).as("nodes").isEqualTo(learned[0]).isLessThan(2_000);
        assertThat(learned[2]).as("records of the first pass read along a template").isGreaterThan(7_000);
    }

    private static final Pattern VALUE =
            Pattern.compile("\": (\"(?:[^\"\\\\]|\\\\.)*+\"|-?[0-9]+|true|false|null|\\{\\}|\\[\\])");
    private static final String[] VALUES = {"\"\"", "\"x\"", "\"C:\\\\Windows\\\\x.exe\"", "\"\\\"q\\\"\"",
        "\"\\u00e9\"", "\"é\"", "\"日本\"", "\"😀\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\uFFFD\"", "\"tab\there\"",
        "\"\\n\"", "\"unterminated", "0", "-1", "42", "01", "-0", "1.5", "2e3", "-", "1234567890123456789",
        "123456789012345678", "true", "false", "null", "tru", "nul", "{}", "[]", "{\"a\":1}", "[\"a\",1]", "\"x\"x",
        "\"" + "y".repeat(5_000) + "\"", "\"" + "\\\\".repeat(3_000) + "\""};

    /**
     * Records the templates match in part: a value replaced by one of any kind, plain or not, or one byte of the
     * record deleted, repeated or replaced anywhere (names, punctuation, whitespace). Each is read as Jackson reads
     * it, or left to Jackson; a walk that fails leaves nothing of the record behind for the next one.
     */
    @Test
    void recordsMatchingATemplateInPartAreReadAsWithoutOne() throws IOException {
        List<byte[]> records = dataset();
        PlainJson fast = PlainJsonTest.plain(L);
        JsonValues slow = PlainJsonTest.jackson(L);
        for (byte[] r : records) agree(fast, slow, r);
        Random random = new Random(20261128);
        int taken = 0;
        int left = 0;
        long before = fast.templateStats()[2];
        for (int n = 0; n < 12_000; n++) {
            String json = new String(records.get(random.nextInt(records.size())), StandardCharsets.UTF_8);
            String changed;
            if (random.nextBoolean()) {
                List<int[]> values = new ArrayList<>();
                Matcher m = VALUE.matcher(json);
                while (m.find()) values.add(new int[] {m.start(1), m.end(1)});
                int[] v = values.get(random.nextInt(values.size()));
                changed = json.substring(0, v[0]) + VALUES[random.nextInt(VALUES.length)] + json.substring(v[1]);
            } else {
                changed = PlainJsonTest.mutate(random, json);
            }
            if (agree(fast, slow, bytes(changed))) taken++;
            else left++;
            byte[] next = records.get(random.nextInt(records.size()));
            assertThat(agree(fast, slow, next)).isTrue(); // and the reader is none the worse for it
        }
        assertThat(taken).isGreaterThan(3_000);
        assertThat(left).isGreaterThan(3_000);
        assertThat(fast.templateStats()[2] - before).as("read along a template").isGreaterThan(12_000);
    }

    /**
     * A JSON Lines record read along a template ends where its line does: with what may follow on the line, and
     * never across a line break, which no template holds (a record with one between its tokens teaches none).
     */
    @Test
    void templatesKeepRecordsToTheirLines() {
        PlainJson fast = PlainJsonTest.plain(L);
        JsonValues slow = PlainJsonTest.jackson(L);
        byte[] first = bytes("{\"a\": \"x\", \"b\": {\"c\": 1}}");
        for (int k = 0; k < 3; k++) assertThat(agree(fast, slow, first)).isTrue();
        long walked = fast.templateStats()[2];
        byte[] lines = bytes("{\"a\": \"y\", \"b\": {\"c\": 22}} \t\r\n{\"a\": \"z\", \"b\": {\"c\": 3}}\n");
        int close = new String(lines, StandardCharsets.US_ASCII).indexOf("}} ") + 2;
        int lineBreak = new String(lines, StandardCharsets.US_ASCII).indexOf('\n');
        Map<String, Object> one = fast.parseLine(lines, 0, lines.length);
        assertThat(describe(one)).isEqualTo(describe(slow.parseObject(lines, 0, close).value()));
        assertThat(fast.lineEnd()).isEqualTo(lineBreak);
        Map<String, Object> two = fast.parseLine(lines, lineBreak + 1, lines.length);
        assertThat(describe(two)).isEqualTo(describe(slow.parseObject(lines, lineBreak + 1, lines.length - 2 - lineBreak).value()));
        assertThat(fast.lineEnd()).isEqualTo(lines.length - 1);
        assertThat(fast.templateStats()[2]).isEqualTo(walked + 2);
        // more on the line after the record: not a JSON Lines record, template or not
        byte[] more = bytes("{\"a\": \"y\", \"b\": {\"c\": 2}} x\n");
        assertThat(fast.parseLine(more, 0, more.length)).isNull();
        // a record whose tokens are split by a line break teaches no template, and never passes for a line
        byte[] split = bytes("{\"a\": \"y\",\n \"b\": {\"c\": 2}}");
        for (int k = 0; k < 3; k++) assertThat(agree(fast, slow, split)).isTrue();
        assertThat(fast.parseLine(split, 0, split.length)).isNull();
        // cut short by the end of what was read so far (a buffer's end): no record, with or without a template
        assertThat(fast.parseLine(lines, 0, 20)).isNull();
        assertThat(fast.parseLine(lines, 0, close - 1)).isNull();
    }

    /**
     * Records whose keys come in a new order every time match no template: after a few failed walks the reader
     * stops trying for ever longer runs, so such a stream costs about one walk in 500 records, and is read right.
     */
    @Test
    void aStreamOfNewSkeletonsIsSeldomWalked() {
        PlainJson fast = PlainJsonTest.plain(L);
        JsonValues slow = PlainJsonTest.jackson(L);
        Random random = new Random(11);
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 12; k++) keys.add("Field" + k);
        for (int n = 0; n < 20_000; n++) {
            java.util.Collections.shuffle(keys, random);
            StringBuilder json = new StringBuilder("{\"System\": {\"EventID\": 4688}, \"EventData\": {");
            for (int k = 0; k < keys.size(); k++) {
                json.append(k == 0 ? "" : ", ").append('"').append(keys.get(k)).append("\": \"v").append(n).append('"');
            }
            assertThat(agree(fast, slow, bytes(json.append("}}").toString()))).isTrue();
        }
        long[] stats = fast.templateStats();
        assertThat(stats[3]).as("walks tried").isLessThan(200);
        assertThat(stats[2]).as("records read along a template").isLessThan(20);
    }

    /**
     * Input that invents a new skeleton with every record (names no record repeats, long names, nesting) grows the
     * templates only up to their bounds, and records are still read right, the known ones along their template.
     */
    @Test
    void templatesAreBoundedWhateverComesIn() {
        PlainJson fast = PlainJsonTest.plain(L);
        JsonValues slow = PlainJsonTest.jackson(L);
        Random random = new Random(7);
        byte[] known = bytes("{\"System\": {\"EventID\": 1}, \"EventData\": {\"Image\": \"a.exe\"}}");
        for (int n = 0; n < 6_000; n++) {
            StringBuilder json = new StringBuilder("{\"System\": {\"EventID\": ").append(n).append('}');
            int keys = 1 + random.nextInt(40);
            for (int k = 0; k < keys; k++) {
                json.append(", \"").append(Long.toString(random.nextLong(), 36));
                if (random.nextInt(4) == 0) json.append("n".repeat(random.nextInt(300)));
                json.append(random.nextBoolean() ? "\": \"v\"" : "\": {\"x\": 1}");
            }
            assertThat(agree(fast, slow, bytes(json.append('}').toString()))).isTrue();
            if (n % 500 == 0) assertThat(agree(fast, slow, known)).isTrue();
        }
        long[] stats = fast.templateStats();
        assertThat(stats[0]).isLessThanOrEqualTo(PlainJson.MAX_TEMPLATE_NODES);
        assertThat(stats[1]).isLessThanOrEqualTo(PlainJson.MAX_TEMPLATE_BYTES);
        long walked = stats[2];
        // after runs of records no template matched, the reader reads ever longer without trying one (up to 4,096
        // records), then tries again
        for (int k = 0; k < 4_500; k++) assertThat(agree(fast, slow, known)).isTrue();
        assertThat(fast.templateStats()[2] - walked).as("the known record, along its template").isGreaterThan(300);
    }
}
