package dev.edr.core.response.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.internal.response.Json;
import dev.edr.core.response.ActionContext;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.QuarantineFile;
import dev.edr.core.response.ResponseAction.RestoreFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Acts only on processes it spawns and files it creates, under a temp dir. */
@EnabledOnOs(OS.LINUX)
class LocalRemediationTest {
    @TempDir Path dir;
    LocalRemediation adapter;
    final List<Process> spawned = new ArrayList<>();

    @BeforeEach
    void setUp() {
        adapter = LocalRemediation.builder(dir.resolve("quarantine")).hostNames(Set.of("sensor-7"))
                .killTimeout(Duration.ofSeconds(10)).build(); // generous: a busy CI machine reaps killed children late
    }

    @AfterEach
    void tearDown() {
        for (Process p : spawned) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        adapter.close();
    }

    static Outcome get(CompletionStage<Outcome> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static ActionContext ctx(String key) {
        return new ActionContext(key, 1, "rule", false);
    }

    /** {@code sh} with two {@code sleep} children, returned once both children exist. */
    private Process shellWithTwoSleeps() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "sleep 30 & sleep 30 & wait").start();
        spawned.add(p);
        // until both children run sleep: just after the fork a child still runs the shell, whose image a kill
        // that names sleep would rightly refuse (a race that failed one CI run on a busy machine)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sleepingChildren(p) < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(sleepingChildren(p)).isEqualTo(2);
        return p;
    }

    private static long sleepingChildren(Process p) {
        return p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false)).count();
    }

    @Test
    void killsAWholeProcessTree() throws Exception {
        Process sh = shellWithTwoSleeps();
        List<ProcessHandle> children = sh.descendants().toList();
        Outcome o = get(adapter.killProcess(new KillProcess("SENSOR-7", sh.pid(), true, null), ctx("k1")));
        assertThat(o.status()).isEqualTo(Outcome.Status.SUCCEEDED);
        assertThat(o.detail()).isEqualTo("killed 3 processes");
        assertThat(sh.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        // repeating it (a recovery re-dispatch) finds the work done
        assertThat(get(adapter.killProcess(new KillProcess("sensor-7", sh.pid(), true, null), ctx("k1"))).detail())
                .contains("already gone");
    }

    @Test
    void withoutTreeOnlyTheProcessDies() throws Exception {
        Process sh = shellWithTwoSleeps();
        List<ProcessHandle> children = sh.descendants().toList();
        assertThat(get(adapter.killProcess(new KillProcess("sensor-7", sh.pid(), false, null), ctx("k2"))).status())
                .isEqualTo(Outcome.Status.SUCCEEDED);
        assertThat(sh.isAlive()).isFalse();
        assertThat(children).allMatch(ProcessHandle::isAlive);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void anImageMismatchMeansThePidWasReusedAndNothingIsKilled() throws Exception {
        Process sh = shellWithTwoSleeps();
        ProcessHandle sleep = sh.descendants().findFirst().orElseThrow();
        Outcome wrong = get(adapter.killProcess(new KillProcess("sensor-7", sleep.pid(), false, "/usr/bin/mimikatz"),
                ctx("k3")));
        assertThat(wrong.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(wrong.detail()).contains("pid reused");
        assertThat(sleep.isAlive()).isTrue();
        Outcome right = get(adapter.killProcess(new KillProcess("sensor-7", sleep.pid(), false, "sleep"), ctx("k4")));
        assertThat(right.status()).isEqualTo(Outcome.Status.SUCCEEDED);
    }

    @Test
    void refusesOtherHostsItselfAndInit() throws Exception {
        long self = ProcessHandle.current().pid();
        assertThat(get(adapter.killProcess(new KillProcess("ws01", 12345, false, null), ctx("k"))).detail())
                .contains("not this machine");
        assertThat(get(adapter.killProcess(new KillProcess("sensor-7", self, false, null), ctx("k"))).detail())
                .contains("refusing");
        assertThat(get(adapter.killProcess(new KillProcess("sensor-7", 1, true, null), ctx("k"))).detail())
                .contains("refusing");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void quarantineMovesTheFileAwayRecordsItsHashAndRestoreBringsItBack() throws Exception {
        Path file = Files.createDirectories(dir.resolve("home/user/bin")).resolve("dropper.sh");
        Files.writeString(file, "#!/bin/sh\necho pwned\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
        String sha = Quarantine.sha256(file);

        Outcome q = get(adapter.quarantineFile(new QuarantineFile("sensor-7", file.toString(), sha.toUpperCase()),
                ctx("key-q")));
        assertThat(q.status()).isEqualTo(Outcome.Status.SUCCEEDED);
        assertThat(file).doesNotExist();
        Path bin = dir.resolve("quarantine/key-q.bin");
        assertThat(Quarantine.sha256(bin)).isEqualTo(sha);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bin))).isEqualTo("r--------");
        Map<String, Object> meta = Json.readObject(Files.readString(dir.resolve("quarantine/key-q.json")));
        assertThat(meta).containsEntry("original", file.toString()).containsEntry("sha256", sha)
                .containsEntry("permissions", "rwxr-x---").containsEntry("state", "quarantined");
        assertThat(get(adapter.quarantineFile(new QuarantineFile("sensor-7", file.toString(), sha), ctx("key-q")))
                .detail()).startsWith("already quarantined");

        Outcome r = get(adapter.restoreFile(new RestoreFile("sensor-7", file.toString()), ctx("key-r")));
        assertThat(r.status()).isEqualTo(Outcome.Status.SUCCEEDED);
        assertThat(Files.readString(file)).isEqualTo("#!/bin/sh\necho pwned\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-x---");
        assertThat(get(adapter.restoreFile(new RestoreFile("sensor-7", file.toString()), ctx("key-r"))).detail())
                .startsWith("already restored");
    }

    @Test
    void aHashMismatchLeavesTheFileAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("report.docx"), "benign", StandardCharsets.UTF_8);
        Outcome o = get(adapter.quarantineFile(new QuarantineFile("sensor-7", file.toString(), "00".repeat(32)),
                ctx("k")));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.detail()).contains("changed since the detection");
        assertThat(file).exists();
    }

    @Test
    void restoreNeverOverwritesAndLinksAreNeverFollowed() throws Exception {
        Path file = Files.writeString(dir.resolve("a.bin"), "one", StandardCharsets.UTF_8);
        get(adapter.quarantineFile(new QuarantineFile("sensor-7", file.toString(), null), ctx("k1")));
        Files.writeString(file, "two", StandardCharsets.UTF_8);
        Outcome r = get(adapter.restoreFile(new RestoreFile("sensor-7", file.toString()), ctx("k2")));
        assertThat(r.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(Files.readString(file)).isEqualTo("two");

        Path target = Files.writeString(dir.resolve("target"), "precious", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Outcome q = get(adapter.quarantineFile(new QuarantineFile("sensor-7", link.toString(), null), ctx("k3")));
        assertThat(q.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(target).exists();
        assertThat(get(adapter.restoreFile(new RestoreFile("sensor-7", dir.resolve("never").toString()), ctx("k4")))
                .detail()).startsWith("no quarantined copy");
    }
}
