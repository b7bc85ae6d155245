package dev.edr.core.internal.match;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.event.Event;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import dev.edr.core.rule.ValueMatch.Comparison;
import dev.edr.core.rule.ValueMatch.Position;
import dev.edr.core.rule.ValueMatch.TimeUnit;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSemanticsTest {
    private static final SourceLocation AT = SourceLocation.of("t.yml", 3, 5);

    private static boolean matches(Selection s, Map<String, ?> fields) {
        return DetectionCompiler.selection(s, AT).test(new EvalContext(Event.of(fields)));
    }

    private static Map<String, Object> withNull(String field) {
        Map<String, Object> m = new HashMap<>();
        m.put(field, null);
        return m;
    }

    @Test
    void numbersAndBooleansCompareAsText() {
        assertThat(matches(field("EventID", s("4688")), Map.of("EventID", 4688L))).isTrue();
        assertThat(matches(field("EventID", s("4688")), Map.of("EventID", 4688.0))).isTrue();
        assertThat(matches(field("EventID", s("46*")), Map.of("EventID", 4688))).isTrue();
        assertThat(matches(field("EventID", s("4689")), Map.of("EventID", 4688L))).isFalse();
        assertThat(matches(field("Enabled", s("TRUE")), Map.of("Enabled", true))).isTrue();
    }

    @Test
    void listMatchesWhenAnyElementMatchesAndMapsNever() {
        assertThat(matches(field("Hashes", s("*abc*")), Map.of("Hashes", List.of("x", "ABCD")))).isTrue();
        assertThat(matches(field("Hashes", s("*abc*")), Map.of("Hashes", List.of("x", List.of("zabc"))))).isTrue();
        assertThat(matches(field("Hashes", s("*abc*")), Map.of("Hashes", List.of("x", "y")))).isFalse();
        assertThat(matches(field("Obj", s("*")), Map.of("Obj", Map.of("a", "abc")))).isFalse();
        assertThat(matches(field("Obj", s("*abc*")), Map.of("Obj", List.of(Map.of("a", "abc"))))).isFalse();
    }

    @Test
    void valuesAreOredUnlessMatchAll() {
        Map<String, String> ev = Map.of("CommandLine", "net user /add evil");
        assertThat(matches(field("CommandLine", s("*nope*"), s("*user*")), ev)).isTrue();
        assertThat(matches(fieldAll("CommandLine", s("*nope*"), s("*user*")), ev)).isFalse();
        assertThat(matches(fieldAll("CommandLine", s("*/add*"), s("*user*")), ev)).isTrue();
    }

    /** A field name differing only in case is found, also through a Kelvin sign; the exact name comes first. */
    @Test
    void fieldNamesMatchCaseInsensitivelyByLowerCasing() {
        assertThat(matches(field("CommandLine", s("*evil*")), Map.of("commandLINE", "evil"))).isTrue();
        assertThat(matches(field("Key", s("v")), Map.of("\u212Aey", "v"))).isTrue(); // lower-cases to "key"
        assertThat(matches(field("Key", s("v")), Map.of("Keys", "v", "Ke", "v"))).isFalse();
        assertThat(matches(field("Ki", s("v")), Map.of("K\u0130", "v"))).isFalse(); // "ki" and a combining dot
        Map<String, Object> both = new java.util.LinkedHashMap<>();
        both.put("image", "lower");
        both.put("Image", "exact");
        assertThat(matches(field("Image", s("exact")), both)).isTrue();
        assertThat(matches(field("IMAGE", s("lower")), both)).isTrue(); // no exact key: the first in order
    }

    @Test
    void absentFieldSemantics() {
        Map<String, String> ev = Map.of("Other", "x");
        assertThat(matches(field("Image", s("*")), ev)).isFalse();
        assertThat(matches(field("Image", s("")), ev)).isFalse();
        assertThat(matches(field("Image", new ValueMatch.IsNull()), ev)).isTrue();
        assertThat(matches(field("Image", new ValueMatch.Exists(false)), ev)).isTrue();
        assertThat(matches(field("Image", new ValueMatch.Exists(true)), ev)).isFalse();
        assertThat(matches(notField("Image", s("*calc*")), ev)).isTrue();
        assertThat(matches(notField("Image", new ValueMatch.Exists(false)), ev)).isFalse();
    }

    @Test
    void nullAndEmptyAreDifferent() {
        assertThat(matches(field("Image", new ValueMatch.IsNull()), withNull("Image"))).isTrue();
        assertThat(matches(field("Image", new ValueMatch.Exists(true)), withNull("Image"))).isTrue();
        assertThat(matches(field("Image", s("")), withNull("Image"))).isFalse();
        assertThat(matches(field("Image", s("")), Map.of("Image", ""))).isTrue();
        assertThat(matches(field("Image", new ValueMatch.IsNull()), Map.of("Image", ""))).isFalse();
    }

    @Test
    void fieldNamesResolveCaseInsensitively() {
        assertThat(matches(field("commandline", s("*x*")), Map.of("CommandLine", "x"))).isTrue();
    }

    @Test
    void regexIsUnanchoredCaseSensitiveSearchWithFlags() {
        Map<String, String> ev = Map.of("CommandLine", "first\nPowerShell -enc AAA");
        assertThat(matches(field("CommandLine", new ValueMatch.RegexMatch("-enc [A-Z]+", false, false, false)), ev)).isTrue();
        assertThat(matches(field("CommandLine", new ValueMatch.RegexMatch("powershell", false, false, false)), ev)).isFalse();
        assertThat(matches(field("CommandLine", new ValueMatch.RegexMatch("powershell", true, false, false)), ev)).isTrue();
        assertThat(matches(field("CommandLine", new ValueMatch.RegexMatch("^Power", false, false, false)), ev)).isFalse();
        assertThat(matches(field("CommandLine", new ValueMatch.RegexMatch("^Power", false, true, false)), ev)).isTrue();
        assertThat(matches(field("CommandLine", new ValueMatch.RegexMatch("first.Power", false, false, false)), ev)).isFalse();
        assertThat(matches(field("CommandLine", new ValueMatch.RegexMatch("first.Power", false, false, true)), ev)).isTrue();
        assertThat(matches(field("EventID", new ValueMatch.RegexMatch("^46\\d\\d$", false, false, false)), Map.of("EventID", 4688L))).isTrue();
    }

    @Test
    void numberComparisonAcceptsNumbersAndNumericStrings() {
        ValueMatch gt10 = new ValueMatch.NumberCompare(Comparison.GT, BigDecimal.TEN);
        ValueMatch lte10 = new ValueMatch.NumberCompare(Comparison.LTE, BigDecimal.TEN);
        assertThat(matches(field("n", gt10), Map.of("n", 11L))).isTrue();
        assertThat(matches(field("n", gt10), Map.of("n", 10L))).isFalse();
        assertThat(matches(field("n", lte10), Map.of("n", 10.0))).isTrue();
        assertThat(matches(field("n", gt10), Map.of("n", "10.5"))).isTrue();
        assertThat(matches(field("n", gt10), Map.of("n", "0x20"))).isFalse();
        assertThat(matches(field("n", gt10), Map.of("n", "eleven"))).isFalse();
        assertThat(matches(field("n", gt10), Map.of("n", List.of(1L, 99L)))).isTrue();
        assertThat(matches(field("n", new ValueMatch.NumberCompare(Comparison.LT, BigDecimal.ZERO)), Map.of("n", -1)))
                .isTrue();
        assertThat(matches(field("n", new ValueMatch.NumberCompare(Comparison.GTE, BigDecimal.ONE)), Map.of("n", true)))
                .isFalse();
    }

    @Test
    void cidrMatchesIpStrings() {
        ValueMatch net = new ValueMatch.CidrMatch("10.0.0.0/8");
        assertThat(matches(field("DestinationIp", net), Map.of("DestinationIp", "10.3.4.5"))).isTrue();
        assertThat(matches(field("DestinationIp", net), Map.of("DestinationIp", "::ffff:10.3.4.5"))).isTrue();
        assertThat(matches(field("DestinationIp", net), Map.of("DestinationIp", "192.168.0.1"))).isFalse();
        assertThat(matches(field("DestinationIp", net), Map.of("DestinationIp", "localhost"))).isFalse();
        assertThat(matches(field("DestinationIp", net), Map.of("DestinationIp", List.of("1.1.1.1", "10.0.0.9"))))
                .isTrue();
    }

    @Test
    void boolMatchAcceptsBooleansAndTheirStrings() {
        ValueMatch t = new ValueMatch.BoolMatch(true);
        assertThat(matches(field("b", t), Map.of("b", true))).isTrue();
        assertThat(matches(field("b", t), Map.of("b", "True"))).isTrue();
        assertThat(matches(field("b", t), Map.of("b", false))).isFalse();
        assertThat(matches(field("b", t), Map.of("b", 1L))).isFalse();
        assertThat(matches(field("b", new ValueMatch.BoolMatch(false)), Map.of("b", "FALSE"))).isTrue();
    }

    @Test
    void fieldRefComparesWithAnotherField() {
        Map<String, String> ev = Map.of("Image", "C:\\Tools\\Evil.exe", "OriginalName", "evil.exe", "User", "EVIL");
        assertThat(matches(field("Image", new ValueMatch.FieldRef("OriginalName", Position.ENDSWITH, false)), ev)).isTrue();
        assertThat(matches(field("Image", new ValueMatch.FieldRef("OriginalName", Position.ENDSWITH, true)), ev)).isFalse();
        assertThat(matches(field("Image", new ValueMatch.FieldRef("OriginalName", Position.EQUALS, false)), ev)).isFalse();
        assertThat(matches(field("Image", new ValueMatch.FieldRef("User", Position.CONTAINS, false)), ev)).isTrue();
        assertThat(matches(field("Image", new ValueMatch.FieldRef("User", Position.STARTSWITH, false)), ev)).isFalse();
        assertThat(matches(field("Image", new ValueMatch.FieldRef("Missing", Position.CONTAINS, false)), ev)).isFalse();
        assertThat(matches(field("Missing", new ValueMatch.FieldRef("Image", Position.EQUALS, false)), ev)).isFalse();
    }

    @Test
    void timePartTestsTheExtractedNumber() {
        ValueMatch hour14 = new ValueMatch.TimePart(TimeUnit.HOUR, s("14"));
        ValueMatch nightHours = new ValueMatch.TimePart(TimeUnit.HOUR,
                new ValueMatch.NumberCompare(Comparison.LT, BigDecimal.valueOf(6)));
        assertThat(matches(field("UtcTime", hour14), Map.of("UtcTime", "2019-08-14 14:06:44.495674"))).isTrue();
        assertThat(matches(field("UtcTime", hour14), Map.of("UtcTime", "2019-08-14 15:06:44.495674"))).isFalse();
        assertThat(matches(field("UtcTime", nightHours), Map.of("UtcTime", "2025-11-27T03:40:10.132Z"))).isTrue();
        assertThat(matches(field("UtcTime", nightHours), Map.of("UtcTime", "not a date"))).isFalse();
    }

    @Test
    void anyOfAlternatives() {
        ValueMatch windash = new ValueMatch.AnyOf(List.of(s("* -enc *"), s("* /enc *")));
        assertThat(matches(field("CommandLine", windash), Map.of("CommandLine", "ps /enc x"))).isTrue();
        assertThat(matches(field("CommandLine", windash), Map.of("CommandLine", "ps xenc x"))).isFalse();
    }

    @Test
    void keywordsSearchEveryStringAndNumberOfTheOriginalRecord() {
        Map<String, Object> original = Map.of("Event", Map.of("EventData",
                Map.of("Data", List.of("a", "Mimikatz sekurlsa::logonpasswords"), "Pid", 31337L), "Ok", true));
        Event ev = Event.builder().fields(Map.of("Image", "x")).original(original).build();
        EventPredicate p = DetectionCompiler.selection(keywords(s("SEKURLSA::"), s("nothing")), AT);
        assertThat(p.test(new EvalContext(ev))).isTrue();
        assertThat(DetectionCompiler.selection(keywords(s("1337")), AT).test(new EvalContext(ev))).isTrue();
        assertThat(DetectionCompiler.selection(keywords(s("true")), AT).test(new EvalContext(ev))).isFalse();
        assertThat(DetectionCompiler.selection(keywords(s("EventData")), AT).test(new EvalContext(ev))).isFalse();
        assertThat(DetectionCompiler.selection(keywords(cased("SEKURLSA")), AT).test(new EvalContext(ev))).isFalse();
        var all = new Selection.FieldMatch(null, List.of(s("mimikatz"), s("31337")), true, false, null);
        assertThat(DetectionCompiler.selection(all, AT).test(new EvalContext(ev))).isTrue();
    }

    @Test
    void keywordSearchSurvivesDeeplyNestedRecords() {
        Object nested = "needle";
        for (int i = 0; i < 10_000; i++) {
            nested = List.of(nested);
        }
        Event ev = Event.builder().original(Arrays.asList(nested, "haystack")).build();
        assertThat(DetectionCompiler.selection(keywords(s("hay")), AT).test(new EvalContext(ev))).isTrue();
    }

    @Test
    void placeholdersAreRejectedWithTheirLocation() {
        var item = new Selection.FieldMatch("User", List.of(new ValueMatch.Placeholder("admins")), false, false,
                SourceLocation.of("r.yml", 9, 13));
        assertThatThrownBy(() -> DetectionCompiler.selection(item, AT))
                .isInstanceOfSatisfying(DetectionCompiler.Failure.class, f -> {
                    assertThat(f.code).isEqualTo(IssueCode.UNSUPPORTED_FEATURE);
                    assertThat(f.location).isEqualTo(SourceLocation.of("r.yml", 9, 13));
                    assertThat(f.getMessage()).contains("admins");
                });
    }

    @Test
    void invalidRegexAndCidrAreRejected() {
        assertThatThrownBy(() -> DetectionCompiler.selection(
                field("x", new ValueMatch.RegexMatch("(unclosed", false, false, false)), AT))
                .isInstanceOfSatisfying(DetectionCompiler.Failure.class,
                        f -> assertThat(f.code).isEqualTo(IssueCode.INVALID_REGEX));
        assertThatThrownBy(() -> DetectionCompiler.selection(
                field("x", new ValueMatch.RegexMatch("(?<=look)behind", false, false, false)), AT))
                .isInstanceOfSatisfying(DetectionCompiler.Failure.class,
                        f -> assertThat(f.code).isEqualTo(IssueCode.INVALID_REGEX));
        assertThatThrownBy(() -> DetectionCompiler.selection(field("x", new ValueMatch.CidrMatch("10.0.0.0/40")), AT))
                .isInstanceOfSatisfying(DetectionCompiler.Failure.class, f -> {
                    assertThat(f.code).isEqualTo(IssueCode.INVALID_CIDR);
                    assertThat(f.location).isEqualTo(AT);
                });
    }

    @Test
    void keywordsCannotTestFieldProperties() {
        assertThatThrownBy(() -> DetectionCompiler.selection(keywords(new ValueMatch.Exists(true)), AT))
                .isInstanceOfSatisfying(DetectionCompiler.Failure.class,
                        f -> assertThat(f.code).isEqualTo(IssueCode.UNSUPPORTED_FEATURE));
    }
}
