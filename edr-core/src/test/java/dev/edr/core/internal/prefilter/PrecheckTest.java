package dev.edr.core.internal.prefilter;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.Event;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.RuleCompiler;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rules whose literals give the prefilter nothing (a field compared with another, a regex without literals) become
 * candidates only when a test their condition requires holds; the detections stay those of the condition.
 */
class PrecheckTest {
    private static final ValueMatch PARENT = new ValueMatch.FieldRef("ParentImage", ValueMatch.Position.EQUALS, false);
    private static final ValueMatch HEX_PAIR = new ValueMatch.RegexMatch("\\s[a-f0-9]{8}\\s[a-f0-9]{4}", false, false,
            false);

    /** SigmaHQ's "Potential Executable Run Itself As Sacrificial Process", cut down. */
    private static SigmaRule runsItself() {
        return rule("self", ls("windows", "process_creation", null), selections(
                "selection", field("Image", PARENT),
                "filter_main_path", field("Image", s("C:\\\\Program Files\\\\*"))),
                and(ref("selection"), not(ref("filter_main_path"))));
    }

    private static SigmaRule hexArguments() {
        return rule("hex", ls("windows", "process_creation", null), field("CommandLine", HEX_PAIR));
    }

    private static Event process(Map<String, Object> fields) {
        return Event.builder().product("windows").categories(Set.of("process_creation")).fields(fields).build();
    }

    /** The candidate slots the prefilter picks for the event, prechecks as the engine builds them. */
    private static List<Integer> candidates(RulePack pack, Event event) {
        List<CompiledRule> rules = RuleCompiler.compile(pack).rules();
        return CandidateCollectorTest.candidates(CandidateIndex.of(pack, rules).newCollector(), event);
    }

    @Test
    void aRuleWithoutTriggersIsACandidateOnlyWhenItsRequiredTestHolds() {
        RulePack pack = RulePack.of(List.of(runsItself(), hexArguments()));
        assertThat(candidates(pack, process(Map.of("Image", "C:\\a.exe", "ParentImage", "C:\\b.exe",
                "CommandLine", "a.exe run")))).isEmpty();
        assertThat(candidates(pack, process(Map.of("Image", "C:\\A.exe", "ParentImage", "c:\\a.EXE",
                "CommandLine", "a.exe 0badcafe 1234")))).containsExactly(0, 1);
        // without the prechecks both would be candidates for every process start
        List<CompiledRule> rules = RuleCompiler.compile(pack).rules();
        assertThat(rules).allSatisfy(r -> assertThat(r.precheck()).isNotNull());
    }

    @Test
    void detectionsAreThoseOfTheCondition() {
        Engine engine = Engine.builder().rules(RulePack.of(List.of(runsItself(), hexArguments()))).build();
        assertThat(ids(engine, Map.of("Image", "C:\\A.exe", "ParentImage", "c:\\a.EXE"))).containsExactly("self");
        assertThat(ids(engine, Map.of("Image", "C:\\Program Files\\a.exe", "ParentImage", "C:\\Program Files\\a.exe")))
                .isEmpty(); // required test holds, the filter suppresses
        assertThat(ids(engine, Map.of("Image", "C:\\a.exe", "ParentImage", "C:\\b.exe",
                "CommandLine", "x 0badcafe 1234"))).containsExactly("hex");
    }

    @Test
    void onlyWhatTheConditionRequiresIsPrechecked() {
        // under an OR, or negated, the comparison is not required: no precheck, the rule stays a candidate
        SigmaRule either = rule("or", ls("windows", "process_creation", null), selections(
                "a", field("Image", PARENT), "b", field("CommandLine", HEX_PAIR)),
                new Condition.Or(List.of(ref("a"), ref("b"))));
        SigmaRule negated = rule("not", ls("windows", "process_creation", null), selections(
                "a", field("Image", PARENT)), not(ref("a")));
        RulePack pack = RulePack.of(List.of(either, negated));
        assertThat(RuleCompiler.compile(pack).rules()).allSatisfy(r -> assertThat(r.precheck()).isNull());
        assertThat(candidates(pack, process(Map.of("Image", "C:\\a.exe", "ParentImage", "C:\\b.exe"))))
                .containsExactly(0, 1);
    }

    private static List<String> ids(Engine engine, Map<String, Object> fields) {
        return engine.evaluate(process(fields)).stream().map(Detection::id).toList();
    }
}
