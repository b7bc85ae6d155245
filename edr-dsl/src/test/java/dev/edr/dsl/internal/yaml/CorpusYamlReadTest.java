package dev.edr.dsl.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edr.core.diag.Issue;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.testutil.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the public SigmaHQ corpus and the spec's examples with the YAML reader alone (no detection parsing):
 * every file must read without a YAML problem under the default limits.
 */
class CorpusYamlReadTest {

    @ParameterizedTest
    @ValueSource(strings = {"sigma/rules", "sigma/rules-emerging-threats", "sigma/rules-threat-hunting",
            "sigma/rules-placeholder", "sigma/rules-compliance", "sigma/deprecated", "sigma-spec/tests"})
    void everyFileReadsWithoutIssues(String corpus) throws IOException {
        Optional<Path> dir = SharedData.find(corpus);
        assumeTrue(dir.isPresent(), "shared/" + corpus + " is not present");
        YamlReader reader = new YamlReader(Limits.DEFAULTS);
        List<Path> files = SharedData.yamlFiles(dir.get());
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        int documents = 0;
        for (Path file : files) {
            SourceText text = SourceText.decode(Files.readAllBytes(file));
            assertThat(text.isValid()).as(file.toString()).isTrue();
            Diagnostics diag = new Diagnostics(file.toString(), text.text());
            YamlStream stream = reader.read(text.text(), diag);
            diag.issues().stream().map(Issue::headline).forEach(problems::add);
            documents += stream.documents().size();
            stream.documents().forEach(d -> assertThat(d.root()).as(file.toString()).isInstanceOf(YMap.class));
        }
        assertThat(problems).isEmpty();
        assertThat(documents).isGreaterThanOrEqualTo(files.size());
    }
}
