package dev.edr.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.condition.ConditionParser;
import dev.edr.dsl.internal.detection.DetectionParser;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.testutil.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Sigma specification's own schema test files load with the real loader. */
class SpecExamplesTest {
    private static Path specTests(String sub) {
        Optional<Path> p = SharedData.find("sigma-spec/tests/schema/" + sub);
        assumeTrue(p.isPresent(), "shared/sigma-spec is not present");
        return p.get();
    }

    @Test
    void eachCorrelationExampleLoadsApartFromItsReferencesToRulesNotShipped() {
        List<Path> files = SharedData.yamlFiles(specTests("correlation"));
        assertThat(files).hasSize(8);
        for (Path file : files) {
            LoadResult r = RuleLoader.create().load(List.of(file));
            assertThat(r.documents()).as(file.toString()).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo("correlation"));
            assertThat(r.pack().issues()).as(file.toString()).filteredOn(Issue::isError)
                    .isNotEmpty()
                    .allMatch(i -> i.code() == IssueCode.UNKNOWN_RULE_REFERENCE);
        }
    }

    /**
     * PENDING until the detection and condition parsers land (branches dsl-detect and dsl-cond): skipped while
     * they are placeholders, expected to pass after the merge.
     */
    @Test
    void ruleAndFilterExamplesLoadWithTheRealParsers() {
        assumeTrue(realParsersPresent(), "detection/condition parsers are still placeholders");
        for (String sub : List.of("rules", "filter")) {
            for (Path file : SharedData.yamlFiles(specTests(sub))) { // one by one: the examples share ids
                LoadResult r = RuleLoader.create().load(List.of(file));
                assertThat(r.pack().issues()).as(file.toString()).filteredOn(Issue::isError).isEmpty();
                assertThat(r.pack().documents()).as(file.toString()).hasSize(1);
            }
        }
    }

    static boolean realParsersPresent() {
        Diagnostics diag = new Diagnostics("probe", "");
        SourceLocation at = SourceLocation.of("probe", 1, 1);
        try {
            DetectionParser.parseSelections(new YMap(List.of(), at), Limits.DEFAULTS, diag);
            ConditionParser.parse(new YScalar("x", "x", YScalar.Style.PLAIN, at), List.of("x"), diag);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
