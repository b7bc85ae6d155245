package dev.edr.dsl;

import static dev.edr.dsl.LoadAssertions.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from the file system: discovery order, source names and file-level problems. */
class RuleLoaderFilesTest {
    @TempDir
    Path dir;

    private static String rule(String title) {
        return "title: " + title + "\nlogsource: {product: windows}\ndetection: {selection: x, condition: selection}\n";
    }

    private Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String relative, byte[] bytes) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    private static LoadResult load(Path... paths) {
        return StubSectionParsers.loader().load(List.of(paths));
    }

    @Test
    void directoriesAreWalkedInNameOrderSkippingHiddenAndNonYamlFiles() throws IOException {
        write("b/z.yml", rule("bz"));
        write("b/a.yaml", rule("ba"));
        write("a.YML", rule("a"));
        write("c.txt", rule("txt"));
        write(".hidden/x.yml", rule("hidden dir"));
        write("b/.y.yml", rule("hidden file"));
        LoadResult r = load(dir);
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.pack().rules()).extracting(x -> x.meta().title()).containsExactly("a", "ba", "bz");
        assertThat(r.documents()).extracting(d -> d.location().source()).containsExactly(
                dir.resolve("a.YML").toString(), dir.resolve("b/a.yaml").toString(), dir.resolve("b/z.yml").toString());
    }

    @Test
    void anExplicitFileIsReadWhateverItsExtensionAndFilesAreReadOnce() throws IOException {
        Path txt = write("c.txt", rule("txt"));
        Path yml = write("r.yml", rule("r"));
        LoadResult r = load(txt, dir, yml);
        assertThat(r.pack().rules()).extracting(x -> x.meta().title()).containsExactly("txt", "r");
        assertThat(r.pack().issues()).isEmpty();
    }

    @Test
    void linksToFilesAreReadOnceAndLinksToDirectoriesAreNotFollowed() throws IOException {
        Path real = write("real/r.yml", rule("r"));
        write("real/sub/s.yml", rule("s"));
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/alias.yml"), real);
        Files.createSymbolicLink(dir.resolve("links/dir.yml"), dir.resolve("real/sub"));
        Files.createSymbolicLink(dir.resolve("links/subdir"), dir.resolve("real/sub"));
        Files.createSymbolicLink(dir.resolve("links/broken.yml"), dir.resolve("nowhere.yml"));
        Files.createSymbolicLink(dir.resolve("via"), dir.resolve("real"));
        LoadResult r = load(dir.resolve("links"), dir.resolve("real"), dir.resolve("via"), dir.resolve("real/sub"),
                dir.resolve("via/sub/s.yml"));
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.documents()).extracting(d -> d.location().source()).containsExactly(
                dir.resolve("links/alias.yml").toString(), dir.resolve("real/sub/s.yml").toString());
    }

    @Test
    void sourceNamesKeepTheUsersSpelling() throws IOException {
        Path relative = Path.of("target", "loader-files-test");
        Files.createDirectories(relative.resolve("sub"));
        Files.writeString(relative.resolve("sub/r.yml"), "title: [\n");
        LoadResult r = load(relative);
        assertThat(r.pack().issues()).singleElement().satisfies(i ->
                assertThat(i.location().source()).isEqualTo("target/loader-files-test/sub/r.yml".replace('/',
                        java.io.File.separatorChar)));
    }

    @Test
    void problemsWithGivenPathsKeepTheirPlaceInTheOrder() throws IOException {
        Path a = write("a.yml", rule("a"));
        Path b = write("b.yml", rule("b"));
        LoadResult r = load(a, dir.resolve("missing"), b);
        assertThat(r.documents()).extracting(DocumentReport::kind).containsExactly("rule", "file", "rule");
        assertThat(r.documents().get(1).location().source()).isEqualTo(dir.resolve("missing").toString());
    }

    @Test
    void aMissingPathIsAFileLevelError() {
        LoadResult r = load(dir.resolve("nope.yml"));
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("file");
            assertThat(golden(d.issues())).containsExactly("IO_ERROR@1:1");
        });
        assertThat(r.hasErrors()).isTrue();
    }

    @Test
    void invalidUtf8IsLocated() throws IOException {
        byte[] head = "title: x\nid: ab".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xFF;
        bytes[head.length + 1] = '\n';
        write("bad.yml", bytes);
        LoadResult r = load(dir);
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("file");
            assertThat(golden(d.issues())).containsExactly("IO_ERROR@2:7");
            assertThat(d.issues().get(0).message()).contains("UTF-8", "0xFF");
            assertThat(d.issues().get(0).context()).startsWith("id: ab");
        });
    }

    @Test
    void binaryGarbageIsAnErrorNotACrash() throws IOException {
        byte[] garbage = new byte[8192];
        new Random(7).nextBytes(garbage);
        write("garbage.yml", garbage);
        LoadResult r = load(dir);
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("file");
            assertThat(d.issues()).singleElement().satisfies(i -> {
                assertThat(i.code().name()).isEqualTo("IO_ERROR");
                assertThat(i.location().line()).isPositive();
            });
        });
    }

    @Test
    void nulBytesAreALocatedSyntaxError() throws IOException {
        write("nul.yml", "title: a\u0000b\n");
        assertThat(golden(load(dir).pack().issues())).containsExactly("YAML_SYNTAX@1:9");
    }

    @Test
    void anEmptyFileIsOnlyAWarning() throws IOException {
        write("empty.yml", "");
        write("comments.yml", "# nothing here\n");
        LoadResult r = load(dir);
        assertThat(r.documents()).extracting(DocumentReport::kind).containsExactly("file", "file");
        assertThat(r.pack().issues()).allSatisfy(i -> {
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.code().name()).isEqualTo("EMPTY_FILE");
        });
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    void aTooLargeFileIsRefusedBeforeReading() throws IOException {
        write("big.yml", rule("x".repeat(2_000)));
        LoadResult small = new YamlRuleLoader(new Limits(1_000, 64, 50, 20_000, 256_000, 4_096),
                StubSectionParsers.INSTANCE).load(List.of(dir));
        assertThat(golden(small.pack().issues())).containsExactly("YAML_LIMIT@1:1");
        assertThat(small.documents()).extracting(DocumentReport::kind).containsExactly("file");
    }

    @Test
    void everyDocumentOfAMultiDocumentFileIsReported() throws IOException {
        write("multi.yml", rule("one") + "---\n" + rule("two").replace("condition: selection", "condition: x")
                + "---\ntitle: three\n");
        LoadResult r = load(dir);
        assertThat(r.documents()).extracting(DocumentReport::kind, DocumentReport::title, DocumentReport::hasErrors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rule", "one", false),
                        org.assertj.core.groups.Tuple.tuple("rule", "two", true),
                        org.assertj.core.groups.Tuple.tuple("unknown", "three", true));
        assertThat(r.documents()).extracting(d -> d.location().line()).containsExactly(1, 5, 9);
        assertThat(r.pack().rules()).hasSize(1);
    }

    @Test
    void aSyntaxErrorInsideADocumentStillNamesIt() throws IOException {
        write("broken.yml", "title: Broken rule\nid: 9\ndetection:\n    sel: [a,\n");
        LoadResult r = load(dir);
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("rule");
            assertThat(d.title()).isEqualTo("Broken rule");
            assertThat(golden(d.issues())).containsExactly("YAML_SYNTAX@5:1");
        });
    }

    @Test
    void aSyntaxErrorBeforeAnyDocumentIsFileLevel() throws IOException {
        write("directive.yml", "%YAML 1.2\n%YAML 1.2\n---\ntitle: x\n");
        LoadResult r = load(dir);
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("file");
            assertThat(golden(d.issues())).containsExactly("YAML_SYNTAX@2:1");
        });
    }
}
