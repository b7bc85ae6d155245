package dev.edr.dsl;

import static dev.edr.dsl.LoadAssertions.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.Operator;
import dev.edr.core.rule.CorrelationRule.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Correlation documents. They never reach the detection and condition parsers, so these run through the
 * public factory with the real parsers wired in.
 */
class CorrelationDocumentTest {
    /** Two rule names the correlations can refer to; loaded with the stub parsers. */
    private static final String BASE_RULES = """
            title: Failed login
            name: failed_login
            logsource: {product: windows, service: security}
            detection: {selection: x, condition: selection}
            ---
            title: Successful login
            name: successful_login
            logsource: {product: windows, service: security}
            detection: {selection: x, condition: selection}
            """;

    private static LoadResult correlation(String section) {
        return RuleLoader.create().loadText("c.yml", "title: Correlation\nid: 0e95725d-7320-415d-80f7-004da920fc11\n"
                + "level: high\ncorrelation:\n" + section.indent(4));
    }

    private static CorrelationRule loaded(String section) {
        LoadResult r = correlation(section);
        // references resolve against a pack: check shape alone, then drop the unknown-reference errors
        assertThat(r.pack().issues()).allMatch(i -> i.code().name().equals("UNKNOWN_RULE_REFERENCE"));
        LoadResult withRules = StubSectionParsers.loader().loadText("c.yml", BASE_RULES + "---\n"
                + "title: Correlation\nid: 0e95725d-7320-415d-80f7-004da920fc11\nlevel: high\ncorrelation:\n"
                + section.indent(4));
        assertThat(withRules.pack().issues()).isEmpty();
        return withRules.pack().correlations().get(0);
    }

    private static List<String> issues(String section) {
        return golden(correlation(section).pack().issues());
    }

    @Test
    void eventCountWithItsRequiredKeys() {
        CorrelationRule c = loaded("""
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - TargetUserName
                    - TargetDomainName
                timespan: 5m
                condition:
                    gte: 10
                """);
        assertThat(c.type()).isEqualTo(Type.EVENT_COUNT);
        assertThat(c.rules()).containsExactly("failed_login");
        assertThat(c.groupBy()).containsExactly("TargetUserName", "TargetDomainName");
        assertThat(c.timespan()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.condition().bounds()).isEqualTo(Map.of(Operator.GTE, BigDecimal.TEN));
        assertThat(c.condition().field()).isNull();
        assertThat(c.generate()).isFalse();
        assertThat(c.meta().title()).isEqualTo("Correlation");
        assertThat(c.meta().level()).isEqualTo("high");
        assertThat(c.location().line()).isEqualTo(11); // after the two rules and separators
    }

    @Test
    void valueCountWithARange() {
        CorrelationRule c = loaded("""
                type: value_count
                rules: [failed_login]
                group-by: [ComputerName]
                timespan: 1d
                condition:
                    field: User
                    gt: 100
                    lte: 200
                """);
        assertThat(c.type()).isEqualTo(Type.VALUE_COUNT);
        assertThat(c.timespan()).isEqualTo(Duration.ofDays(1));
        assertThat(c.condition().field()).isEqualTo("User");
        assertThat(c.condition().bounds()).containsExactly(Map.entry(Operator.GT, BigDecimal.valueOf(100)),
                Map.entry(Operator.LTE, BigDecimal.valueOf(200)));
    }

    @Test
    void temporalWithAliasesAndWithoutCondition() {
        CorrelationRule c = loaded("""
                type: temporal
                rules:
                    - failed_login
                    - successful_login
                group-by:
                    - host
                timespan: 30s
                aliases:
                    host:
                        failed_login: WorkstationName
                        successful_login: Computer
                generate: true
                """);
        assertThat(c.type()).isEqualTo(Type.TEMPORAL);
        assertThat(c.condition()).isNull();
        assertThat(c.timespan()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.aliases()).isEqualTo(Map.of("host", Map.of("failed_login", "WorkstationName",
                "successful_login", "Computer")));
        assertThat(c.generate()).isTrue();
    }

