package dev.edr.dsl.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared data folder (a sibling of the repository root) from wherever the test runs. */
final class SharedData {
    private SharedData() {}

    static Path dir() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("sigma")) && Files.isDirectory(candidate.resolve("datasets"))) {
                return candidate;
            }
        }
        throw new AssertionError("no shared/ folder with sigma/ and datasets/ above " + System.getProperty("user.dir"));
    }
}
