package dev.edr.core.internal.match;

import static dev.edr.core.testkit.Rules.glob;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextMatchersTest {
    private static boolean ci(String sigma, String text) {
        return TextMatchers.compile(glob(sigma), false).matches(text.toLowerCase(Locale.ROOT));
    }

    private static boolean cased(String sigma, String text) {
        return TextMatchers.compile(glob(sigma), true).matches(text);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "cmd.exe|CMD.EXE|true",
            "cmd.exe|'cmd.exe '|false",
            "cmd*|Cmd.exe|true",
            "cmd*|xcmd|false",
            "*.exe|a.EXE|true",
            "*.exe|a.exe.txt|false",
            "*whoami*|c:\\WHOAMI.exe|true",
            "*whoami*|who ami|false",
            "ab*ba|aba|false",
            "ab*ba|abba|true",
            "ab*ba|abXXba|true",
            "*|anything|true",
            "a?c|abc|true",
            "a?c|ac|false",
            "a?c|abbc|false",
            "*a?c*|xxabcxx|true",
            "?|''|false",
            "*a*b*c|aXbYc|true",
            "*a*b*c|aXcYb|false",
            "a*b?d*e|aXbcdYe|true",
            "a*b?d*e|aXbcdY|false",
            "*ab?|xxabab|false",
            "*ab?|xxabcab|false",
            "*ab?|xxabcabz|true",
            "*??|x|false",
            "*??|xy|true",
            "a\\*b|a*b|true",
            "a\\*b|axb|false",
            "a\\?b|axb|false",
    })
    void caseInsensitiveShapes(String sigma, String text, boolean expected) {
        assertThat(ci(sigma, "''".equals(text) ? "" : text)).isEqualTo(expected);
    }

    @Test
    void emptyGlobMatchesOnlyEmpty() {
        assertThat(ci("", "")).isTrue();
        assertThat(ci("", "x")).isFalse();
    }

    @Test
    void casedComparesExactly() {
        assertThat(cased("*Evil*", "xxEvilxx")).isTrue();
        assertThat(cased("*Evil*", "xxevilxx")).isFalse();
        assertThat(cased("A?C", "AbC")).isTrue();
        assertThat(cased("A?C", "abc")).isFalse();
    }

    @Test
    void caseInsensitivityIsUnicodeAware() {
        assertThat(ci("*ÄRGER*", "viel ärger hier")).isTrue();
        assertThat(ci("ΣΟΦΙΑ", "σοφια")).isTrue();
        assertThat(ci("straße", "STRASSE")).isFalse(); // lower-casing does not fold ß
    }

    @Test
    void questionMarkIsOneCodePoint() {
        String smile = "\uD83D\uDE00"; // one code point, two chars
        assertThat(ci("a?b", "a" + smile + "b")).isTrue();
        assertThat(ci("a??b", "a" + smile + "b")).isFalse();
        assertThat(ci("*?", smile)).isTrue();
        assertThat(ci("*??", smile)).isFalse();
        assertThat(ci("x*?" + "y", "x" + smile + "y")).isTrue();
    }

    @Test
    void pathologicalGlobTerminates() {
        String text = "a".repeat(20_000);
        assertThat(ci("*a*a*a*a*a*a*a*a*a*a*b", text)).isFalse();
        assertThat(ci("*a?a?a?a?a?a?b*", text)).isFalse();
        assertThat(ci("*a?a?a?a?a?a?a", text)).isTrue();
    }
}
