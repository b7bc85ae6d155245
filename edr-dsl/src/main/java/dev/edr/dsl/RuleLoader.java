package dev.edr.dsl;

import dev.edr.dsl.internal.document.SectionParsers;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads Sigma v2.1 rule packs: detection rules, correlation rules and filters, from YAML files that come
 * from outside and are treated as untrusted. Loading never stops at the first problem and never throws for
 * bad input: every problem becomes an {@link dev.edr.core.diag.Issue} with its file, line and column, and
 * every document that loaded without error is in the result's pack. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * LoadResult result = RuleLoader.create().load(List.of(Path.of("rules")));
 * result.pack().issues().forEach(i -> System.err.println(i.headline()));
 * }</pre>
 */
public interface RuleLoader {

    /** A loader with {@link Limits#DEFAULTS}. */
    static RuleLoader create() {
        return create(Limits.DEFAULTS);
    }

    static RuleLoader create(Limits limits) {
        return new YamlRuleLoader(limits, SectionParsers.sigma());
    }

    /**
     * Loads files and directories as one pack (ids, names and references are checked across all of them).
     * A directory contributes every {@code .yml}/{@code .yaml} file below it in name order, skipping hidden
     * files and directories; a file is read whatever its extension. Issues name files as the paths were
     * given (not made absolute).
     */
    LoadResult load(List<Path> paths);

    /** Loads one YAML text as a pack; {@code sourceName} names it in issues. */
    LoadResult loadText(String sourceName, String yaml);
}
