package dev.edr.core.response;

import static dev.edr.core.response.Fixtures.IDLE;
import static dev.edr.core.response.Fixtures.T0;
import static dev.edr.core.response.Fixtures.isolate;
import static dev.edr.core.response.Fixtures.rotate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.KillProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherGuaranteesTest {
    @TempDir Path dir;
    final ManualTime time = new ManualTime(T0);
    final FakeVendor vendor = new FakeVendor();
    final AuditProbe probe = new AuditProbe();

    DispatcherBuilder builder() {
        return Fixtures.builder(vendor, time, probe, dir);
    }

    @Test
    void repeatedDetectionsDoNotRepeatActions() throws Exception {
        try (Dispatcher d = builder().dedupWindow(Duration.ofMinutes(30)).build()) {
            ActionRequest first = isolate("WS01", "r1", T0);
            d.submit(first);
            d.submit(first);
            d.submit(isolate("ws01", "r1", T0.plusSeconds(600))); // same host (case-insensitive), inside window
            d.submit(isolate("ws01", "r2", T0)); // another rule: its own action
            d.submit(isolate("ws01", "r1", T0.plus(Duration.ofMinutes(31)))); // window passed: act again
            assertThat(d.awaitIdle(IDLE)).isTrue();

            assertThat(vendor.calls).hasSize(3);
            assertThat(probe.count(ActionState.SUPPRESSED_DUPLICATE)).isEqualTo(2);
            // the second and third share the first's key (same dedup bucket); the fifth is in the next window
            assertThat(probe.states(d.keyOf(first))).containsExactlyInAnyOrder(ActionState.DISPATCHED,
                    ActionState.SUCCEEDED, ActionState.SUPPRESSED_DUPLICATE, ActionState.SUPPRESSED_DUPLICATE);
        }
    }

    @Test
    void idempotencyKeysAreDeterministicAcrossInstances() {
        ActionRequest r = isolate("ws01", "r1", T0);
        String k1;
        try (Dispatcher d = Dispatcher.builder().build()) {
            k1 = d.keyOf(r);
            assertThat(d.keyOf(isolate("ws01", "r2", T0))).isNotEqualTo(k1);
            assertThat(d.keyOf(isolate("ws02", "r1", T0))).isNotEqualTo(k1);
            assertThat(d.keyOf(rotate("ws01", "r1", T0))).isNotEqualTo(k1);
        }
        try (Dispatcher d = Dispatcher.builder().build()) {
            assertThat(d.keyOf(isolate("WS01", "r1", T0))).isEqualTo(k1);
        }
        assertThat(k1).matches("[0-9a-f]{32}");
    }

    @Test
    void dryRunDecidesEverythingAndTouchesNothing() throws Exception {
        try (Dispatcher d = builder().dryRun(true).requireApproval(ActionType.ROTATE_CREDENTIAL).build()) {
            d.submit(isolate("ws01", "r1", T0));
            d.submit(rotate("CORP\\admin1", "r1", T0));
            d.submit(isolate("ws01", "r1", T0)); // still deduped in dry-run
            assertThat(d.awaitIdle(IDLE)).isTrue();

            assertThat(vendor.calls).isEmpty();
            assertThat(probe.count(ActionState.DRY_RUN)).isEqualTo(2);
            assertThat(probe.count(ActionState.SUPPRESSED_DUPLICATE)).isEqualTo(1);
            assertThat(probe.await(d.keyOf(rotate("CORP\\admin1", "r1", T0)), ActionState.DRY_RUN).detail())
                    .contains("approval");
            assertThat(d.pendingApprovals()).isEmpty();
        }
    }

    @Test
    void requestLevelDryRunAppliesToThatRequestOnly() throws Exception {
        try (Dispatcher d = builder().build()) {
            d.submit(new ActionRequest(new DisableAccount("bob"), Fixtures.trigger("r1", T0), "pb", false, true));
            d.submit(isolate("ws01", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).extracting(c -> c.action().type()).containsExactly(ActionType.ISOLATE_HOST);
        }
    }

    @Test
    void protectedAssetsAreNeverActedOn() throws Exception {
        ProtectedAssets assets = new ProtectedAssets(List.of("dc*", "*.corp-dc.example"), List.of("breakglass*",
                "CORP\\svc-backup"));
        try (Dispatcher d = builder().protectedAssets(assets).requireApproval(ActionType.DISABLE_ACCOUNT).build()) {
            d.submit(isolate("DC01", "r1", T0));
            d.submit(isolate("fs1.corp-dc.example", "r1", T0));
            d.submit(ActionRequest.of(new KillProcess("dc02", 4242, true, null), Fixtures.trigger("r1", T0)));
            d.submit(ActionRequest.of(new DisableAccount("CORP\\BreakGlass01"), Fixtures.trigger("r1", T0)));
            d.submit(rotate("corp\\svc-backup", "r1", T0));
            d.submit(isolate("ws01", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();

            assertThat(vendor.calls).extracting(c -> c.action().target()).containsExactly("host:ws01");
            assertThat(probe.count(ActionState.SUPPRESSED_PROTECTED)).isEqualTo(5);
            assertThat(d.pendingApprovals()).isEmpty(); // never even held, so nobody can approve it
            String key = d.keyOf(ActionRequest.of(new DisableAccount("CORP\\BreakGlass01"),
                    Fixtures.trigger("r1", T0)));
            assertThat(d.approve(key, "mallory")).isFalse();
        }
    }

    @Test
    void budgetHoldsDuringAStormAndRefillsAfterTheWindow() throws Exception {
        try (Dispatcher d = builder().budget(3, Duration.ofMinutes(10)).build()) {
            for (int i = 0; i < 10; i++) {
                d.submit(isolate("ws" + i, "storm", T0));
            }
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).hasSize(3);
            assertThat(probe.count(ActionState.SUPPRESSED_BUDGET)).isEqualTo(7);

            time.advance(Duration.ofMinutes(10).plusSeconds(1));
            d.submit(isolate("ws-late", "storm", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).hasSize(4);
        }
    }

    @Test
    void overflowIsCountedAndAuditedWithoutBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch workerBusy = new CountDownLatch(1);
        // a listener that stalls the worker on its first entry: the queue then fills up
        DispatcherBuilder b = builder().queueCapacity(4).auditListener(e -> {
            workerBusy.countDown();
            await(release);
        });
        try (Dispatcher d = b.build()) {
            assertThat(d.submit(isolate("ws-first", "r", T0))).isTrue();
            assertThat(workerBusy.await(5, TimeUnit.SECONDS)).isTrue();
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += d.submit(isolate("ws" + i, "r", T0)) ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(4);
            assertThat(d.stats().droppedOverflow()).isEqualTo(6);
            release.countDown();
            assertThat(d.awaitIdle(IDLE)).isTrue();

            assertThat(probe.count(ActionState.DROPPED_OVERFLOW)).isEqualTo(6);
            assertThat(vendor.calls).hasSize(5);
            assertThat(d.stats().submitted()).isEqualTo(11);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void approvalHoldsDestructiveActionsUntilSomeoneApproves() throws Exception {
        try (Dispatcher d = builder().requireApproval(ActionType.ROTATE_CREDENTIAL).build()) {
            ActionRequest rot = rotate("CORP\\admin1", "r1", T0);
            ActionRequest other = rotate("CORP\\admin2", "r1", T0);
            d.submit(rot);
            d.submit(other);
            d.submit(isolate("ws01", "r1", T0)); // not gated
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).extracting(c -> c.action().type()).containsExactly(ActionType.ISOLATE_HOST);
            assertThat(d.pendingApprovals()).extracting(Dispatcher.PendingApproval::key)
                    .containsExactlyInAnyOrder(d.keyOf(rot), d.keyOf(other));
            assertThat(d.stats().awaitingApproval()).isEqualTo(2);

            assertThat(d.approve("no-such-key", "alice")).isFalse();
            assertThat(d.approve(d.keyOf(rot), "alice@soc")).isTrue();
            assertThat(d.approve(d.keyOf(rot), "alice@soc")).isFalse(); // once
            assertThat(d.reject(d.keyOf(other), "bob@soc")).isTrue();
            assertThat(d.awaitIdle(IDLE)).isTrue();

            AuditEntry done = probe.await(d.keyOf(rot), ActionState.SUCCEEDED);
            assertThat(done.approvedBy()).isEqualTo("alice@soc");
            assertThat(done.toJson()).contains("\"approved_by\":\"alice@soc\"");
            assertThat(probe.states(d.keyOf(other))).containsExactly(ActionState.PENDING_APPROVAL,
                    ActionState.REJECTED);
            assertThat(vendor.calls).extracting(c -> c.context().key()).doesNotContain(d.keyOf(other));
            assertThat(d.pendingApprovals()).isEmpty();
        }
    }

    @Test
    void playbookCanRequireApprovalForATypeTheDispatcherDoesNot() throws Exception {
        try (Dispatcher d = builder().build()) {
            ActionRequest r = new ActionRequest(new DisableAccount("eve"), Fixtures.trigger("r1", T0), "pb", true,
                    false);
            d.submit(r);
            probe.await(d.keyOf(r), ActionState.PENDING_APPROVAL);
            assertThat(vendor.calls).isEmpty();
        }
    }

    @Test
    void auditLogFileHoldsOneJsonLinePerDecision() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        try (Dispatcher d = builder().auditLog(log).build()) {
            d.submit(isolate("ws01", "r1", T0));
            d.submit(isolate("ws01", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(d.audit()).extracting(AuditEntry::state).containsExactlyInAnyOrder(ActionState.DISPATCHED,
                    ActionState.SUCCEEDED, ActionState.SUPPRESSED_DUPLICATE);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        String succeeded = lines.stream().filter(l -> l.contains("\"state\":\"succeeded\"")).findFirst().orElseThrow();
        assertThat(succeeded).startsWith("{\"action\":{\"type\":\"isolate_host\",\"target\":\"host:ws01\","
                + "\"rule\":\"r1\",\"key\":\"").contains("\"state\":\"succeeded\"", "\"event\":{\"file\":\"events.jsonl\","
                + "\"index\":7", "\"attempt\":1", "\"adapter\":\"fake\"");
    }
}
