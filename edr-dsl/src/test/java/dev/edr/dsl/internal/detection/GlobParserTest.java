package dev.edr.dsl.internal.detection;

import static dev.edr.dsl.internal.detection.Fixture.MANY;
import static dev.edr.dsl.internal.detection.Fixture.ONE;
import static dev.edr.dsl.internal.detection.Fixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec's "Escape Character" section, case by case. Java literals double each backslash. */
class GlobParserTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // raw Sigma value, expected segments
                Arguments.of("", List.of()),
                Arguments.of("plain", List.of(t("plain"))),
                Arguments.of("\\", List.of(t("\\"))), // lone backslash: literal
                Arguments.of("\\\\", List.of(t("\\"))), // \\ : one backslash
                Arguments.of("\\*", List.of(t("*"))), // \* : literal star
                Arguments.of("\\?", List.of(t("?"))), // \? : literal question mark
                Arguments.of("\\\\*", List.of(t("\\"), MANY)), // \\* : backslash then wildcard
                Arguments.of("\\\\?", List.of(t("\\"), ONE)), // \\? : backslash then one-char wildcard
                Arguments.of("\\\\\\*", List.of(t("\\*"))), // \\\* : backslash, literal star
                Arguments.of("\\\\\\?", List.of(t("\\?"))), // \\\? : backslash, literal question mark
                Arguments.of("\\\\\\", List.of(t("\\\\"))), // \\\ : three are a double backslash
                Arguments.of("\\\\\\\\", List.of(t("\\\\"))), // \\\\ : four are a double backslash
                Arguments.of("\\\\\\\\*", List.of(t("\\\\"), MANY)), // \\\\* : two backslashes, wildcard
                Arguments.of("a\\", List.of(t("a\\"))), // trailing backslash: literal
                Arguments.of("\\a", List.of(t("\\a"))), // backslash before a letter: literal
                Arguments.of("C:\\Windows\\System32\\", List.of(t("C:\\Windows\\System32\\"))),
                Arguments.of("C:\\\\Windows\\\\System32\\\\", List.of(t("C:\\Windows\\System32\\"))),
                Arguments.of("*\\cmd.exe", List.of(MANY, t("\\cmd.exe"))),
                Arguments.of("\\\\server\\share\\*", List.of(t("\\server\\share*"))),
                Arguments.of("prog?.exe", List.of(t("prog"), ONE, t(".exe"))),
                Arguments.of("antivirus_V*.exe", List.of(t("antivirus_V"), MANY, t(".exe"))),
                Arguments.of("**a**", List.of(MANY, t("a"), MANY)), // runs of * collapse
                Arguments.of("*?", List.of(MANY, ONE)),
                Arguments.of("%name%", List.of(t("%name%"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void escapingFollowsTheSpec(String raw, List<Glob.Segment> expected) {
        assertThat(GlobParser.parse(raw).segments()).isEqualTo(expected);
    }

    @Test
    void singleQuotedYamlKeepsBackslashesForSigmaToInterpret() {
        // YAML single quotes do not process backslashes; Sigma does
        Fixture f = Fixture.item("Image: 'C:\\Windows\\*\\\\*.exe'");
        assertThat(f.value()).isEqualTo(Fixture.str(t("C:\\Windows*\\"), MANY, t(".exe")));
    }

    @Test
    void doubleQuotedYamlUnescapesFirst() {
        // "\\\\*" in YAML double quotes is \\* for Sigma: a backslash followed by a wildcard
        Fixture f = Fixture.item("Image: \"a\\\\\\\\*\"");
        assertThat(f.value()).isEqualTo(new ValueMatch.StringMatch(Glob.of(List.of(t("a\\"), MANY)), false));
    }
}
