package dev.edr.dsl.internal.detection;

import static dev.edr.dsl.internal.detection.Fixture.assertIssue;
import static dev.edr.dsl.internal.detection.Fixture.str;
import static dev.edr.dsl.internal.detection.Fixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Selection.FieldMatch;
import dev.edr.core.rule.ValueMatch;
import dev.edr.core.rule.ValueMatch.Comparison;
import dev.edr.core.rule.ValueMatch.NumberCompare;
import dev.edr.core.rule.ValueMatch.TimePart;
import dev.edr.core.rule.ValueMatch.TimeUnit;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** lt/lte/gt/gte, the time modifiers and cidr. */
class NumericTimeCidrModifiersTest {

    @ParameterizedTest
    @CsvSource({"lt,LT", "lte,LTE", "gt,GT", "gte,GTE"})
    void comparisonsNeedNumbers(String modifier, Comparison op) {
        assertThat(Fixture.item("F|" + modifier + ": 10").value()).isEqualTo(new NumberCompare(op, new BigDecimal("10")));
    }

    @Test
    void comparisonAcceptsFloatsAndQuotedNumbers() {
        assertThat(Fixture.item("F|gte: 1.5").value()).isEqualTo(new NumberCompare(Comparison.GTE, new BigDecimal("1.5")));
        assertThat(Fixture.item("F|lt: '-3'").value()).isEqualTo(new NumberCompare(Comparison.LT, new BigDecimal("-3")));
    }

    @Test
    void comparisonRejectsOtherValues() {
        Issue e = Fixture.item("F|gt: abc").error();
        assertIssue(e, IssueCode.INVALID_VALUE, 2, 9);
        assertThat(e.message()).contains("'gt' compares numbers", "'abc'");
        assertIssue(Fixture.item("F|gt: true").error(), IssueCode.INVALID_MODIFIER, 2, 5);
        assertIssue(Fixture.item("F|contains|gt: 1").error(), IssueCode.INVALID_MODIFIER, 2, 14);
        assertIssue(Fixture.item("F|gt|contains: 1").error(), IssueCode.INVALID_MODIFIER, 2, 8);
        assertIssue(Fixture.item("F|gt|lt: 1").error(), IssueCode.INVALID_MODIFIER, 2, 8);
        assertIssue(Fixture.item("'|gt': 1").error(), IssueCode.INVALID_MODIFIER, 2, 5);
    }

    @Test
    void neqWithNumberIsNegatedEquality() {
        FieldMatch m = Fixture.item("EventID|neq: 4688").only();
        assertThat(m.negated()).isTrue();
        assertThat(m.values()).containsExactly(str(t("4688")));
    }

    @Test
    void timeModifierAloneMeansEquality() {
        assertThat(Fixture.item("Date|hour: 3").value())
                .isEqualTo(new TimePart(TimeUnit.HOUR, new ValueMatch.StringMatch(dev.edr.core.rule.Glob.literal("3"), false)));
        assertThat(Fixture.item("Date|month: '12'").value())
                .isEqualTo(new TimePart(TimeUnit.MONTH, new ValueMatch.StringMatch(dev.edr.core.rule.Glob.literal("12"), false)));
        assertThat(Fixture.item("Date|year: 2024").value()).isInstanceOf(TimePart.class);
    }

    @ParameterizedTest
    @CsvSource({"minute,MINUTE", "hour,HOUR", "day,DAY", "week,WEEK", "month,MONTH", "year,YEAR"})
    void timeModifierWrapsTheFollowingComparison(String modifier, TimeUnit unit) {
        assertThat(Fixture.item("Date|" + modifier + "|gte: 5").value())
                .isEqualTo(new TimePart(unit, new NumberCompare(Comparison.GTE, new BigDecimal("5"))));
    }

    @Test
    void timeModifierAcceptsNeqAndAll() {
        FieldMatch m = Fixture.item("Date|hour|neq: [1, 2]").only();
        assertThat(m.negated()).isTrue();
        assertThat(m.values()).hasSize(2).allSatisfy(v -> assertThat(v).isInstanceOf(TimePart.class));
    }

    @Test
    void timeModifierChainErrors() {
        Issue order = Fixture.item("Date|gte|hour: 5").error();
        assertIssue(order, IssueCode.INVALID_MODIFIER, 2, 12);
        assertThat(order.message()).contains("'hour' must come before the comparison");
        assertIssue(Fixture.item("Date|hour|day: 5").error(), IssueCode.INVALID_MODIFIER, 2, 13);
        assertIssue(Fixture.item("Date|hour|lt|gt: 5").error(), IssueCode.INVALID_MODIFIER, 2, 16);
        assertIssue(Fixture.item("Date|hour|contains: 5").error(), IssueCode.INVALID_MODIFIER, 2, 13);
        assertIssue(Fixture.item("Date|contains|hour: 5").error(), IssueCode.INVALID_MODIFIER, 2, 17);
    }

    @Test
    void timeModifierValueErrors() {
        assertIssue(Fixture.item("Date|hour: 24").error(), IssueCode.INVALID_VALUE, 2, 14);
        assertIssue(Fixture.item("Date|minute: -1").error(), IssueCode.INVALID_VALUE, 2, 16);
        assertIssue(Fixture.item("Date|month: 0").error(), IssueCode.INVALID_VALUE, 2, 15);
        assertIssue(Fixture.item("Date|hour: noon").error(), IssueCode.INVALID_VALUE, 2, 14);
        assertIssue(Fixture.item("Date|hour|lt: 1.5").error(), IssueCode.INVALID_VALUE, 2, 17);
        assertThat(Fixture.item("Date|hour|lt: 24").issues()).as("comparisons may use the bound").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "192.168.1.1", "0.0.0.0/0", "10.1.2.3/8", "::1", "::/0", "fe80::/10",
            "2001:db8::1:2/64", "1:2:3:4:5:6:7:8/128", "::ffff:10.0.0.1/128", "1::"})
    void validNetworks(String cidr) {
        assertThat(CidrParser.problem(cidr)).isNull();
        assertThat(Fixture.item("DestinationIp|cidr: '" + cidr + "'").value()).isEqualTo(new ValueMatch.CidrMatch(cidr));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "10.0.0.0/", "010.0.0.0/8", "10.0.0.0/08",
            "a.b.c.d", "localhost", "1:::2", "1::2::3", "12345::/16", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "::/129", "fe80::1%eth0", "", "::1.2.3", "1.2.3.4::"})
    void invalidNetworks(String cidr) {
        assertThat(CidrParser.problem(cidr)).isNotNull();
        Issue e = Fixture.item("DestinationIp|cidr: '" + cidr + "'").error();
        assertIssue(e, IssueCode.INVALID_CIDR, 2, 23);
        assertThat(e.message()).contains("field 'DestinationIp'");
    }

    @Test
    void cidrTypeConflicts() {
        assertIssue(Fixture.item("Ip|contains|cidr: 10.0.0.0/8").error(), IssueCode.INVALID_MODIFIER, 2, 15);
        assertIssue(Fixture.item("Ip|cidr|contains: 10.0.0.0/8").error(), IssueCode.INVALID_MODIFIER, 2, 11);
        assertIssue(Fixture.item("Ip|cidr: true").error(), IssueCode.INVALID_MODIFIER, 2, 6);
        assertIssue(Fixture.item("'|cidr': 10.0.0.0/8").error(), IssueCode.INVALID_MODIFIER, 2, 5);
    }
}
