package dev.edr.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edr.core.diag.Issue;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Selection;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.document.SectionParsers;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.testutil.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Loads the SigmaHQ corpus with the detection and condition parsers replaced by accept-everything stubs, so
 * that everything else (YAML, metadata checks, logsource, document kinds, pack checks) is held to the rule
 * that the public corpus loads without errors. Warnings are allowed.
 */
class CorpusMetadataTest {
    /** Accepts every identifier and condition. */
    private enum AcceptAll implements SectionParsers {
        INSTANCE;

        @Override
        public Map<String, Selection> selections(YMap detection, Limits limits, Diagnostics diag) {
            Map<String, Selection> out = new LinkedHashMap<>();
            detection.entries().forEach(e -> out.put(e.key().text(), new Selection.AllOf(List.of())));
            return out;
        }

        @Override
        public Condition condition(YNode condition, List<String> identifiers, Diagnostics diag) {
            return new Condition.Ref(identifiers.isEmpty() ? "none" : identifiers.get(0));
        }
    }

    @Test
    void theCorpusLoadsWithoutErrorsApartFromTheParsers() {
        List<Path> dirs = new ArrayList<>();
        for (String d : List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder",
                "rules-compliance", "deprecated")) {
            Optional<Path> p = SharedData.find("sigma/" + d);
            assumeTrue(p.isPresent(), "shared/sigma/" + d + " is not present");
            dirs.add(p.get());
        }
        LoadResult r = new YamlRuleLoader(Limits.DEFAULTS, AcceptAll.INSTANCE).load(dirs);
        List<String> errors = r.pack().issues().stream().filter(Issue::isError).map(Issue::headline).toList();
        // The one legacy aggregation of the corpus (a deprecated rule) is rejected by design; see DESIGN.md.
        assertThat(errors).singleElement().satisfies(e ->
                assertThat(e).contains("generic_brute_force.yml", "LEGACY_AGGREGATION"));
        assertThat(r.documents()).hasSizeGreaterThan(3_900);
        assertThat(r.pack().rules()).hasSize(r.documents().size() - 1);
    }
}