    @Test
    void temporalOrderedKeepsTheRuleOrderAndAcceptsACondition() {
        CorrelationRule c = loaded("""
                type: temporal_ordered
                rules: [successful_login, failed_login]
                group-by: [User]
                timespan: 2h
                condition: {eq: 2}
                """);
        assertThat(c.type()).isEqualTo(Type.TEMPORAL_ORDERED);
        assertThat(c.rules()).containsExactly("successful_login", "failed_login");
        assertThat(c.timespan()).isEqualTo(Duration.ofHours(2));
        assertThat(c.condition().bounds()).isEqualTo(Map.of(Operator.EQ, BigDecimal.valueOf(2)));
    }

    @Test
    void valueSumAvgAndPercentile() {
        CorrelationRule sum = loaded("type: value_sum\nrules: [failed_login]\ngroup-by: [SourceIP]\ntimespan: 1h\n"
                + "condition: {field: bytes_sent, gt: 1000000}\n");
        assertThat(sum.type()).isEqualTo(Type.VALUE_SUM);
        assertThat(sum.condition().field()).isEqualTo("bytes_sent");
        CorrelationRule avg = loaded("type: value_avg\nrules: [failed_login]\ngroup-by: [SourceIP]\ntimespan: 24h\n"
                + "condition: {field: BytesOut, gt: 500.5}\n");
        assertThat(avg.type()).isEqualTo(Type.VALUE_AVG);
        assertThat(avg.condition().bounds()).isEqualTo(Map.of(Operator.GT, new BigDecimal("500.5")));
        CorrelationRule pct = loaded("type: value_percentile\nrules: [failed_login]\ngroup-by: [ComputerName]\n"
                + "timespan: 24h\ncondition: {field: Image, lte: 1, percentile: 95}\n");
        assertThat(pct.type()).isEqualTo(Type.VALUE_PERCENTILE);
        assertThat(pct.condition().percentile()).isEqualTo(BigDecimal.valueOf(95));
        CorrelationRule spec = loaded("type: value_percentile\nrules: [failed_login]\ngroup-by: [ComputerName]\n"
                + "timespan: 24h\ncondition: {field: Image, lte: 1}\n");
        assertThat(spec.condition().percentile()).isNull();
    }

    @Test
    void neqAndGenerateInsideTheSection() {
        CorrelationRule c = loaded("type: event_count\nrules: [failed_login]\ngroup-by: [User]\ntimespan: 1m\n"
                + "condition: {neq: 0}\ngenerate: true\n");
        assertThat(c.condition().bounds()).isEqualTo(Map.of(Operator.NEQ, BigDecimal.ZERO));
        assertThat(c.generate()).isTrue();
    }

