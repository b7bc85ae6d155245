package dev.edr.core.response.adapters;

import dev.edr.core.response.ActionContext;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.Remediation;
import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.QuarantineFile;
import dev.edr.core.response.ResponseAction.RestoreFile;
import dev.edr.core.response.ResponseAction.RevertRegistry;
import dev.edr.core.response.ResponseAction.RollbackFile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Remediation on the machine the engine runs on (Linux, or any POSIX system): kill a process or process tree,
 * quarantine a file into a directory (content moved, hash recorded, permissions kept in the metadata) and restore
 * it. It acts only for actions whose host is one of its own names. Every operation is idempotent on the
 * action's key, so a re-dispatch after a crash finds the work done instead of doing it twice. Registry reverts and
 * file rollbacks need a platform or a vendor with snapshots and report FAILED here.
 */
public final class LocalRemediation implements Remediation, AutoCloseable {
    private final Set<String> hostNames;
    private final Quarantine quarantine;
    private final Duration killTimeout;
    private final ExecutorService executor;

    private LocalRemediation(Builder b) {
        this.hostNames = b.hostNames;
        this.quarantine = new Quarantine(b.quarantineDir);
        this.killTimeout = b.killTimeout;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "edr-local-remediation");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder(Path quarantineDir) {
        return new Builder(quarantineDir);
    }

    public static final class Builder {
        private final Path quarantineDir;
        private Set<String> hostNames;
        private Duration killTimeout = Duration.ofSeconds(5);

        private Builder(Path quarantineDir) {
            this.quarantineDir = Objects.requireNonNull(quarantineDir);
        }

        /** Host names this adapter answers to (case-insensitive); default: the local host name and localhost. */
        public Builder hostNames(Set<String> names) {
            this.hostNames = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(
                    java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }

        /** How long to wait for killed processes to be gone before reporting failure. */
        public Builder killTimeout(Duration timeout) {
            this.killTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public LocalRemediation build() {
            if (hostNames == null) {
                Set<String> names = new HashSet<>(Set.of("localhost"));
                try {
                    names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
                } catch (IOException e) {
                    // no resolvable name: localhost only
                }
                hostNames = Set.copyOf(names);
            }
            try {
                Files.createDirectories(quarantineDir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create quarantine directory " + quarantineDir, e);
            }
            return new LocalRemediation(this);
        }
    }

    @Override
    public String name() {
        return "local";
    }

    private CompletionStage<Outcome> run(String host, Supplier<Outcome> work) {
        if (!hostNames.contains(host.toLowerCase(Locale.ROOT))) {
            return CompletableFuture.completedFuture(Outcome.failed("host '" + host + "' is not this machine "
                    + hostNames));
        }
        return CompletableFuture.supplyAsync(work, executor);
    }

    @Override
    public CompletionStage<Outcome> killProcess(KillProcess a, ActionContext ctx) {
        return run(a.host(), () -> kill(a));
    }

    private Outcome kill(KillProcess a) {
        ProcessHandle self = ProcessHandle.current();
        if (a.pid() == 1 || a.pid() == self.pid() || isAncestorOfSelf(a.pid())) {
            return Outcome.failed("refusing to kill pid " + a.pid() + ": it is init or this engine");
        }
        Optional<ProcessHandle> found = ProcessHandle.of(a.pid());
        if (found.isEmpty() || !found.get().isAlive()) {
            return Outcome.succeeded("process " + a.pid() + " is already gone");
        }
        ProcessHandle root = found.get();
        if (a.image() != null) {
            Optional<String> command = root.info().command();
            if (command.isEmpty()) {
                return Outcome.failed("cannot read the image of pid " + a.pid() + " to verify it");
            }
            if (!sameImage(command.get(), a.image())) {
                return Outcome.failed("pid " + a.pid() + " now runs " + command.get() + ", not " + a.image()
                        + " (pid reused?)");
            }
        }
        // snapshot the tree before the root dies: its children are re-parented and harder to find afterwards
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(root);
        if (a.tree()) {
            root.descendants().forEach(victims::add);
        }
        victims.forEach(ProcessHandle::destroyForcibly);
        List<Long> survivors = new ArrayList<>();
        long deadline = System.nanoTime() + killTimeout.toNanos();
        for (ProcessHandle p : victims) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (p.isAlive()) {
                    survivors.add(p.pid());
                }
            }
        }
        if (!survivors.isEmpty()) {
            return Outcome.failed("still running after kill: " + survivors);
        }
        return Outcome.succeeded("killed " + victims.size() + (victims.size() == 1 ? " process" : " processes"));
    }

    private static boolean isAncestorOfSelf(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        while (p.isPresent()) {
            if (p.get().pid() == pid) {
                return true;
            }
            p = p.get().parent();
        }
        return false;
    }

    private static boolean sameImage(String command, String image) {
        if (command.equals(image)) {
            return true;
        }
        String name = image.substring(Math.max(image.lastIndexOf('/'), image.lastIndexOf('\\')) + 1);
        return command.endsWith("/" + name) && (image.equals(name) || command.endsWith(image));
    }

    @Override
    public CompletionStage<Outcome> quarantineFile(QuarantineFile a, ActionContext ctx) {
        return run(a.host(), () -> io(() -> quarantine.quarantine(Path.of(a.path()), a.sha256(), ctx.key())));
    }

    @Override
    public CompletionStage<Outcome> restoreFile(RestoreFile a, ActionContext ctx) {
        return run(a.host(), () -> io(() -> quarantine.restore(Path.of(a.path()))));
    }

    private interface IoWork {
        Outcome run() throws IOException;
    }

    private static Outcome io(IoWork work) {
        try {
            return work.run();
        } catch (IOException e) {
            // disk full, permission flapping: worth a retry, so fail the stage rather than the action
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public CompletionStage<Outcome> rollbackFile(RollbackFile a, ActionContext ctx) {
        return CompletableFuture.completedFuture(Outcome.failed(
                "the local adapter keeps no file versions; roll back through a vendor adapter with snapshots"));
    }

    @Override
    public CompletionStage<Outcome> revertRegistry(RevertRegistry a, ActionContext ctx) {
        return CompletableFuture.completedFuture(Outcome.failed("no registry on this platform"));
    }

    /** Whether {@code path} is a regular file, not following links (a link is never quarantined through). */
    static boolean isRegularFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
