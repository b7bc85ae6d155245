package dev.edr.dsl;

import static dev.edr.dsl.LoadAssertions.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.rule.CorrelationRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks across documents and files: duplicates, correlation references and cycles. */
class PackValidationTest {
    @TempDir
    Path dir;

    private static String rule(String title, String id, String name) {
        return "title: " + title + "\n" + (id == null ? "" : "id: " + id + "\n") + (name == null ? "" : "name: " + name
                + "\n") + "logsource: {product: windows}\ndetection: {selection: x, condition: selection}\n";
    }

    private static String correlation(String name, String... rules) {
        return "title: " + name + "\nname: " + name + "\ncorrelation:\n    type: temporal\n    rules: ["
                + String.join(", ", rules) + "]\n    group-by: [User]\n    timespan: 1m\n";
    }

    private static LoadResult load(String... documents) {
        return StubSectionParsers.loader().loadText("p.yml", String.join("---\n", documents));
    }

    @Test
    void duplicateIdsAcrossFilesNameBothLocations() throws IOException {
        Files.writeString(dir.resolve("a.yml"), rule("A", "11111111-1111-4111-8111-111111111111", null));
        Files.writeString(dir.resolve("b.yml"), "# second\n" + rule("B", "11111111-1111-4111-8111-111111111111", null));
        LoadResult r = StubSectionParsers.loader().load(List.of(dir));
        assertThat(r.pack().rules()).extracting(x -> x.meta().title()).containsExactly("A");
        Issue dup = r.pack().issues().get(0);
        assertThat(golden(r.pack().issues())).containsExactly("DUPLICATE_ID@3:5");
        assertThat(dup.location().source()).isEqualTo(dir.resolve("b.yml").toString());
        assertThat(dup.message()).contains(dir.resolve("a.yml") + ":2:5");
        assertThat(dup.context()).isEqualTo("id: 11111111-1111-4111-8111-111111111111");
        assertThat(r.documents()).extracting(DocumentReport::hasErrors).containsExactly(false, true);
    }

    @Test
    void duplicateNamesAreErrors() {
        LoadResult r = load(rule("A", null, "same"), rule("B", null, "same"));
        assertThat(golden(r.pack().issues())).containsExactly("DUPLICATE_NAME@7:7");
        assertThat(r.pack().issues().get(0).message()).contains("p.yml:2:7");
        assertThat(r.pack().rules()).hasSize(1);
    }

    @Test
    void correlationsResolveRulesByIdAndByName() {
        LoadResult r = load(correlation("c", "22222222-2222-4222-8222-222222222222", "second"),
                rule("First", "22222222-2222-4222-8222-222222222222", null), rule("Second", null, "second"));
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.pack().correlations()).hasSize(1);
    }

    @Test
    void unknownReferenceIsLocatedAtTheReference() {
        LoadResult r = load(correlation("c", "known", "unknown"), rule("Known", null, "known"));
        assertThat(golden(r.pack().issues())).containsExactly("UNKNOWN_RULE_REFERENCE@5:20");
        assertThat(r.pack().issues().get(0).message()).contains("'unknown'");
        assertThat(r.pack().issues().get(0).context()).isEqualTo("    rules: [known, unknown]");
        assertThat(r.pack().correlations()).isEmpty();
        assertThat(r.pack().rules()).hasSize(1);
    }

    @Test
    void referenceToARuleThatFailedSaysSo() {
        LoadResult r = load(correlation("c", "broken"), rule("Broken", null, "broken").replace("condition: selection",
                "condition: missing"));
        assertThat(golden(r.pack().issues())).containsExactly("UNKNOWN_RULE_REFERENCE@5:13", "UNDEFINED_IDENTIFIER@12:38");
        assertThat(r.pack().issues().get(0).message()).contains("did not load", "p.yml:9:1");
    }

    @Test
    void referenceToAFilterIsAnError() {
        String filter = "title: f\nname: f\nlogsource: {product: windows}\nfilter: {rules: [r], selection: x, "
                + "condition: selection}\n";
        LoadResult r = load(correlation("c", "f"), filter, rule("R", null, "r"));
        assertThat(golden(r.pack().issues())).containsExactly("UNKNOWN_RULE_REFERENCE@5:13");
        assertThat(r.pack().issues().get(0).message()).contains("is a filter");
    }

    @Test
    void chainedCorrelationsLoad() {
        LoadResult r = load(correlation("outer", "inner", "r"), correlation("inner", "r"), rule("R", null, "r"));
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.pack().correlations()).extracting(CorrelationRule::rules)
                .containsExactly(List.of("inner", "r"), List.of("r"));
    }

    @Test
    void cyclesAreReportedOnEveryMemberAndBreakWhatDependsOnThem() {
        LoadResult r = load(correlation("a", "b"), correlation("b", "a"), correlation("self", "self"),
                correlation("user", "a"));
        assertThat(golden(r.pack().issues())).containsExactly("CORRELATION_CYCLE@5:13", "CORRELATION_CYCLE@13:13",
                "CORRELATION_CYCLE@21:13", "UNKNOWN_RULE_REFERENCE@29:13");
        assertThat(r.pack().issues().get(0).message()).contains("a -> b -> a");
        assertThat(r.pack().issues().get(2).message()).contains("self -> self");
        assertThat(r.pack().issues().get(3).message()).contains("did not load");
        assertThat(r.pack().correlations()).isEmpty();
    }

    @Test
    void rejectionCascadesThroughChains() {
        LoadResult r = load(correlation("top", "middle"), correlation("middle", "bottom"),
                correlation("bottom", "nothing"));
        assertThat(golden(r.pack().issues())).containsExactly("UNKNOWN_RULE_REFERENCE@5:13",
                "UNKNOWN_RULE_REFERENCE@13:13", "UNKNOWN_RULE_REFERENCE@21:13");
        assertThat(r.pack().correlations()).isEmpty();
    }
}
