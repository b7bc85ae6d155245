package dev.edr.dsl.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.conformance.Expectations.ExpectedIssue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected.txt format of the conformance suite (documented in the conformance folder's README.md). */
class ExpectationsTest {
    @TempDir
    Path dir;

    private Expectations read(String text) throws IOException {
        Path file = dir.resolve("expected.txt");
        Files.writeString(file, text);
        return Expectations.read(file);
    }

    @Test
    void readsMatchesIssuesAndComments() throws IOException {
        Expectations e = read("""
                # a comment
                Title: with colon: 0 2, 5   # trailing comment
                other rule: none

                error: condition_syntax 3:16
                warning: UNUSED_IDENTIFIER 7:5
                engine-error: UNSUPPORTED_FEATURE 6:9
                engine-warning: UNKNOWN_RULE_REFERENCE 10:1
                """);
        assertThat(e.matches()).containsOnlyKeys("Title: with colon", "other rule");
        assertThat(e.matches().get("Title: with colon")).containsExactly(0L, 2L, 5L);
        assertThat(e.matches().get("other rule")).isEmpty();
        assertThat(e.loadErrors()).containsExactly(new ExpectedIssue(IssueCode.CONDITION_SYNTAX, 3, 16));
        assertThat(e.loadWarnings()).containsExactly(new ExpectedIssue(IssueCode.UNUSED_IDENTIFIER, 7, 5));
        assertThat(e.engineErrors()).containsExactly(new ExpectedIssue(IssueCode.UNSUPPORTED_FEATURE, 6, 9));
        assertThat(e.engineWarnings()).containsExactly(new ExpectedIssue(IssueCode.UNKNOWN_RULE_REFERENCE, 10, 1));
    }

    @Test
    void rejectsMalformedLines() {
        assertThatThrownBy(() -> read("rule: 1 x\n")).hasMessageContaining("'x' is not an event index");
        assertThatThrownBy(() -> read("rule: \n")).hasMessageContaining("is not an event index");
        assertThatThrownBy(() -> read("no colon here\n")).hasMessageContaining("expected.txt:1");
        assertThatThrownBy(() -> read("a: 1\na: 2\n")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> read("error: BAD_CODE 1:1\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("error: YAML_SYNTAX 1\n")).hasMessageContaining("CODE line:column");
    }
}
