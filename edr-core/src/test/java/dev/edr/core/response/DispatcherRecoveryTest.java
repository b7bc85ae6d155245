package dev.edr.core.response;

import static dev.edr.core.response.Fixtures.IDLE;
import static dev.edr.core.response.Fixtures.T0;
import static dev.edr.core.response.Fixtures.isolate;
import static dev.edr.core.response.Fixtures.rotate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash mid-dispatch neither loses nor repeats an action: each test kills a dispatcher and starts another. */
class DispatcherRecoveryTest {
    /** Stands for the process dying: an Error from an adapter stops the dispatcher like a crash would. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated power loss");
        }
    }

    @TempDir Path dir;
    final ManualTime time = new ManualTime(T0);
    final Map<String, Integer> vendorState = new ConcurrentHashMap<>();

    private List<ActionRequest> fiveRequests() {
        List<ActionRequest> out = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            out.add(isolate("ws" + i, "cred-dump", T0));
        }
        return out;
    }

    @Test
    void crashBetweenJournalWriteAndTheEffectIsRecoveredExactlyOnce() throws Exception {
        List<ActionRequest> requests = fiveRequests();
        FakeVendor before = new FakeVendor("fake", vendorState);
        AuditProbe probeBefore = new AuditProbe();
        CountDownLatch crashed = new CountDownLatch(1);
        before.behaviour = (a, c) -> {
            if (a.target().equals("host:ws3")) {
                crashed.countDown();
                throw new SimulatedCrash(); // after the journal said "dispatched", before the vendor did anything
            }
            return CompletableFuture.completedFuture(before.doIt(c));
        };
        Dispatcher first = Fixtures.builder(before, time, probeBefore, dir).build();
        // ws4 and ws5 are still queued (or arrive after) when the crash comes: never journaled, so lost
        requests.forEach(first::submit);
        assertThat(crashed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.awaitIdle(Duration.ofSeconds(2))).isFalse(); // dead, not idle
        assertThat(first.stats().running()).isFalse();

        FakeVendor after = new FakeVendor("fake", vendorState);
        AuditProbe probe = new AuditProbe();
        try (Dispatcher second = Fixtures.builder(after, time, probe, dir).build()) {
            Dispatcher.RecoveryReport report = second.recover();
            assertThat(report.redispatched()).containsExactly(second.keyOf(requests.get(2)));
            assertThat(second.recover().redispatched()).isEmpty(); // recovery happens once
            assertThat(second.awaitIdle(IDLE)).isTrue();
            // the detections are replayed (a restarted scan): journaled ones are duplicates, lost ones are done now
            requests.forEach(second::submit);
            assertThat(second.awaitIdle(IDLE)).isTrue();

            assertThat(after.calls).filteredOn(c -> c.context().recovered()).extracting(c -> c.action().target())
                    .containsExactly("host:ws3");
            assertThat(probe.count(ActionState.SUPPRESSED_DUPLICATE)).isEqualTo(3);
        }
        for (ActionRequest r : requests) {
            String target = r.action().target();
            long calls = before.calls.stream().filter(c -> c.action().target().equals(target)).count()
                    + after.calls.stream().filter(c -> c.action().target().equals(target)).count();
            // ws3's first call is the one that crashed before the vendor did anything
            assertThat(calls).as("adapter calls for " + target).isEqualTo(target.equals("host:ws3") ? 2 : 1);
        }
        // and what the vendor did: each action exactly once
        assertThat(vendorState).hasSize(5).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    }

    @Test
    void anAnswerLostInACrashIsRedispatchedWithTheSameKeyAndTheVendorDedupes() throws Exception {
        FakeVendor before = new FakeVendor("fake", vendorState);
        // the vendor acts but the answer never arrives: the process stops first
        before.behaviour = (a, c) -> {
            before.doIt(c);
            return new CompletableFuture<>();
        };
        AuditProbe probeBefore = new AuditProbe();
        ActionRequest r = isolate("ws1", "cred-dump", T0);
        Dispatcher first = Fixtures.builder(before, time, probeBefore, dir).drainTimeout(Duration.ofMillis(50)).build();
        String key = first.keyOf(r);
        first.submit(r);
        probeBefore.await(key, ActionState.DISPATCHED);
        first.close();

        FakeVendor after = new FakeVendor("fake", vendorState);
        AuditProbe probe = new AuditProbe();
        try (Dispatcher second = Fixtures.builder(after, time, probe, dir).build()) {
            assertThat(second.recover().redispatched()).containsExactly(second.keyOf(r));
            AuditEntry done = probe.await(second.keyOf(r), ActionState.SUCCEEDED);
            assertThat(done.detail()).isEqualTo("already done (idempotency key)");
            assertThat(done.attempt()).isEqualTo(2);
            assertThat(after.calls).singleElement().satisfies(c -> {
                assertThat(c.context().key()).isEqualTo(second.keyOf(r));
                assertThat(c.context().recovered()).isTrue();
            });
        }
        // asked twice (before and after the crash), performed once thanks to the key
        assertThat(vendorState).containsExactly(Map.entry(key, 2));
    }

    @Test
    void finishedActionsAreNotRedispatchedAndRestartDoesNotRepeatThem() throws Exception {
        FakeVendor before = new FakeVendor("fake", vendorState);
        try (Dispatcher first = Fixtures.builder(before, time, new AuditProbe(), dir).build()) {
            fiveRequests().forEach(first::submit);
            assertThat(first.awaitIdle(IDLE)).isTrue();
        }
        FakeVendor after = new FakeVendor("fake", vendorState);
        AuditProbe probe = new AuditProbe();
        try (Dispatcher second = Fixtures.builder(after, time, probe, dir).build()) {
            assertThat(second.recover().redispatched()).isEmpty();
            fiveRequests().forEach(second::submit);
            assertThat(second.awaitIdle(IDLE)).isTrue();
        }
        assertThat(after.calls).isEmpty();
        assertThat(probe.count(ActionState.SUPPRESSED_DUPLICATE)).isEqualTo(5);
    }

    @Test
    void aHeldActionIsStillHeldAfterARestartAndCanBeApprovedThere() throws Exception {
        ActionRequest r = rotate("CORP\\admin1", "cred-dump", T0);
        FakeVendor before = new FakeVendor("fake", vendorState);
        try (Dispatcher first = Fixtures.builder(before, time, new AuditProbe(), dir)
                .requireApproval(ActionType.ROTATE_CREDENTIAL).build()) {
            first.submit(r);
            assertThat(first.awaitIdle(IDLE)).isTrue();
            assertThat(first.pendingApprovals()).hasSize(1);
        }
        FakeVendor after = new FakeVendor("fake", vendorState);
        AuditProbe probe = new AuditProbe();
        // the new instance's policy no longer lists rotation: the journaled requirement still holds
        try (Dispatcher second = Fixtures.builder(after, time, probe, dir).build()) {
            Dispatcher.RecoveryReport report = second.recover();
            assertThat(report.awaitingApproval()).containsExactly(second.keyOf(r));
            assertThat(report.redispatched()).isEmpty();
            assertThat(after.calls).isEmpty();
            assertThat(second.approve(second.keyOf(r), "carol")).isTrue();
            assertThat(probe.await(second.keyOf(r), ActionState.SUCCEEDED).approvedBy()).isEqualTo("carol");
        }
        assertThat(before.calls).isEmpty();
        assertThat(after.calls).hasSize(1);
    }

    @Test
    void aTornLastLineIsSkippedAndCounted() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        try (Dispatcher first = Fixtures.builder(new FakeVendor("fake", vendorState), time, new AuditProbe(), dir)
                .build()) {
            first.submit(isolate("ws1", "r", T0));
            assertThat(first.awaitIdle(IDLE)).isTrue();
        }
        Files.writeString(journal, "{\"rec\":\"intent\",\"key\":\"abc", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        FakeVendor after = new FakeVendor("fake", vendorState);
        try (Dispatcher second = Fixtures.builder(after, time, new AuditProbe(), dir).build()) {
            assertThat(second.recover().unreadableLines()).isEqualTo(1);
            second.submit(isolate("ws1", "r", T0));
            second.submit(isolate("ws2", "r", T0));
            assertThat(second.awaitIdle(IDLE)).isTrue();
        }
        assertThat(after.calls).extracting(c -> c.action().target()).containsExactly("host:ws2");
        // the torn line was closed off, so the lines written after it are whole
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"rec\":\"finished\"");
    }

    @Test
    void oneJournalServesOneDispatcherAtATime() {
        try (Dispatcher first = Fixtures.builder(new FakeVendor(), time, new AuditProbe(), dir).build()) {
            assertThatThrownBy(() -> Fixtures.builder(new FakeVendor(), time, new AuditProbe(), dir).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
        }
    }
}
