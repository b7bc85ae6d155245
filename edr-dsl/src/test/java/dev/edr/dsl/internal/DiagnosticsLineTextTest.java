package dev.edr.dsl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Diagnostics#lineText} finds lines without splitting the text: it must quote what a split by line would. */
class DiagnosticsLineTextTest {
    private static final List<String> TEXTS = List.of("", "a", "a\n", "\n", "a\nb", "a\r\nb\r\n", "a\rb\nc",
            "x\r\r\ny", "\r\n\r\n", "one\n\ntwo\n\n", "tab\there\n  indented: ’quote’ \uD83D\uDE00\n",
            "long " + "x".repeat(400) + "\nshort", "x".repeat(300) + "\n" + "y".repeat(301));

    @Test
    void quotesEveryLineAsASplitAtLineBreaksWould() {
        for (String text : TEXTS) {
            String[] lines = text.split("\r?\n", -1);
            Diagnostics diag = new Diagnostics("t.yml", text);
            for (int line = -1; line <= lines.length + 2; line++) {
                String expected = line < 1 || line > lines.length ? ""
                        : lines[line - 1].length() > 300 ? lines[line - 1].substring(0, 300) + "…" : lines[line - 1];
                assertThat(diag.lineText(line)).as("line %d of %s", line, text.replace("\r", "\\r")
                        .replace("\n", "\\n")).isEqualTo(expected);
            }
        }
    }

    @Test
    void withoutTextEveryLineIsEmpty() {
        assertThat(new Diagnostics("t.yml", null).lineText(1)).isEmpty();
    }
}
