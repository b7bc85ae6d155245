package dev.edr.core.response;

import static dev.edr.core.response.Fixtures.IDLE;
import static dev.edr.core.response.Fixtures.T0;
import static dev.edr.core.response.Fixtures.isolate;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dedupAcrossRules(true)}: one action per action type and target inside the window, whichever rule asked. */
class DedupAcrossRulesTest {
    @TempDir Path dir;
    final ManualTime time = new ManualTime(T0);
    final FakeVendor vendor = new FakeVendor();
    final AuditProbe probe = new AuditProbe();

    @Test
    void aSecondRuleAskingForTheSameActionOnTheSameTargetIsADuplicate() throws Exception {
        try (Dispatcher d = Fixtures.builder(vendor, time, probe, dir).dedupAcrossRules(true).build()) {
            d.submit(isolate("ws01", "lsass-read", T0));
            d.submit(isolate("WS01", "comsvcs-minidump", T0.plusSeconds(28)));
            d.submit(isolate("ws02", "comsvcs-minidump", T0.plusSeconds(28))); // another host: its own action
            d.submit(isolate("ws01", "comsvcs-minidump", T0.plus(Duration.ofMinutes(61)))); // window passed
            assertThat(d.awaitIdle(IDLE)).isTrue();

            assertThat(vendor.calls).hasSize(3);
            assertThat(probe.count(ActionState.SUPPRESSED_DUPLICATE)).isEqualTo(1);
            AuditEntry dup = probe.entries().stream().filter(e -> e.state() == ActionState.SUPPRESSED_DUPLICATE)
                    .findFirst().orElseThrow();
            assertThat(dup.ruleId()).isEqualTo("comsvcs-minidump"); // the audit still says which rule asked
            assertThat(dup.key()).isEqualTo(d.keyOf(isolate("ws01", "lsass-read", T0)));
        }
    }

    @Test
    void keysLeaveTheRuleOutOnlyWhenAskedTo() {
        try (Dispatcher across = Dispatcher.builder().dedupAcrossRules(true).build();
                Dispatcher perRule = Dispatcher.builder().build()) {
            assertThat(across.keyOf(isolate("ws01", "r1", T0))).isEqualTo(across.keyOf(isolate("ws01", "r2", T0)));
            assertThat(perRule.keyOf(isolate("ws01", "r1", T0))).isNotEqualTo(perRule.keyOf(isolate("ws01", "r2", T0)));
        }
    }

    @Test
    void aNewDispatcherOnTheJournalKeepsDeduplicatingAcrossRules() throws Exception {
        try (Dispatcher d = Fixtures.builder(vendor, time, probe, dir).dedupAcrossRules(true).build()) {
            d.submit(isolate("ws01", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
        }
        try (Dispatcher d = Fixtures.builder(vendor, time, probe, dir).dedupAcrossRules(true).build()) {
            d.recover();
            d.submit(isolate("ws01", "r2", T0.plusSeconds(600)));
            assertThat(d.awaitIdle(IDLE)).isTrue();
        }
        assertThat(vendor.calls).hasSize(1);
        assertThat(probe.count(ActionState.SUPPRESSED_DUPLICATE)).isEqualTo(1);
    }
}
