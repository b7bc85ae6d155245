package dev.edr.core.engine;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.Severity;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.event.Event;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static final LogSource WIN_PROC = ls("windows", "process_creation", null);

    private static Event winProc(Map<String, ?> fields) {
        return Event.builder().product("windows").categories(Set.of("process_creation")).fields(fields).build();
    }

    private static Engine engine(SigmaRule... rules) {
        return Engine.builder().rules(RulePack.of(List.of(rules))).build();
    }

    private static List<String> ids(List<Detection> ds) {
        return ds.stream().map(Detection::id).toList();
    }

    @Test
    void routesByLogsource() {
        Selection any = field("Image", s("*"));
        Engine e = engine(
                rule("proc", WIN_PROC, any),
                rule("win", ls("windows", null, null), any),
                rule("linux", ls("linux", "process_creation", null), any),
                rule("sysmon", ls("windows", null, "sysmon"), any),
                rule("net", ls("windows", "network_connection", null), any),
                rule("all", LogSource.ANY, any),
                rule("Cased", ls("Windows", "Process_Creation", null), any));
        Event sysmonProc = Event.builder().product("Windows").categories(Set.of("process_creation"))
                .services(Set.of("sysmon")).fields(Map.of("Image", "x")).build();
        assertThat(ids(e.evaluate(sysmonProc))).containsExactly("proc", "win", "sysmon", "all", "Cased");
        Event linux = Event.builder().product("linux").categories(Set.of("process_creation"))
                .fields(Map.of("Image", "x")).build();
        assertThat(ids(e.evaluate(linux))).containsExactly("linux", "all");
        Event onlyCategory = Event.builder().categories(Set.of("process_creation")).fields(Map.of("Image", "x")).build();
        assertThat(ids(e.evaluate(onlyCategory))).containsExactly("all");
    }

    @Test
    void eventsWithoutLogsourceReachEveryRule() {
        Engine e = engine(rule("proc", WIN_PROC, field("Image", s("*x*"))),
                rule("linux", ls("linux", null, null), field("Image", s("*x*"))),
                rule("miss", WIN_PROC, field("Image", s("*y*"))));
        assertThat(ids(e.evaluate(Event.of(Map.of("Image", "x"))))).containsExactly("proc", "linux");
    }

    /**
     * Keyword search through the prefilter's skipping search, over the record text as bytes (Latin-1 records) and
     * as a string (others), built by the event builder and by the JSON reader: the Kelvin sign lower-cases to k.
     */
    @Test
    void keywordsAreFoundInLatin1AndOtherRecords() {
        Engine e = engine(rule("mimikatz", ls("windows", null, null),
                keywords(s("sekurlsa::"), s("kerberos::golden"), s("gentilkiwi.com"))));
        Map<String, String> latin1 = Map.of("Data", "caf\u00e9 x SEKURLSA::logonpasswords \u00ff");
        Map<String, String> kelvin = Map.of("Data", "\u212Aerberos::golden \u4e00");
        Map<String, String> neither = Map.of("Data", "kerberos:golden gentilkiwi\u00e9com \u4e00");
        assertThat(ids(e.evaluate(winProc(latin1)))).containsExactly("mimikatz");
        assertThat(ids(e.evaluate(winProc(kelvin)))).containsExactly("mimikatz");
        assertThat(e.evaluate(winProc(neither))).isEmpty();
        String json = "{\"Data\":\"x GentilKiwi.com \u00e9\"}\n{\"Data\":\"\u212Aerberos::golden\"}\n"
                + "{\"Data\":\"kerberos:golden\"}\n";
        List<Integer> hits = new java.util.ArrayList<>();
        try (var records = dev.edr.core.event.EventReader.create().read(
                new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "t",
                issue -> { throw new AssertionError(issue.toString()); })) {
            records.forEach(r -> hits.add(e.evaluate(Event.builder().product("windows").fields(r.json())
                    .original(r.json()).build()).size()));
        }
        assertThat(hits).containsExactly(1, 1, 0);
    }

    @Test
    void conditionsAndMatchedSelections() {
        SigmaRule r = rule("r", WIN_PROC,
                selections("sel_img", field("Image", s("*\\powershell.exe")),
                        "sel_cli", field("CommandLine", s("* -enc *"), s("* -e *")),
                        "filter_admin", field("User", s("admin*")),
                        "unused", field("Image", s("*"))),
                and(or(ref("sel_img"), ref("sel_cli")), not(ref("filter_admin"))));
        Engine e = engine(r);
        List<Detection> both = e.evaluate(winProc(Map.of("Image", "C:\\x\\PowerShell.exe", "CommandLine", "p -enc AA")));
        assertThat(both).singleElement().satisfies(d -> {
            assertThat(d.matchedSelections()).containsExactly("sel_img", "sel_cli");
            assertThat(d.title()).isEqualTo("Rule r");
            assertThat(d.level()).isEqualTo("high");
            assertThat(d.rule()).isSameAs(r.meta());
        });
        assertThat(e.evaluate(winProc(Map.of("Image", "C:\\x\\cmd.exe", "CommandLine", "p -e AA"))))
                .singleElement().extracting(Detection::matchedSelections).isEqualTo(List.of("sel_cli"));
        assertThat(e.evaluate(winProc(Map.of("Image", "C:\\x\\powershell.exe", "User", "Administrator")))).isEmpty();
        assertThat(e.evaluate(winProc(Map.of("Image", "C:\\x\\cmd.exe")))).isEmpty();
    }

    @Test
    void detectionCarriesTheEventAndTags() {
        SigmaRule r = rule("t", WIN_PROC, field("Image", s("*")));
        r = new SigmaRule(r.meta().withTags(List.of("attack.t1059")), r.logsource(), r.detection(), r.location());
        Event ev = winProc(Map.of("Image", "a"));
        assertThat(engine(r).evaluate(ev)).singleElement().satisfies(d -> {
            assertThat(d.event()).isSameAs(ev);
            assertThat(d.tags()).containsExactly("attack.t1059");
        });
    }

    @Test
    void filtersSuppressNamedRulesByIdOrName() {
        SigmaRule byId = rule("by-id", WIN_PROC, field("Image", s("*\\cmd.exe")));
        SigmaRule r2 = rule("by-name", WIN_PROC, field("Image", s("*\\cmd.exe")));
        SigmaRule byName = new SigmaRule(new RuleMeta("Named", "id-2", "named_rule", List.of(), null, null, null,
                null, List.of(), null, null, null, List.of(), List.of(), List.of(), "low", List.of(), Map.of()),
                r2.logsource(), r2.detection(), r2.location());
        SigmaRule untouched = rule("untouched", WIN_PROC, field("Image", s("*\\cmd.exe")));
        var f = filter("f", ls("windows", null, null), List.of("by-id", "named_rule"),
                field("User", s("svc_*")));
        var linuxOnly = filter("f-linux", ls("linux", null, null), List.of("untouched"), field("User", s("*")));
        Engine e = Engine.builder()
                .rules(new RulePack(List.of(byId, byName, untouched), List.of(), List.of(f, linuxOnly), List.of()))
                .build();
        assertThat(e.issues()).isEmpty();
        assertThat(ids(e.evaluate(winProc(Map.of("Image", "c:\\cmd.exe", "User", "svc_backup")))))
                .containsExactly("untouched");
        assertThat(ids(e.evaluate(winProc(Map.of("Image", "c:\\cmd.exe", "User", "alice")))))
                .containsExactly("by-id", "id-2", "untouched");
        // no logsource: the filter's logsource matches as well
        assertThat(ids(e.evaluate(Event.of(Map.of("Image", "c:\\cmd.exe", "User", "svc_x"))))).isEmpty();
    }

    @Test
    void uncompilableRulesAreReportedAndLeftOut() {
        SourceLocation valueAt = SourceLocation.of("bad.yml", 7, 9);
        SigmaRule bad = rule("bad", WIN_PROC, new Selection.FieldMatch("User",
                List.of(new ValueMatch.Placeholder("admins")), false, false, valueAt));
        SigmaRule badRe = rule("bad-re", WIN_PROC, field("x", new ValueMatch.RegexMatch("a{1001}{1001}", false, false, false)));
        SigmaRule good = rule("good", WIN_PROC, field("Image", s("*")));
        Engine e = engine(bad, badRe, good);
        assertThat(e.ruleCount()).isEqualTo(1);
        assertThat(e.issues()).extracting(Issue::code)
                .containsExactly(IssueCode.UNSUPPORTED_FEATURE, IssueCode.INVALID_REGEX);
        assertThat(e.issues().get(0).location()).isEqualTo(valueAt);
        assertThat(e.issues().get(1).location()).isEqualTo(badRe.location());
        assertThat(e.issues()).allMatch(Issue::isError);
        assertThat(ids(e.evaluate(winProc(Map.of("Image", "x", "User", "y"))))).containsExactly("good");
    }

    @Test
    void aRuleWhoseFilterFailsIsNotLoadedUnfiltered() {
        SigmaRule r = rule("r", WIN_PROC, field("Image", s("*")));
        var badFilter = filter("f", LogSource.ANY, List.of("r"), field("User", new ValueMatch.Placeholder("x")));
        Engine e = Engine.builder().rules(new RulePack(List.of(r), List.of(), List.of(badFilter), List.of())).build();
        assertThat(e.ruleCount()).isZero();
        assertThat(e.issues()).extracting(Issue::code)
                .containsExactly(IssueCode.UNSUPPORTED_FEATURE, IssueCode.COMPILE_ERROR);
    }

    @Test
    void correlationsCompileAndDanglingFiltersAreWarnings() {
        CorrelationRule c = new CorrelationRule(RuleMeta.of("corr", "c1", "high"), CorrelationRule.Type.EVENT_COUNT,
                List.of("r"), Map.of(), List.of("User"), Duration.ofMinutes(5),
                new CorrelationRule.CorrelationCondition(Map.of(CorrelationRule.Operator.GTE, java.math.BigDecimal.ONE),
                        null, null), true, at("c1"));
        var dangling = filter("f", LogSource.ANY, List.of("nope"), field("User", s("x")));
        Engine e = Engine.builder().rules(new RulePack(List.of(rule("r", WIN_PROC, field("Image", s("*")))),
                List.of(c), List.of(dangling), List.of())).build();
        assertThat(e.ruleCount()).isEqualTo(2);
        assertThat(e.issues()).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.code()).isEqualTo(IssueCode.UNKNOWN_RULE_REFERENCE);
        });
    }

    @Test
    void builderMergesPacksAndEmptyEngineWorks() {
        Engine empty = Engine.builder().build();
        assertThat(empty.ruleCount()).isZero();
        assertThat(empty.evaluate(winProc(Map.of()))).isEmpty();
        Engine two = Engine.builder().rules(RulePack.of(List.of(rule("a", WIN_PROC, field("Image", s("*"))))))
                .rules(RulePack.of(List.of(rule("b", LogSource.ANY, field("Image", s("*")))))).build();
        assertThat(ids(two.evaluate(winProc(Map.of("Image", ""))))).containsExactly("a", "b");
    }

    @Test
    void sessionsEvaluateRepeatedlyAndRefuseUseAfterClose() {
        Engine e = engine(rule("a", WIN_PROC, field("Image", s("*a*"))), rule("b", LogSource.ANY, field("Image", s("*b*"))));
        EngineSession session = e.newSession();
        for (int i = 0; i < 3; i++) {
            assertThat(ids(session.evaluate(winProc(Map.of("Image", "ab"))))).containsExactly("a", "b");
            assertThat(ids(session.evaluate(winProc(Map.of("Image", "b"))))).containsExactly("b");
            assertThat(session.evaluate(winProc(Map.of("Image", "c")))).isEmpty();
        }
        session.close();
        session.close();
        assertThatThrownBy(() -> session.evaluate(winProc(Map.of()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sameRuleIdsStillYieldOneDetectionPerRule() {
        Engine e = engine(rule("dup", WIN_PROC, field("Image", s("*"))), rule("dup", WIN_PROC, field("Image", s("x"))));
        assertThat(ids(e.evaluate(winProc(Map.of("Image", "x"))))).containsExactly("dup", "dup");
        assertThat(ids(e.evaluate(winProc(Map.of("Image", "y"))))).containsExactly("dup");
    }

    @Test
    void aRuleIdShapedLikeAnotherRulesInternalNameStillYieldsItsOwnDetection() {
        // the Drools rule of the second "dup" is named "1:dup" internally: a rule with that id must not replace it
        Engine e = engine(rule("dup", WIN_PROC, field("Image", s("x"))), rule("dup", WIN_PROC, field("Image", s("*"))),
                rule("1:dup", WIN_PROC, field("Image", s("*"))), rule("plain", WIN_PROC, field("Image", s("*"))));
        assertThat(ids(e.evaluate(winProc(Map.of("Image", "x"))))).containsExactly("dup", "dup", "1:dup", "plain");
        assertThat(ids(e.evaluate(winProc(Map.of("Image", "y"))))).containsExactly("dup", "1:dup", "plain");
    }
}
