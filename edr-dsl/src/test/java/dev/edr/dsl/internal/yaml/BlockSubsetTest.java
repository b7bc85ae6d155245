package dev.edr.dsl.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edr.dsl.testutil.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * {@link BlockSubset} stands in for snakeyaml on the texts it accepts: whenever it yields events, snakeyaml must parse
 * the same text without error into the same events (what the tree builder reads of them: kinds, values, styles,
 * anchors, tags and start marks).
 */
class BlockSubsetTest {

    /** snakeyaml's events without stream start and end, or null when it fails anywhere in the text. */
    private static List<String> snakeyaml(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel("t.yml").setBufferSize(Math.max(1024, text.length() + 1))
                .build();
        List<String> out = new ArrayList<>();
        try {
            ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
            while (parser.hasNext()) {
                Event e = parser.next();
                if (e.getEventId() != Event.ID.StreamStart && e.getEventId() != Event.ID.StreamEnd) out.add(describe(e));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }

    private static List<String> subset(String text) {
        List<Event> events = BlockSubset.events(text, "t.yml");
        return events == null ? null : events.stream().map(BlockSubsetTest::describe).toList();
    }

    private static String describe(Event e) {
        StringBuilder s = new StringBuilder(e.getEventId().toString());
        if (e instanceof NodeEvent n) {
            s.append(" anchor=").append(n.getAnchor().map(Object::toString).orElse("-"));
        }
        if (e instanceof ScalarEvent sc) {
            s.append(" tag=").append(sc.getTag().orElse("-")).append(" style=").append(sc.getScalarStyle())
                    .append(" value=[").append(sc.getValue()).append(']');
        }
        if (e instanceof CollectionStartEvent c) {
            s.append(" tag=").append(c.getTag().orElse("-")).append(" flow=").append(c.getFlowStyle());
        }
        if (e instanceof NodeEvent || e.getEventId() == Event.ID.DocumentStart) {
            s.append(" at=").append(e.getStartMark().map(m -> m.getLine() + ":" + m.getColumn() + "@" + m.getIndex())
                    .orElse("-"));
        }
        return s.toString();
    }

    private static void assertSameAsSnakeyaml(String text, String what) {
        List<String> mine = subset(text);
        if (mine != null) {
            assertThat(snakeyaml(text)).as("%s:%n%s", what, text).isEqualTo(mine);
        }
    }

    private static List<String> corpusTexts() throws IOException {
        Optional<Path> sigma = SharedData.find("sigma");
        assumeTrue(sigma.isPresent(), "shared/sigma is not present");
        List<String> texts = new ArrayList<>();
        for (Path f : SharedData.yamlFiles(sigma.get())) {
            String t = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            texts.add(t.startsWith("\uFEFF") ? t.substring(1) : t);
        }
        return texts;
    }

    @Test
    void readsNearlyEveryCorpusFileExactlyAsSnakeyamlDoes() throws IOException {
        List<String> texts = corpusTexts();
        int read = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            List<String> mine = subset(text);
            if (mine != null) {
                read++;
                assertThat(snakeyaml(text)).as("corpus file %d", i).isEqualTo(mine);
            }
        }
        System.out.println("corpus: " + texts.size() + " files, " + read + " read without snakeyaml");
        assertThat(read).as("files read without snakeyaml").isGreaterThan(texts.size() * 9 / 10);
    }

    @Test
    void mutatedCorpusFilesAreEitherLeftToSnakeyamlOrReadTheSame() throws IOException {
        List<String> texts = corpusTexts();
        Random random = new Random(20261127);
        String palette = " \n:-#'\"|>[]{}&*!?%@`,\\~0aZ.\u00e9\uD83D\uDE00\t\t";
        int tried = 0;
        int accepted = 0;
        for (int i = 0; i < texts.size(); i++) {
            String original = texts.get(i);
            for (int m = 0; m < 6; m++) {
                String text = mutate(original, random, palette);
                tried++;
                if (subset(text) != null) {
                    accepted++;
                    assertSameAsSnakeyaml(text, "mutation of corpus file " + i);
                }
            }
        }
        System.out.println("mutations: " + tried + " tried, " + accepted + " read without snakeyaml");
        assertThat(accepted).as("mutations the subset reads (else this test proves little)").isGreaterThan(tried / 4);
    }

    private static String mutate(String text, Random random, String palette) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            int lineStart = s.lastIndexOf("\n", at) + 1;
            int lineEnd = s.indexOf("\n", at);
            if (lineEnd < 0) lineEnd = s.length();
            switch (random.nextInt(8)) {
                case 0 -> s.insert(at, palette.charAt(random.nextInt(palette.length())));
                case 1 -> s.deleteCharAt(at);
                case 2 -> s.insert(lineStart, " ".repeat(1 + random.nextInt(4)));
                case 3 -> {
                    if (s.length() > lineStart && s.charAt(lineStart) == ' ') s.deleteCharAt(lineStart);
                }
                case 4 -> s.insert(lineStart, s.substring(lineStart, Math.min(s.length(), lineEnd + 1)));
                case 5 -> s.delete(lineStart, Math.min(s.length(), lineEnd + 1));
                case 6 -> s.insert(lineEnd, palette.charAt(random.nextInt(palette.length())));
                default -> s.replace(at, at + 1, String.valueOf(palette.charAt(random.nextInt(palette.length()))));
            }
        }
        return s.toString();
    }

    @Test
    void readsTheShapesRulesUse() {
        List<String> texts = List.of(
                "title: t\n",
                "# c\n\ntitle: t # c\nid: 'a''b' # c\nx: \"q\\\\ \\\" \\/ \\n \\t\"\n",
                "a:\n  b: c\n  d:\n  - e\n  -   'f'\n  - g: h\n    i: j\n  k: l\n",
                "a:\n- b\n- c\nd: e\n",
                "description: |\n    line one\n      indented\n\n    after a blank\n\nnext: x\n",
                "description: |-\n  x\n  y\n",
                "description: | # comment\n  x\n",
                "description: |\n  x",
                "a: b#c\nd: e  #  f\n'g': h\n\"i j\": k\n",
                "a: -x\nb: ~\nc: null\nd: 1.5\ne: not [flow], {x}\n",
                "a:\n    # comment\n    b: c\n# trailing\n",
                "tags:\n    - attack.t1059\n    - attack.execution\nlevel: high\n",
                "a: one\n  two   \n\n   three # c\nb:\n  - x\n    y\n\n\n    z\n  - w\nc: d\n",
                "a:\n- one\n  two\n# c\nb: x\n",
                "a: one\n  # c\nb: x\n",
                "a:\n", "a:\nb: c\n", "a:\n  b:\n  c: |\n    x\nd:   # c\n", "a: \"\\x41\\u00e9\\u0410\"\n",
                "a:\n  - :\\x'\n  - ?x\n:y: z\n",
                "a: b # \tc\n#\t\n",
                "condition:\n    a and\n    (\n        b\n    )\nx:\n  'y'\nz:\n    w # c\n",
                "t: \uD83D\uDE00 x\nu: '\uD83D\uDE00'\nv:\n    - \u00e9\uD83D\uDE00: \uD83D\uDE00\n");
        for (String text : texts) {
            assertThat(subset(text)).as(text).isNotNull();
            assertSameAsSnakeyaml(text, "shape");
        }
    }

    @Test
    void leavesEverythingElseToSnakeyaml() {
        List<String> texts = List.of(
                "", "# only a comment\n", "---\na: b\n", "a: b\n---\nc: d\n", "a: {b: c}\n", "a: [b]\n",
                "a: &x b\nc: *x\n", "a: !!str b\n", "a: >\n  folded\n", "a: |+\n  keep\n", "a: |2\n  x\n",
                "a: 'multi\n  line'\n", "- a\n", "a\tb: c\n",
                "a: b\r\n", "? a\n: b\n", "a: b: c\n", "a:\n  - - b\n", "a: \uD83D x\n",
                "a: b\n  c: d\n", "a: b # c\n  d\n", "a: b\n  - c\n",
                "a:\n  b: c\n d: e\n", "a: |\n\n  x\n", "a: |\n  x\n   \n  y\n");
        for (String text : texts) {
            assertThat(subset(text)).as(text).isNull();
        }
    }
}
