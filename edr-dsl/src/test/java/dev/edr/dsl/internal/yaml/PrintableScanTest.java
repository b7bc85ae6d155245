package dev.edr.dsl.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** The control-character scan takes a shortcut for printable ASCII; it must still agree with snakeyaml's rule. */
class PrintableScanTest {

    @Test
    void agreesWithSnakeyamlOnEveryBmpCharacter() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String text = "ab" + (char) c + "cd";
            boolean printable = StreamReader.isPrintable(c);
            assertThat(YamlReader.firstUnprintable(text)).as("U+%04X", c).isEqualTo(printable ? -1 : 2);
        }
    }

    @Test
    void whatTheBlockReaderAcceptsIsPrintableSoTheScanCanBeSkipped() {
        for (int c = 0; c <= 0xFFFF; c++) {
            if (SubsetText.of("ab" + (char) c + "cd", "t.yml") != null) {
                assertThat(StreamReader.isPrintable(c)).as("U+%04X", c).isTrue();
            }
        }
        assertThat(SubsetText.of("a\uD83D\uDE00b", "t.yml")).isNotNull();
        assertThat(SubsetText.of("a\uD83Db", "t.yml")).isNull();
        assertThat(SubsetText.of("a\uDE00\uD83D", "t.yml")).isNull();
    }

    /** Exactly these characters: tabs, line feeds and printable characters other than the line and paragraph
     *  separators and the byte order mark (a carriage return sends the text to snakeyaml). */
    @Test
    void theBlockReaderAcceptsTabsAndPrintableCharacters() {
        for (int c = 0; c <= 0xFFFF; c++) {
            boolean expected = c == '\t' || c == '\n' || c >= 0x20 && c < 0x7F
                    || c >= 0xA0 && c != 0x2028 && c != 0x2029 && c != 0xFEFF && c < 0xFFFE && !Character.isSurrogate((char) c);
            assertThat(SubsetText.of("ab" + (char) c + "cd", "t.yml") != null).as("U+%04X", c).isEqualTo(expected);
        }
    }

    /**
     * Latin-1 texts are tested as ISO-8859-1 bytes, where any other character reads as '?': a real '?', one that
     * stands for another character, and a surrogate pair (one '?' for two chars) must all be told apart, and both
     * paths must count the same lines.
     */
    @Test
    void questionMarksAndOtherCharactersAreToldApart() {
        assertThat(SubsetText.of("a: '?'\nb: x?\n", "t.yml").lines).isEqualTo(3);
        assertThat(SubsetText.of("a: '?'\nb: x\u2019?\n", "t.yml").lines).isEqualTo(3);
        assertThat(SubsetText.of("a: '?'\nb: \uD83D\uDE00?\nc", "t.yml").lines).isEqualTo(3);
        assertThat(SubsetText.of("a: '?'\nb: x\u2028?\n", "t.yml")).isNull();
        assertThat(SubsetText.of("a: '?'\nb: \uD83D?\n", "t.yml")).isNull();
        assertThat(SubsetText.of("a: '?'\u0085\n", "t.yml")).isNull();
        assertThat(SubsetText.of("a: '\u00e9\u00ff'\n\tb\n", "t.yml").lines).isEqualTo(3);
    }

    @Test
    void acceptsSurrogatePairsAndRejectsLoneSurrogates() {
        assertThat(YamlReader.firstUnprintable("a\uD83D\uDE00b")).isEqualTo(-1);
        assertThat(YamlReader.firstUnprintable("a\uD83Db")).isEqualTo(1);
        assertThat(YamlReader.firstUnprintable("a\uDE00\uD83D")).isEqualTo(1);
        assertThat(YamlReader.firstUnprintable("ab\uD83D")).isEqualTo(2);
    }

    @Test
    void locatesTheControlCharacterByLineAndCodePointColumn() {
        String yaml = "title: x\r\n\uD83D\uDE00 \u00e9x: \u0001\n";
        Diagnostics diag = new Diagnostics("t.yml", yaml);
        YamlStream s = new YamlReader(Limits.DEFAULTS).read(yaml, diag);
        assertThat(s.documents()).isEmpty();
        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.YAML_SYNTAX);
            assertThat(i.location()).hasToString("t.yml:2:7");
            assertThat(i.message()).contains("U+0001");
        });
    }
}
