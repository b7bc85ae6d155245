package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.edr.core.event.EventReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Differential fuzz test of the reader's fast path: whatever {@link PlainJson} takes from the fuzzer's bytes,
 * Jackson's path must accept as well and build the same values, types, key order and keyword text (see
 * {@link PlainJsonTest}). Inputs that start with {@code #} are read under tight limits, so that the fuzzer also
 * reaches the limits the fast path must leave to Jackson. Neither path may throw. See edr-dsl/FUZZING.md.
 */
class PlainJsonFuzzTest {
    private static final EventReader.Limits TIGHT = new EventReader.Limits(4, 24, 5, 4096, 12);
    private static final Paths DEFAULTS = new Paths(EventReader.Limits.DEFAULTS);
    private static final Paths TIGHTS = new Paths(TIGHT);

    /** Both parsers under one set of limits; the fuzzer runs one input at a time. */
    private static final class Paths {
        final PlainJson fast;
        final JsonValues slow;

        Paths(EventReader.Limits l) {
            fast = new PlainJson(l.maxDepth(), l.maxStringChars(), l.maxNumberChars(), l.maxFieldChars());
            slow = new JsonValues(JsonValues.factory(l.maxDepth(), l.maxStringChars(), l.maxNumberChars()),
                    l.maxDepth(), l.maxStringChars(), l.maxNumberChars(), l.maxFieldChars(), false);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void sameAsJackson(byte[] input) {
        boolean tight = input.length > 0 && input[0] == '#';
        Paths paths = tight ? TIGHTS : DEFAULTS;
        byte[] json = tight ? Arrays.copyOfRange(input, 1, input.length) : input;
        Map<String, Object> mine = paths.fast.parse(json, 0, json.length);
        JsonValues.Result theirs = paths.slow.parseObject(json, 0, json.length);
        if (mine == null) {
            return;
        }
        String shown = new String(json, StandardCharsets.ISO_8859_1);
        assertThat(theirs.reason()).as("Jackson refuses what the fast path took: %s", shown).isNull();
        assertThat(theirs.truncated()).as(shown).isFalse();
        assertThat(PlainJsonTest.describe(mine)).as(shown).isEqualTo(PlainJsonTest.describe(theirs.value()));
    }
}