    /** Each row: the correlation section (lines joined by ';') and the issues expected. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // line 5 is 'correlation:', the section starts on line 6
        "rules: [r1];group-by: [a];timespan: 5m;condition: {gte: 1} | MISSING_ATTRIBUTE@4:1",
        "type: event_count;group-by: [a];timespan: 5m;condition: {gte: 1} | MISSING_ATTRIBUTE@4:1",
        "type: event_count;rules: [r1];timespan: 5m;condition: {gte: 1} | MISSING_ATTRIBUTE@4:1",
        "type: event_count;rules: [r1];group-by: [a];condition: {gte: 1} | MISSING_ATTRIBUTE@4:1",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m | MISSING_ATTRIBUTE@4:1",
        "type: value_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: 1} | MISSING_ATTRIBUTE@9:16",
        "type: value_avg;rules: [r1];group-by: [a];timespan: 5m;condition: {gt: 1} | MISSING_ATTRIBUTE@9:16",
        "type: count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: 1} | INVALID_ATTRIBUTE@5:11",
        "type: event_count;rules: [];group-by: [a];timespan: 5m;condition: {gte: 1} | MISSING_ATTRIBUTE@6:12",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5;condition: {gte: 1} | INVALID_ATTRIBUTE@8:15",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5y;condition: {gte: 1} | INVALID_ATTRIBUTE@8:15",
        "type: event_count;rules: [r1];group-by: [a];timespan: 0m;condition: {gte: 1} | INVALID_ATTRIBUTE@8:15",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5M;condition: {gte: 1} | INVALID_ATTRIBUTE@8:15",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: many} | INVALID_ATTRIBUTE@9:22",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: '5'} | INVALID_ATTRIBUTE@9:22",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: 5, gtx: 1} | INVALID_ATTRIBUTE@9:25",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {field: x} | MISSING_ATTRIBUTE@9:16 ~INVALID_ATTRIBUTE@9:17",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gt: 10, lt: 5} | INVALID_ATTRIBUTE@9:16",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gt: 5, lte: 5} | INVALID_ATTRIBUTE@9:16",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {eq: 5, neq: 5} | INVALID_ATTRIBUTE@9:16",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: gte 5 | NOT_A_MAPPING@9:16",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: 1, percentile: 5} | INVALID_ATTRIBUTE@9:25",
        "type: value_percentile;rules: [r1];group-by: [a];timespan: 5m;condition: {field: f, lte: 1, percentile: 101} | INVALID_ATTRIBUTE@9:47",
        "type: value_count;rules: [r1];group-by: [a];timespan: 5m;condition: {field: [a, b], gt: 1} | UNSUPPORTED_FEATURE@9:24",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: 1};generate: maybe | INVALID_ATTRIBUTE@10:15",
        "type: event_count;rules: [r1];group-by: [a];timespan: 5m;condition: {gte: 1};group_by: [a] | ~INVALID_ATTRIBUTE@10:5",
        "type: temporal;rules: [r1, r2];group-by: [ip];timespan: 5m;aliases: {ip: {r1: a, r3: b}} | ~INVALID_ATTRIBUTE@9:15 UNKNOWN_RULE_REFERENCE@9:27",
        "type: temporal;rules: [r1];group-by: [x];timespan: 5m;aliases: {ip: {r1: a}} | ~INVALID_ATTRIBUTE@9:15",
        "type: temporal;rules: [r1];group-by: [ip];timespan: 5m;aliases: {ip: r1} | NOT_A_MAPPING@9:19",
    })
    void reportsMalformedCorrelations(String section, String expected) {
        List<String> actual = issues(section.replace(';', '\n'));
        List<String> withoutReferences = actual.stream().filter(i -> !i.startsWith("UNKNOWN_RULE_REFERENCE@7")
                && !i.startsWith("UNKNOWN_RULE_REFERENCE@6")).toList();
        assertThat(withoutReferences).containsExactly(expected.split(" "));
    }

    @Test
    void correlationSectionMustBeAMap() {
        assertThat(golden(RuleLoader.create().loadText("c.yml", "title: t\ncorrelation: event_count\n")
                .pack().issues())).containsExactly("NOT_A_MAPPING@2:14");
        assertThat(golden(RuleLoader.create().loadText("c.yml", "title: t\ncorrelation:\n").pack().issues()))
                .containsExactly("NOT_A_MAPPING@2:1");
    }

    @Test
    void theSpecificationsExamplesLoadWithTheirRules() {
        // the spec's complete example: a temporal_ordered correlation over an event_count one, by names
        String spec = """
                title: Correlation - Multiple Failed Logins Followed by Successful Login
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                status: experimental
                correlation:
                    type: temporal_ordered
                    rules:
                        - multiple_failed_login
                        - successful_login
                    group-by:
                        - User
                    timespan: 10m
                falsepositives:
                    - Unlikely
                level: high
                ---
                title: Multiple failed logons
                id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                name: multiple_failed_login
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                    group-by:
                        - User
                    timespan: 10m
                    condition:
                        gte: 10
                ---
                """ + BASE_RULES;
        LoadResult r = StubSectionParsers.loader().loadText("spec.yml", spec);
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.pack().correlations()).extracting(c -> c.type()).containsExactly(Type.TEMPORAL_ORDERED,
                Type.EVENT_COUNT);
        assertThat(r.pack().rules()).hasSize(2);
        assertThat(r.documents()).extracting(DocumentReport::kind)
                .containsExactly("correlation", "correlation", "rule", "rule");
    }
}
