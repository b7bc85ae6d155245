package dev.edr.dsl;

/**
 * Safety limits for reading rule packs, which come from outside. Defaults are sized from the public SigmaHQ
 * corpus (its largest rule file is about 300 KB with 4,433 values) with generous headroom.
 *
 * @param maxDocumentBytes largest rule file accepted, in bytes
 * @param maxDepth deepest YAML nesting accepted
 * @param maxAliases YAML aliases accepted per file (alias bombs)
 * @param maxValuesPerRule detection values per rule (after list expansion, before modifier expansion)
 * @param maxScalarChars longest single YAML scalar
 * @param maxRegexChars longest {@code re} pattern
 */
public record Limits(long maxDocumentBytes, int maxDepth, int maxAliases, int maxValuesPerRule, int maxScalarChars,
        int maxRegexChars) {

    public static final Limits DEFAULTS = new Limits(2L * 1024 * 1024, 64, 50, 20_000, 256 * 1024, 4_096);

    public Limits {
        if (maxDocumentBytes <= 0 || maxDepth <= 0 || maxAliases < 0 || maxValuesPerRule <= 0 || maxScalarChars <= 0
                || maxRegexChars <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
