package dev.edr.dsl.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every condition of the public SigmaHQ corpus (read from {@code ../shared/sigma}, never copied into the repo) must
 * parse given its detection's identifiers, and every legacy aggregation in {@code unsupported} must be rejected with
 * the legacy code. The YAML is read with snakeyaml-engine's plain API so this test does not depend on our reader.
 */
class SigmaCorpusConditionTest {
    private static final List<String> SUPPORTED_DIRS = List.of("rules", "rules-emerging-threats",
            "rules-threat-hunting", "rules-placeholder", "rules-compliance", "deprecated");
    private static final Pattern AGGREGATION = Pattern.compile("\\|\\s*(count|min|max|avg|sum)\\s*\\(");
    private static final Pattern NEAR = Pattern.compile("\\|\\s*near\\b");

    record CorpusCondition(Path file, Object condition, List<String> identifiers) {}

    @Test
    void everySupportedCorpusConditionParsesWithoutErrors() throws IOException {
        Path sigma = sigmaDir();
        List<CorpusCondition> conditions = new ArrayList<>();
        for (String dir : SUPPORTED_DIRS) {
            conditions.addAll(conditionsUnder(sigma.resolve(dir)));
        }
        assertThat(conditions).as("conditions found in the corpus").hasSizeGreaterThan(3000);

        List<String> failures = new ArrayList<>();
        int legacy = 0;
        for (CorpusCondition c : conditions) {
            Diagnostics diag = new Diagnostics(c.file().toString(), "");
            Condition tree = ConditionParser.parse(toNode(c), c.identifiers(), diag);
            List<Issue> errors = diag.issues().stream().filter(Issue::isError).toList();
            if (isLegacy(c.condition())) {
                // deprecated/ keeps a v1 rule with '| count() by'; it must be rejected with the legacy code only
                legacy++;
                boolean onlyLegacy = errors.stream().allMatch(SigmaCorpusConditionTest::isLegacyIssue);
                if (tree != null || errors.isEmpty() || !onlyLegacy) {
                    failures.add(c.file() + ": " + c.condition() + " -> " + errors);
                }
            } else if (tree == null || !errors.isEmpty()) {
                failures.add(c.file() + ": " + c.condition() + " -> " + errors);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(legacy).as("legacy conditions in the supported folders").isLessThan(5);
    }

    @Test
    void everyLegacyAggregationInUnsupportedIsRejectedWithTheLegacyCode() throws IOException {
        List<CorpusCondition> conditions = conditionsUnder(sigmaDir().resolve("unsupported"));
        List<String> failures = new ArrayList<>();
        int aggregations = 0;
        int nears = 0;
        for (CorpusCondition c : conditions) {
            String text = String.valueOf(c.condition());
            IssueCode expected = NEAR.matcher(text).find() ? IssueCode.LEGACY_NEAR
                    : AGGREGATION.matcher(text).find() ? IssueCode.LEGACY_AGGREGATION : null;
            if (expected == null) {
                continue;
            }
            if (expected == IssueCode.LEGACY_NEAR) {
                nears++;
            } else {
                aggregations++;
            }
            Diagnostics diag = new Diagnostics(c.file().toString(), "");
            Condition tree = ConditionParser.parse(toNode(c), c.identifiers(), diag);
            List<IssueCode> codes = diag.issues().stream().filter(Issue::isError).map(Issue::code).toList();
            if (tree != null || !codes.contains(expected)) {
                failures.add(c.file() + ": " + text + " -> " + diag.issues());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(aggregations).as("aggregations in unsupported/").isGreaterThan(30);
        assertThat(nears).as("near conditions in unsupported/").isGreaterThan(5);
    }

    private static boolean isLegacy(Object condition) {
        String text = String.valueOf(condition);
        return AGGREGATION.matcher(text).find() || NEAR.matcher(text).find();
    }

    private static boolean isLegacyIssue(Issue i) {
        return i.code() == IssueCode.LEGACY_AGGREGATION || i.code() == IssueCode.LEGACY_NEAR;
    }

    private static YNode toNode(CorpusCondition c) {
        SourceLocation at = new SourceLocation(c.file().toString(), 1, 1);
        if (c.condition() instanceof List<?> list) {
            List<YNode> items = new ArrayList<>();
            for (Object o : list) {
                items.add(new YScalar(String.valueOf(o), String.valueOf(o), YScalar.Style.PLAIN, at));
            }
            return new YSeq(items, at);
        }
        String text = String.valueOf(c.condition());
        return new YScalar(text, text, YScalar.Style.PLAIN, at);
    }

    static List<CorpusCondition> conditionsUnder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        List<CorpusCondition> out = new ArrayList<>();
        for (Path file : files) {
            try {
                addConditions(file, out);
            } catch (RuntimeException e) {
                throw new AssertionError("cannot read " + file, e);
            }
        }
        return out;
    }

    private static void addConditions(Path file, List<CorpusCondition> out) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // snakeyaml-engine 2.9 fails on a surrogate pair split by its read buffer (emoji rules): buffer the whole file
        Load load = new Load(LoadSettings.builder().setLabel(file.toString()).setBufferSize(text.length() + 2).build());
        for (Object doc : load.loadAllFromString(text)) {
            if (doc instanceof Map<?, ?> rule && rule.get("detection") instanceof Map<?, ?> detection
                    && detection.get("condition") != null) {
                List<String> identifiers = new ArrayList<>();
                for (Object key : detection.keySet()) {
                    String name = String.valueOf(key);
                    if (!name.equals("condition") && !name.equals("timeframe")) {
                        identifiers.add(name);
                    }
                }
                out.add(new CorpusCondition(file, detection.get("condition"), identifiers));
            }
        }
    }

    /** {@code shared/sigma} next to the repository root: walk up from the module directory. */
    static Path sigmaDir() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("sigma");
            if (Files.isDirectory(candidate.resolve("rules"))) {
                return candidate;
            }
        }
        assumeTrue(false, "the SigmaHQ corpus (../shared/sigma) is not beside the repository");
        return null;
    }
}
