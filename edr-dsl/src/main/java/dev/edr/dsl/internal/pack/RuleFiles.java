package dev.edr.dsl.internal.pack;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the paths a user gives into rule files, deterministically: a file is taken as given (whatever its
 * extension); a directory contributes every {@code .yml}/{@code .yaml} file below it, in name order, skipping
 * hidden files and directories (names starting with '.') and not following directory links. A file reached
 * twice is read once. Source names keep the user's spelling: {@code rules/x.yml}, never an absolute path.
 */
public final class RuleFiles {
    private RuleFiles() {}

    /** A file to read, or a problem with one of the given paths; in the order the paths were given. */
    public record Entry(Path file, Issue problem) {}

    private record Named(String name, Path path) {}

    private static final Comparator<Named> BY_NAME = Comparator.comparing(Named::name);

    public static List<Entry> expand(List<Path> paths) {
        List<Entry> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                walk(p, realPath(p), out, seen);
            } else if (Files.isRegularFile(p)) {
                add(p, identity(p), out, seen);
            } else {
                out.add(problem(p, Files.exists(p) ? "not a regular file" : "no such file or directory"));
            }
        }
        return out;
    }

    private static Entry problem(Path p, String message) {
        return new Entry(null, Issue.error(IssueCode.IO_ERROR, SourceLocation.of(p.toString(), 1, 1), message));
    }

    /**
     * @param real the real path of {@code dir} (no links, absolute), or null when it could not be had; below a real
     *     directory, a child that is not a link has its real path without asking the file system again
     */
    private static void walk(Path dir, Path real, List<Entry> out, Set<Path> seen) {
        List<Named> children = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(c -> children.add(new Named(c.getFileName().toString(), c)));
        } catch (IOException | RuntimeException e) {
            out.add(problem(dir, "the directory could not be listed: " + e.getMessage()));
            return;
        }
        children.sort(BY_NAME); // each name made once, not twice per comparison
        for (Named named : children) {
            Path child = named.path();
            String name = named.name();
            if (name.startsWith(".")) {
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | RuntimeException e) {
                continue; // gone since the listing, or unreadable: neither a directory nor a regular file
            }
            Path childReal = real == null ? null : real.resolve(child.getFileName());
            if (attributes.isDirectory()) {
                walk(child, childReal, out, seen); // a link to a directory is not followed
            } else if (isYaml(name)) {
                if (attributes.isRegularFile()) {
                    add(child, childReal != null ? childReal : identity(child), out, seen);
                } else if (attributes.isSymbolicLink() && Files.isRegularFile(child)) {
                    add(child, identity(child), out, seen);
                }
            }
        }
    }

    private static boolean isYaml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yml") || lower.endsWith(".yaml");
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What makes two spellings of a file the same file: its real path, else its normalized absolute path. */
    private static Path identity(Path file) {
        Path real = realPath(file);
        return real != null ? real : file.toAbsolutePath().normalize();
    }

    private static void add(Path file, Path identity, List<Entry> out, Set<Path> seen) {
        if (seen.add(identity)) {
            out.add(new Entry(file, null));
        }
    }
}
