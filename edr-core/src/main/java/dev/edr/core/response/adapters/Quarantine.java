package dev.edr.core.response.adapters;

import dev.edr.core.internal.response.Json;
import dev.edr.core.response.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A quarantine directory: {@code <key>.bin} holds the content (owner-read-only), {@code <key>.json} the original
 * path, SHA-256, size, permissions and state. Named by the action's idempotency key, so repeating a quarantine is
 * detected rather than repeated.
 */
final class Quarantine {
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--------");
    private final Path dir;

    Quarantine(Path dir) {
        this.dir = dir;
    }

    Outcome quarantine(Path original, String expectedSha256, String key) throws IOException {
        Path bin = dir.resolve(key + ".bin");
        Path meta = dir.resolve(key + ".json");
        if (Files.exists(meta)) {
            return Outcome.succeeded("already quarantined as " + bin.getFileName());
        }
        if (!Files.exists(bin)) {
            if (!original.isAbsolute() || !LocalRemediation.isRegularFile(original)) {
                return Outcome.failed("not a regular file (absolute path, no links): " + original);
            }
            String sha = sha256(original);
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
                return Outcome.failed("sha256 of " + original + " is " + sha + ", not " + expectedSha256
                        + "; the file changed since the detection");
            }
        }
        // the content may have moved before a crash cut us short; the metadata then follows from the quarantined
        // copy (its original permissions are lost in that case, and a restore gives rw-------)
        String permissions = Files.exists(bin) ? "rw-------"
                : PosixFilePermissions.toString(Files.getPosixFilePermissions(original));
        if (!Files.exists(bin)) {
            move(original, bin);
        }
        Files.setPosixFilePermissions(bin, READ_ONLY);
        String sha = sha256(bin);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("original", original.toString());
        m.put("sha256", sha);
        m.put("size", Files.size(bin));
        m.put("permissions", permissions);
        m.put("quarantined", Instant.now().toString());
        m.put("state", "quarantined");
        writeAtomically(meta, Json.write(m));
        return Outcome.succeeded("quarantined " + original + " (sha256 " + sha + ")");
    }

    Outcome restore(Path original) throws IOException {
        Map.Entry<Path, Map<String, Object>> latest = latestFor(original);
        if (latest == null) {
            return Outcome.failed("no quarantined copy of " + original);
        }
        Path meta = latest.getKey();
        Map<String, Object> m = latest.getValue();
        Path bin = dir.resolve(meta.getFileName().toString().replaceFirst("\\.json$", ".bin"));
        String sha = Json.string(m, "sha256");
        if ("restored".equals(m.get("state"))) {
            return Files.exists(original) && sha.equals(sha256(original))
                    ? Outcome.succeeded("already restored " + original)
                    : Outcome.failed(original + " was restored earlier but is now absent or different");
        }
        if (Files.exists(original)) {
            return Outcome.failed("refusing to overwrite " + original + ", which exists again");
        }
        if (!sha.equals(sha256(bin))) {
            return Outcome.failed("the quarantined copy of " + original + " no longer matches its sha256");
        }
        Files.createDirectories(original.getParent());
        move(bin, original);
        Files.setPosixFilePermissions(original, PosixFilePermissions.fromString(Json.string(m, "permissions")));
        m.put("state", "restored");
        m.put("restored", Instant.now().toString());
        writeAtomically(meta, Json.write(m));
        return Outcome.succeeded("restored " + original + " (sha256 " + sha + ")");
    }

    private Map.Entry<Path, Map<String, Object>> latestFor(Path original) throws IOException {
        Map.Entry<Path, Map<String, Object>> best = null;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : s) {
                Map<String, Object> m;
                try {
                    m = Json.readObject(Files.readString(p, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    continue; // not ours or damaged: never restore from it
                }
                if (original.toString().equals(m.get("original")) && (best == null || Json.string(m, "quarantined")
                        .compareTo(Json.string(best.getValue(), "quarantined")) > 0)) {
                    best = Map.entry(p, m);
                }
            }
        }
        return best;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            Files.delete(from);
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
