package dev.edr.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderTest {
    private final EventReader reader = EventReader.create();
    private final List<Issue> issues = new ArrayList<>();

    private List<EventRecord> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<EventRecord> read(byte[] bytes) {
        try (Stream<EventRecord> s = reader.read(new ByteArrayInputStream(bytes), "ev.jsonl", issues::add)) {
            return s.collect(Collectors.toList());
        }
    }

    private static List<Object> ids(List<EventRecord> records) {
        return records.stream().map(r -> r.json().get("id")).collect(Collectors.toList());
    }

    private static List<String> where(List<Issue> issues) {
        return issues.stream().map(i -> i.location().toString()).collect(Collectors.toList());
    }

    @Test
    void readsJsonLinesWithIndexAndLine() {
        List<EventRecord> r = read("{\"id\":1}\n{\"id\":2,\"a\":{\"b\":[1,2]}}\n\n{\"id\":3}\n");
        assertThat(ids(r)).containsExactly(1L, 2L, 3L);
        assertThat(r).extracting(EventRecord::index).containsExactly(0L, 1L, 2L);
        assertThat(r).extracting(EventRecord::line).containsExactly(1L, 2L, 4L);
        assertThat(r.get(1).json().get("a")).isEqualTo(Map.of("b", List.of(1L, 2L)));
        assertThat(r).allSatisfy(e -> assertThat(e.source()).isEqualTo("ev.jsonl"));
        assertThat(issues).isEmpty();
    }

    @Test
    void readsConcatenatedPrettyPrintedValues() {
        List<EventRecord> r = read("{\n  \"id\": 1,\n  \"x\": {\n    \"y\": true\n  }\n}{\"id\":2} {\"id\":3}\n\n{\n\"id\": 4\n}");
        assertThat(ids(r)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(r).extracting(EventRecord::line).containsExactly(1L, 6L, 6L, 8L);
        assertThat(issues).isEmpty();
    }

    @Test
    void readsAnArrayOfObjects() {
        List<EventRecord> r = read("[\n  {\"id\": 1},\n  {\"id\": 2}, {\"id\": 3}\n]\n[{\"id\":4}]");
        assertThat(ids(r)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(r).extracting(EventRecord::line).containsExactly(2L, 3L, 3L, 5L);
        assertThat(r).extracting(EventRecord::index).containsExactly(0L, 1L, 2L, 3L);
        assertThat(issues).isEmpty();
    }

    @Test
    void toleratesMixedWhitespaceCrLfAndByteOrderMark() {
        byte[] text = "\uFEFF \t{\"id\":1}\r\n\r\n\t  {\"id\" :\t2 }   \r\n   ".getBytes(StandardCharsets.UTF_8);
        List<EventRecord> r = read(text);
        assertThat(ids(r)).containsExactly(1L, 2L);
        assertThat(r).extracting(EventRecord::line).containsExactly(1L, 3L);
        assertThat(issues).isEmpty();
    }

    @Test
    void convertsValuesToPlainJavaTypes() {
        List<EventRecord> r = read("{\"s\":\"é\\u00e9\\n\",\"i\":42,\"l\":9007199254740993,\"big\":123456789012345678901234567890,"
                + "\"d\":1.5,\"huge\":1e400,\"tiny\":1e-400,\"t\":true,\"f\":false,\"n\":null,\"arr\":[],\"o\":{}}");
        Map<String, Object> m = r.get(0).json();
        assertThat(m.get("s")).isEqualTo("éé\n");
        assertThat(m.get("i")).isEqualTo(42L);
        assertThat(m.get("l")).isEqualTo(9007199254740993L);
        assertThat(m.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(m.get("d")).isEqualTo(1.5d);
        assertThat(m.get("huge")).isEqualTo(new BigDecimal("1e400"));
        assertThat(m.get("tiny")).isEqualTo(new BigDecimal("1e-400"));
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.get("f")).isEqualTo(false);
        assertThat(m).containsEntry("n", null);
        assertThat(m.get("arr")).isEqualTo(List.of());
        assertThat(m.get("o")).isEqualTo(Map.of());
        assertThat(m.keySet()).containsExactly("s", "i", "l", "big", "d", "huge", "tiny", "t", "f", "n", "arr", "o");
    }

    @Test
    void truncatedRecordMidFileIsReportedOnceAndTheNextLinesStillRead() {
        List<EventRecord> r = read("{\"id\":1}\n{\"id\":2, \"cmd\": \"abc\n{\"id\":3}\n{\"id\":4, \"x\": [1, 2\n{\"id\":5}\n");
        assertThat(ids(r)).containsExactly(1L, 3L, 5L);
        assertThat(r).extracting(EventRecord::index).containsExactly(0L, 2L, 4L);
        assertThat(r).extracting(EventRecord::line).containsExactly(1L, 3L, 5L);
        assertThat(where(issues)).containsExactly("ev.jsonl:2:21", "ev.jsonl:4:20");
        assertThat(issues).allSatisfy(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.BAD_RECORD);
            assertThat(i.message()).startsWith("truncated record");
        });
        assertThat(issues.get(0).context()).isEqualTo("{\"id\":2, \"cmd\": \"abc");
    }

    @Test
    void truncatedPrettyPrintedValueDoesNotSwallowTheNextValue() {
        List<EventRecord> r = read("{\n  \"id\": 1,\n  \"x\": {\n    \"y\": 1\n{\n  \"id\": 2\n}\n");
        assertThat(ids(r)).containsExactly(2L);
        assertThat(r.get(0).index()).isEqualTo(1L);
        assertThat(r.get(0).line()).isEqualTo(5L);
        assertThat(issues).singleElement().satisfies(i -> assertThat(i.location().line()).isEqualTo(4));
    }

    @Test
    void nonObjectValuesAreReportedWithTheirPosition() {
        List<EventRecord> r = read("{\"id\":1}\n42\n\"x\"\n  [1, {\"id\":2}]\ntrue\nnull\n{\"id\":3}\n");
        // a top-level array is a container of records: its 1 is one bad record, its object a good one
        assertThat(ids(r)).containsExactly(1L, 2L, 3L);
        assertThat(r).extracting(EventRecord::index).containsExactly(0L, 4L, 7L);
        assertThat(issues).extracting(Issue::message).containsExactly(
                "expected a JSON object, found a number",
                "expected a JSON object, found a string",
                "expected a JSON object, found a number",
                "expected a JSON object, found a boolean",
                "expected a JSON object, found null");
        assertThat(where(issues)).containsExactly("ev.jsonl:2:1", "ev.jsonl:3:1", "ev.jsonl:4:4", "ev.jsonl:5:1",
                "ev.jsonl:6:1");
    }

    @Test
    void nonObjectElementsOfATopLevelArrayAreSkippedOneByOne() {
        List<EventRecord> r = read("[{\"id\":1}, 2, \"three\", {\"id\":4}]");
        assertThat(ids(r)).containsExactly(1L, 4L);
        assertThat(r).extracting(EventRecord::index).containsExactly(0L, 3L);
        assertThat(where(issues)).containsExactly("ev.jsonl:1:12", "ev.jsonl:1:15");
    }

    @Test
    void invalidUtf8IsLocated() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"id\":1}\n{\"id\":2,\"s\":\"ab".getBytes(StandardCharsets.UTF_8));
        b.write(0xFF);
        b.write(0xFE);
        b.writeBytes("cd\"}\n{\"id\":3}\n".getBytes(StandardCharsets.UTF_8));
        List<EventRecord> r = read(b.toByteArray());
        assertThat(ids(r)).containsExactly(1L, 3L);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.BAD_RECORD);
            assertThat(i.location().line()).isEqualTo(2);
            assertThat(i.location().column()).isBetween(16, 18);
            assertThat(i.message()).containsIgnoringCase("UTF-8");
        });
    }

    @Test
    void controlCharactersAndNulBytesAreBadRecords() {
        List<EventRecord> r = read("{\"id\":1}\n{\"id\":2,\"s\":\"a\u0000b\"}\n\u0000\u0000\u0000\u0000\n{\"id\":3,\"s\":\"tab\there\"}\n{\"id\":4}\n");
        assertThat(ids(r)).containsExactly(1L, 4L);
        assertThat(where(issues)).containsExactly("ev.jsonl:2:15", "ev.jsonl:3:1", "ev.jsonl:4:17");
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).doesNotContain("\u0000").contains("CTRL-CHAR"));
    }

    @Test
    void absurdNestingIsRejectedWithoutStackOverflow() {
        int depth = 200_000;
        String deepObject = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String deepArray = "{\"id\":9,\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        List<EventRecord> r = read("{\"id\":1}\n" + deepObject + "\n" + deepArray + "\n{\"id\":2}\n");
        assertThat(ids(r)).containsExactly(1L, 2L);
        assertThat(r.get(1).index()).isEqualTo(3L);
        assertThat(issues).hasSize(2).allSatisfy(i -> {
            assertThat(i.message()).isEqualTo("nesting deeper than 200 levels");
            assertThat(i.location().line()).isIn(2, 3);
        });
    }

    @Test
    void unclosedAbsurdNestingAtTheEndOfTheFileIsOneBadRecord() {
        List<EventRecord> r = read("{\"id\":1}\n" + "[".repeat(300_000));
        assertThat(ids(r)).containsExactly(1L);
        assertThat(issues).singleElement().satisfies(i -> assertThat(i.location().line()).isEqualTo(2));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String ok = "{\"a\":".repeat(199) + "1" + "}".repeat(199);
        assertThat(read(ok)).hasSize(1);
        assertThat(issues).isEmpty();
    }

    @Test
    void hugeNumbersAreOutOfRange() {
        String longNumber = "9".repeat(5000);
        List<EventRecord> r = read("{\"id\":1}\n{\"n\":" + longNumber + "}\n{\"n\":1e999999999}\n{\"n\":-2e-5000}\n{\"id\":2}\n");
        assertThat(ids(r)).containsExactly(1L, 2L);
        assertThat(issues).hasSize(3).allSatisfy(i -> assertThat(i.message()).startsWith("number out of range"));
        assertThat(issues).extracting(i -> i.location().line()).containsExactly(2, 3, 4);
    }

    @Test
    void otherSyntaxErrorsAndDuplicateKeys() {
        List<EventRecord> r = read("{\"id\":1,}\n{\"id\":2 \"b\":3}\n{\"id\":3,\"id\":4}\n{id:5}\n{\"id\":NaN}\n]\n{\"id\":6}\n");
        assertThat(ids(r)).containsExactly(6L);
        assertThat(r.get(0).index()).isEqualTo(6L);
        assertThat(issues).extracting(i -> i.location().line()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(issues.get(2).message()).contains("Duplicate field 'id'");
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).doesNotContain("[Source"));
    }

    @Test
    void oversizedRecordIsSkipped() {
        EventReader small = EventReader.create(new EventReader.Limits(200, 1000, 100, 64));
        List<Issue> found = new ArrayList<>();
        String big = "{\"s\":\"" + "x".repeat(100) + "\"}";
        List<EventRecord> r;
        try (Stream<EventRecord> s = small.read(new ByteArrayInputStream(("{\"id\":1}\n" + big + "\n{\"id\":2}")
                .getBytes(StandardCharsets.UTF_8)), "small", found::add)) {
            r = s.collect(Collectors.toList());
        }
        assertThat(ids(r)).containsExactly(1L, 2L);
        assertThat(found).singleElement().satisfies(i -> {
            assertThat(i.location().toString()).isEqualTo("small:2:1");
            assertThat(i.message()).contains("larger than 64 bytes");
        });
    }

    @Test
    void readsFilesAndDirectoriesRecursivelyInPathOrder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/nested"));
        Files.writeString(dir.resolve("b/nested/z.ndjson"), "{\"id\":\"z\"}\n");
        Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"a1\"}\n{\"id\":\"a2\"}\n");
        Files.writeString(dir.resolve("b/c.json"), "[{\"id\":\"c\"}]");
        Files.writeString(dir.resolve("b/ignored.txt"), "{\"id\":\"no\"}");
        Files.writeString(dir.resolve("B.JSON"), "{\"id\":\"upper\"}");
        List<EventRecord> r;
        try (Stream<EventRecord> s = reader.read(dir, issues::add)) {
            r = s.collect(Collectors.toList());
        }
        assertThat(ids(r)).containsExactly("upper", "a1", "a2", "c", "z");
        assertThat(r).extracting(EventRecord::index).containsExactly(0L, 0L, 1L, 0L, 0L);
        assertThat(r.get(3).source()).isEqualTo(dir.resolve("b/c.json").toString());
        assertThat(issues).isEmpty();

        try (Stream<EventRecord> s = reader.read(dir.resolve("b/ignored.txt"), issues::add)) {
            assertThat(ids(s.collect(Collectors.toList()))).containsExactly("no");
        }
    }

    @Test
    void missingPathIsAnIssueNotAnException(@TempDir Path dir) {
        try (Stream<EventRecord> s = reader.read(dir.resolve("nope.jsonl"), issues::add)) {
            assertThat(s.count()).isZero();
        }
        assertThat(issues).singleElement().satisfies(i -> assertThat(i.code()).isEqualTo(IssueCode.IO_ERROR));
    }

    @Test
    void emptyAndWhitespaceOnlyInputsHoldNoRecords() {
        assertThat(read("")).isEmpty();
        assertThat(read(" \n\r\n\t")).isEmpty();
        assertThat(read("[]")).isEmpty();
        assertThat(issues).isEmpty();
    }

    @Test
    void stringsOverTheFieldCapAreCutAndTheRecordMarked() {
        EventReader reader = EventReader.create(new EventReader.Limits(200, 1 << 20, 100, 1 << 22, 10));
        String text = "{\"a\":\"0123456789abcdef\",\"b\":[\"short\"]}\n{\"a\":\"0123456789\"}\n";
        java.util.List<Object> problems = new java.util.ArrayList<>();
        java.util.List<EventRecord> records;
        try (var s = reader.read(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "t", problems::add)) {
            records = s.toList();
        }
        org.assertj.core.api.Assertions.assertThat(problems).isEmpty();
        org.assertj.core.api.Assertions.assertThat(records).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(records.get(0).truncated()).isTrue();
        org.assertj.core.api.Assertions.assertThat(records.get(0).json()).containsEntry("a", "0123456789");
        org.assertj.core.api.Assertions.assertThat(records.get(1).truncated()).isFalse();
    }

    /** The reader is thread-safe: streams of one reader, read at once in two threads, each get their own records. */
    @Test
    void streamsOfOneReaderReadInParallelStayApart() throws Exception {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            a.append("{\"side\":\"a\",\"n\":").append(i).append(",\"x\":{\"y\":\"a").append(i).append("\"}}\n");
            b.append("{\"side\":\"b\",\"n\":").append(i).append(",\"list\":[{\"z\":").append(i).append("}]}\n");
        }
        java.util.concurrent.Callable<List<String>> readA = () -> readSide(a.toString());
        java.util.concurrent.Callable<List<String>> readB = () -> readSide(b.toString());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                var fa = pool.submit(readA);
                var fb = pool.submit(readB);
                assertThat(fa.get()).hasSize(20_000).allMatch(s -> s.equals("a"));
                assertThat(fb.get()).hasSize(20_000).allMatch(s -> s.equals("b"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each record's side, or a description of what is wrong with it. */
    private List<String> readSide(String text) {
        List<Issue> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> sides = new ArrayList<>();
        try (Stream<EventRecord> s = reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x",
                problems::add)) {
            s.forEach(r -> {
                Object side = r.json().get("side");
                boolean whole = side.equals("a") ? r.json().get("x") instanceof Map && r.json().size() == 3
                        : r.json().get("list") instanceof List && r.json().size() == 3;
                sides.add(whole ? (String) side : "broken " + r.json());
            });
        } catch (RuntimeException e) {
            sides.add("failed " + e);
        }
        problems.forEach(p -> sides.add("issue " + p));
        return sides;
    }

    /** Readers with equal limits share a parser factory; readers with ever new limits still each read correctly. */
    @Test
    void readersWithManyDifferentLimitsEachReadTheirRecords() {
        for (int depth = 10; depth < 60; depth++) {
            EventReader r = EventReader.create(new EventReader.Limits(depth, 1000, 50, 10_000));
            try (Stream<EventRecord> s = r.read(new ByteArrayInputStream(
                    "{\"id\":1}\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8)), "x", issues::add)) {
                assertThat(s.map(e -> e.json().get("id"))).containsExactly(1L, 2L);
            }
        }
        assertThat(issues).isEmpty();
    }
}
