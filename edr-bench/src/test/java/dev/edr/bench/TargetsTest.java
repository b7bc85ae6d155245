package dev.edr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void aFloorIsMetAtOrAboveItsLine() {
        assertThat(Targets.atLeast("engine", 300_000, Double.NaN, 300_000, "%,.0f").met()).isTrue();
        assertThat(Targets.atLeast("engine", 299_999, Double.NaN, 300_000, "%,.0f").met()).isFalse();
    }

    @Test
    void aCeilingIsMetAtOrBelowItsLine() {
        assertThat(Targets.atMost("compile", 2_000, Double.NaN, 2_000, "%,.0f ms").met()).isTrue();
        assertThat(Targets.atMost("compile", 2_001, Double.NaN, 2_000, "%,.0f ms").met()).isFalse();
    }

    @Test
    void aLineWithinTheErrorAsksForAnotherMeasurement() {
        Targets.Row close = Targets.atMost("compile", 2_300, 400, 2_000, "%,.0f ms");
        assertThat(close.met()).isFalse();
        assertThat(close.withinError()).isTrue();
        assertThat(close.verdict()).isEqualTo("missed (within error: measure again)");
        assertThat(close.measured()).isEqualTo("2,300 ms  ± 400.0");

        Targets.Row clear = Targets.atLeast("engine", 360_000, 20_000, 300_000, "%,.0f events/s");
        assertThat(clear.withinError()).isFalse();
        assertThat(clear.verdict()).isEqualTo("met");
    }

    @Test
    void theTableCountsTheMissedTargets() {
        String table = Targets.table(List.of(
                Targets.atLeast("a ≥ 1", 2, Double.NaN, 1, "%.0f"),
                Targets.atMost("b ≤ 1", 2, Double.NaN, 1, "%.0f")));
        assertThat(table).contains("| a ≥ 1 | 2 | met |", "| b ≤ 1 | 2 | missed |", "1 of 2 targets missed.");
        assertThat(Targets.table(List.of(Targets.atLeast("a", 2, Double.NaN, 1, "%.0f")))).endsWith("Every target met.");
    }
}
