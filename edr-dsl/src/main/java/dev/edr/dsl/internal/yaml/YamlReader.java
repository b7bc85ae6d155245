package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import java.util.List;
import java.util.Objects;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads the text of one rule file into YAML documents of {@link YNode}s with exact positions, treating the
 * text as untrusted.
 *
 * <p>Reading works on snakeyaml-engine's parser events and builds the tree with an explicit stack, so neither
 * deep nesting nor alias expansion can exhaust the Java stack or memory. What it refuses:
 * <ul>
 *   <li>a file larger than {@link Limits#maxDocumentBytes()} ({@code YAML_LIMIT}, checked before parsing);
 *   <li>control characters such as NUL, the mark of a binary file ({@code YAML_SYNTAX}, located);
 *   <li>explicit tags of any kind, even {@code !!str} ({@code YAML_FORBIDDEN_TAG}): nothing is ever
 *       instantiated from a tag;
 *   <li>duplicate keys ({@code YAML_DUPLICATE_KEY}, naming both lines; the first value is kept),
 *       non-scalar keys ({@code YAML_SYNTAX}) and YAML 1.1 merge keys {@code <<} ({@code UNSUPPORTED_FEATURE});
 *   <li>nesting deeper than {@link Limits#maxDepth()}, more than {@link Limits#maxAliases()} aliases per
 *       file, aliases expanding a document to more nodes than {@link Limits#maxDocumentBytes()} (an alias
 *       bomb) and scalars longer than {@link Limits#maxScalarChars()} ({@code YAML_LIMIT}).
 * </ul>
 * Syntax errors, undefined aliases and every limit but the scalar length stop reading the file at that
 * point; documents completed before are still returned. Other problems are reported and reading goes on, so
 * one pass reports as much as possible.
 *
 * <p>A file without any non-empty document (empty, only comments, only {@code ---}) yields a
 * {@code EMPTY_FILE} <em>warning</em>: it holds nothing harmful, and editors and generators leave such files
 * behind. Empty documents inside a multi-document file are dropped silently.
 *
 * <p>Plain scalars are resolved by the YAML 1.2 core schema (see {@link YScalar}); quoted and block
 * scalars are always strings. Instances are immutable and thread-safe.
 */
public final class YamlReader {
    private final Limits limits;

    public YamlReader(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Reads every document of {@code text}. Every problem is reported to {@code diag} as well. */
    public YamlStream read(String text, Diagnostics diag) {
        // a char is at most 3 UTF-8 bytes (a surrogate pair 4 for 2 chars): most texts need no counting
        long bytes = (long) text.length() * 3 <= limits.maxDocumentBytes() ? 0 : utf8Length(text);
        if (bytes > limits.maxDocumentBytes()) {
            return failed(diag, IssueCode.YAML_LIMIT, 1, 1, "the file is " + bytes + " bytes long; the limit is "
                    + limits.maxDocumentBytes() + " bytes");
        }
        SubsetText subset = SubsetText.of(text, diag.source()); // when not null, every character is printable
        int bad = subset != null ? -1 : firstUnprintable(text);
        if (bad >= 0) {
            int lineStart = text.lastIndexOf('\n', bad - 1) + 1;
            int line = 1;
            for (int i = text.indexOf('\n'); i >= 0 && i < bad; i = text.indexOf('\n', i + 1)) {
                line++;
            }
            int column = 1 + text.codePointCount(lineStart, bad);
            return failed(diag, IssueCode.YAML_SYNTAX, line, column, String.format(
                    "control character U+%04X is not allowed in YAML (is this a binary file?)", text.codePointAt(bad)));
        }
        return new TreeBuilder(limits, diag, text, subset).build();
    }

    /**
     * Index of the first code point YAML does not allow (a control character, a lone surrogate), or -1. Kept
     * small and separate: it runs over every character of every file, and printable ASCII needs one range test.
     */
    static int firstUnprintable(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((c >= 0x20 && c <= 0x7E) || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            int cp = text.codePointAt(i);
            if (!StreamReader.isPrintable(cp)) {
                return i;
            }
            if (cp > 0xFFFF) {
                i++;
            }
        }
        return -1;
    }

    private static YamlStream failed(Diagnostics diag, IssueCode code, int line, int column, String message) {
        diag.error(code, SourceLocation.of(diag.source(), line, column), message);
        List<Issue> all = diag.issues();
        return new YamlStream(List.of(), List.of(all.get(all.size() - 1)));
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isSurrogate(c)) n += 2; // a pair encodes as 4 bytes
            else n += 3;
        }
        return n;
    }
}
