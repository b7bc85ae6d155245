package dev.edr.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edr.dsl.internal.document.SectionParsers;
import dev.edr.dsl.testutil.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are read on several threads; what a load returns must not show it: the same rules, documents, issues
 * (file:line:column and messages) and playbooks, in the same order, as a load on one thread, run after run.
 */
class ParallelLoadDeterminismTest {

    private static LoadResult load(int threads, List<Path> paths) {
        return new YamlRuleLoader(Limits.DEFAULTS, SectionParsers.sigma(), threads).load(paths);
    }

    @Test
    void theCorpusLoadsTheSameOnOneThreadAndOnSeveral() {
        List<Path> dirs = new ArrayList<>();
        for (String d : List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "deprecated",
                "unsupported")) {
            Optional<Path> p = SharedData.find("sigma/" + d);
            assumeTrue(p.isPresent(), "shared/sigma/" + d + " is not present");
            dirs.add(p.get());
        }
        LoadResult sequential = load(1, dirs);
        assertThat(sequential.pack().rules()).hasSizeGreaterThan(3_000);
        assertThat(sequential.pack().issues()).isNotEmpty();
        for (int threads : new int[] {2, 4}) {
            assertThat(load(threads, dirs)).as("%d threads", threads).isEqualTo(sequential);
        }
    }

    @Test
    void brokenFilesReportTheSameIssuesInTheSameOrder(@TempDir Path dir) throws IOException {
        List<String> broken = List.of(
                "title: t\nlogsource: {product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel and\n",
                "title: [unclosed\n",
                "title: t\ntitle: again\nlogsource: {product: windows}\ndetection: {sel: {a: 1}, condition: sel}\n",
                "\u0000binary",
                "",
                "title: t\nid: not-a-uuid\nlogsource: {product: windows}\ndetection:\n  sel:\n    a|nosuch: 1\n"
                        + "  condition: sel\n",
                "title: t\nlogsource: {product: windows}\ndetection:\n  sel: {a: 1}\n  unused: {b: 2}\n"
                        + "  condition: sel\n---\ntitle: second\n");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Path f = dir.resolve(String.format("f%03d.yml", i));
            Files.writeString(f, broken.get(i % broken.size()));
            files.add(f);
        }
        files.add(dir.resolve("missing.yml"));
        LoadResult sequential = load(1, List.of(dir, dir.resolve("missing.yml")));
        assertThat(sequential.pack().issues()).hasSizeGreaterThan(100);
        for (int run = 0; run < 3; run++) {
            assertThat(load(3, List.of(dir, dir.resolve("missing.yml")))).isEqualTo(sequential);
            assertThat(load(4, files)).isEqualTo(load(1, files));
        }
    }
}
