package dev.edr.dsl.internal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Selection;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bar for this parser: every detection of the public SigmaHQ corpus parses without error. The corpus is
 * read in place from the {@code shared/sigma} directory next to the repository (never copied into it).
 */
class SigmaCorpusTest {
    private static final List<String> FOLDERS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting",
            "rules-placeholder", "rules-compliance", "deprecated");

    static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("sigma");
            if (Files.isDirectory(candidate.resolve("rules"))) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void everyCorpusDetectionParsesWithoutError() throws IOException {
        Path root = corpus();
        Assumptions.assumeTrue(root != null, "the SigmaHQ corpus (shared/sigma) is not present");
        List<Path> files = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
                }
            }
        }
        List<Issue> errors = new ArrayList<>();
        Map<IssueCode, Integer> warnings = new TreeMap<>();
        int detections = 0;
        int selections = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            String source = root.relativize(file).toString();
            List<YNode> docs;
            try {
                docs = TestYaml.parseAll(source, text);
            } catch (RuntimeException e) {
                throw new AssertionError("cannot read " + source, e);
            }
            for (YNode doc : docs) {
                if (!(doc instanceof YMap map) || !(map.get("detection") instanceof YMap detection)) {
                    continue;
                }
                detections++;
                Diagnostics diag = new Diagnostics(source, text);
                Map<String, Selection> parsed = DetectionParser.parseSelections(detection, Limits.DEFAULTS, diag);
                selections += parsed.size();
                for (Issue issue : diag.issues()) {
                    if (issue.isError()) {
                        errors.add(issue);
                    } else {
                        warnings.merge(issue.code(), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("corpus: %d files, %d detections, %d selections; warnings by code: %s%n", files.size(),
                detections, selections, warnings);
        assertThat(files).hasSizeGreaterThan(3000);
        assertThat(errors).extracting(Issue::headline).isEmpty();
    }
}
