package dev.edr.core.internal.event;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Finds the event files a path stands for. */
public final class EventFiles {
    private EventFiles() {}

    /**
     * A regular file stands for itself (whatever its name); a directory for every {@code .json}, {@code .jsonl}
     * and {@code .ndjson} file below it, sorted by path so runs are reproducible. Symbolic links to directories
     * are not followed. Problems (missing path, unreadable directory) are reported, never thrown.
     */
    public static List<Path> list(Path path, Consumer<Issue> issues) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            issues.accept(Issue.error(IssueCode.IO_ERROR, SourceLocation.of(path.toString(), 0, 0),
                    "no such file or directory"));
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isEventFile(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    issues.accept(Issue.error(IssueCode.IO_ERROR, SourceLocation.of(file.toString(), 0, 0),
                            "cannot read: " + Messages.clean(String.valueOf(e.getMessage()))));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            issues.accept(Issue.error(IssueCode.IO_ERROR, SourceLocation.of(path.toString(), 0, 0),
                    "cannot list: " + Messages.clean(String.valueOf(e.getMessage()))));
        }
        found.sort(Comparator.comparing(Path::toString));
        return found;
    }

    static boolean isEventFile(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }
}
