package dev.edr.core.internal.drools;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.event.Event;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The prefilter index is built on a helper thread beside the rule base; the engine must not show it. */
class ParallelBuildTest {
    private static final LogSource WIN_PROC = ls("windows", "process_creation", null);

    private static RulePack pack() {
        List<SigmaRule> rules = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rules.add(rule("r" + i, WIN_PROC, field("CommandLine", s("*needle" + i + "!*"))));
        }
        return RulePack.of(rules);
    }

    private static Event event(String commandLine) {
        return Event.builder().product("windows").categories(Set.of("process_creation"))
                .fields(Map.of("CommandLine", commandLine)).build();
    }

    @Test
    void buildsTheSameIndexEveryTime() {
        RulePack pack = pack();
        String first = ((DroolsEngine) DroolsEngine.create(pack)).describeIndex();
        for (int run = 0; run < 5; run++) {
            assertThat(((DroolsEngine) DroolsEngine.create(pack)).describeIndex()).isEqualTo(first);
        }
        assertThat(first).startsWith("200 rules in 1 routes, 200 with literal triggers");
    }

    @Test
    void anInterruptedCallerStillGetsAWorkingEngineAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        DroolsEngine engine;
        try {
            engine = (DroolsEngine) DroolsEngine.create(pack());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        List<Detection> hits = engine.evaluate(event("x needle17! y"));
        assertThat(hits).extracting(Detection::id).containsExactly("r17");
    }

    @Test
    void aRuleThatCannotCompileDoesNotFailTheEngineThroughItsTriggers() {
        // so deep that deriving its triggers overflows the stack; the compiler rejects it by its depth first
        Condition deep = new Condition.Ref("sel");
        for (int i = 0; i < 200_000; i++) {
            deep = new Condition.And(List.of(deep, new Condition.Ref("sel")));
        }
        SigmaRule tooDeep = new SigmaRule(RuleMeta.of("Rule deep", "deep", "high"), WIN_PROC,
                new dev.edr.core.rule.Detection(Map.of("sel", field("CommandLine", s("*x*"))), deep, "sel and ..."), dev.edr.core.diag.SourceLocation.of("deep.yml", 1, 1));
        List<SigmaRule> rules = new ArrayList<>(pack().rules());
        rules.add(0, tooDeep);
        DroolsEngine engine = (DroolsEngine) DroolsEngine.create(RulePack.of(rules));
        assertThat(engine.issues()).singleElement().satisfies(i -> assertThat(i.message()).contains("deeper than"));
        assertThat(engine.ruleCount()).isEqualTo(200);
        assertThat(engine.evaluate(event("needle3!"))).extracting(Detection::id).containsExactly("r3");
    }

    @Test
    void theIndexHoldsOnlyTheRulesThatCompiled() {
        SigmaRule undefined = rule("bad", WIN_PROC, Map.of("sel", field("CommandLine", s("*needle5!*"))),
                new Condition.Ref("nosuch"));
        List<SigmaRule> rules = new ArrayList<>(pack().rules());
        rules.add(7, undefined);
        DroolsEngine engine = (DroolsEngine) DroolsEngine.create(RulePack.of(rules));
        assertThat(engine.issues()).singleElement().satisfies(i -> assertThat(i.message()).contains("nosuch"));
        assertThat(engine.describeIndex()).isEqualTo(((DroolsEngine) DroolsEngine.create(pack())).describeIndex());
        assertThat(engine.evaluate(event("needle5!"))).extracting(Detection::id).containsExactly("r5");
        assertThat(engine.evaluate(event("needle150!"))).extracting(Detection::id).containsExactly("r150");
    }
}
