package dev.edr.dsl.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import dev.edr.core.rule.LogSource;
import dev.edr.dsl.pipeline.Pipelines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz test for event streams: the JSON record reader and the normalizers {@code edr scan} uses. The fuzzer's bytes
 * are framed by one good record before and one after, as lines of a JSON Lines file. Oracle: the reader yields
 * records and {@code BAD_RECORD} issues located in the file, never an exception; the record before is delivered
 * first and the record after is delivered too, whatever lies between; every record normalizes without an exception.
 * It lives in edr-dsl to normalize with the default Windows pipeline. See edr-dsl/FUZZING.md.
 */
class EventStreamFuzzTest {
    private static final String SOURCE = "events.jsonl";
    private static final byte[] BEFORE = "{\"Image\":\"before.exe\",\"n\":1}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AFTER = "\n{\"Image\":\"after.exe\",\"n\":2}\n".getBytes(StandardCharsets.UTF_8);
    private static final EventReader READER = EventReader.create(new EventReader.Limits(64, 4096, 100, 1 << 20));
    private static final List<EventNormalizer> NORMALIZERS = List.of(Normalizers.auto(Pipelines.windowsDefault()),
            Normalizers.flat(LogSource.ANY));

    @FuzzTest(maxDuration = "5m")
    void jsonLines(byte[] input) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes(BEFORE);
        framed.writeBytes(input);
        framed.writeBytes(AFTER);
        byte[] bytes = framed.toByteArray();
        List<Issue> issues = new ArrayList<>();

        List<EventRecord> records;
        try (var stream = READER.read(new ByteArrayInputStream(bytes), SOURCE, issues::add)) {
            records = stream.toList();
        }

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).json()).containsEntry("Image", "before.exe");
        assertThat(records.get(0).index()).isZero();
        assertThat(records).as("the record after the fuzzed bytes, issues: %s", issues)
                .anySatisfy(r -> assertThat(r.json()).containsEntry("Image", "after.exe"));
        long lines = countLines(bytes);
        long previous = -1;
        for (EventRecord r : records) {
            assertThat(r.source()).isEqualTo(SOURCE);
            assertThat(r.index()).isGreaterThan(previous);
            assertThat(r.line()).isBetween(1L, lines);
            previous = r.index();
            for (EventNormalizer normalizer : NORMALIZERS) {
                Event event = normalizer.normalize(r.json());
                assertThat(event).isNotNull();
            }
        }
        for (Issue issue : issues) {
            assertThat(issue.code()).isEqualTo(IssueCode.BAD_RECORD);
            assertThat(issue.location().source()).isEqualTo(SOURCE);
            assertThat(issue.location().line()).as(issue.headline()).isBetween(1, (int) lines);
            assertThat(issue.message()).isNotBlank();
        }
    }

    /** The records alone, without framing: anything goes, but nothing may throw. */
    @FuzzTest(maxDuration = "5m")
    void anyBytes(byte[] input) {
        List<Issue> issues = new ArrayList<>();
        try (var stream = READER.read(new ByteArrayInputStream(input), SOURCE, issues::add)) {
            stream.forEach(r -> NORMALIZERS.forEach(n -> n.normalize(r.json())));
        }
        for (Issue issue : issues) {
            assertThat(issue.code()).isEqualTo(IssueCode.BAD_RECORD);
        }
        Map<String, Object> none = Map.of();
        NORMALIZERS.forEach(n -> assertThat(n.normalize(none)).isNotNull());
    }

    private static long countLines(byte[] bytes) {
        long lines = 1;
        for (byte b : bytes) {
            if (b == '\n' || b == '\r') { // an upper bound whichever breaks the reader counts
                lines++;
            }
        }
        return lines;
    }
}
