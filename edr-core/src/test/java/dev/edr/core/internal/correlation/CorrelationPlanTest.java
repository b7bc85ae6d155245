package dev.edr.core.internal.correlation;

import static dev.edr.core.internal.correlation.Corr.*;
import static dev.edr.core.rule.CorrelationRule.Operator.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.Type;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import dev.edr.core.testkit.Rules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlations that cannot run are left out with located errors; the rest of the pack still works. */
class CorrelationPlanTest {
    @Test
    void anUnknownReferenceIsALocatedErrorAndTheBaseRuleStaysVisible() {
        CorrelationRule c = corr("c", Type.EVENT_COUNT, "fail", "nope").by("User").when(GTE, 2).build();
        Engine e = engine(pack(List.of(base("fail")), c));
        assertThat(e.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.UNKNOWN_RULE_REFERENCE);
            assertThat(i.isError()).isTrue();
            assertThat(i.location()).isEqualTo(c.location());
            assertThat(i.message()).contains("'nope'");
        });
        assertThat(e.ruleCount()).isEqualTo(1);
        assertThat(e.evaluate(ev(0, "Rule", "fail", "User", "u"))).extracting(Detection::id).containsExactly("fail");
    }

    @Test
    void aCycleIsReportedAtEveryMemberAndDependentsAreLeftOut() {
        CorrelationRule a = corr("a", Type.EVENT_COUNT, "b").name("a").when(GTE, 1).build();
        CorrelationRule b = corr("b", Type.EVENT_COUNT, "a").name("b").when(GTE, 1).build();
        CorrelationRule self = corr("self", Type.EVENT_COUNT, "self").when(GTE, 1).build();
        CorrelationRule onTop = corr("top", Type.EVENT_COUNT, "a").when(GTE, 1).build();
        CorrelationRule fine = corr("fine", Type.EVENT_COUNT, "fail").when(GTE, 1).build();
        Engine e = engine(pack(List.of(base("fail")), onTop, a, b, self, fine));
        assertThat(e.issues()).extracting(Issue::code).containsOnly(IssueCode.CORRELATION_CYCLE,
                IssueCode.UNKNOWN_RULE_REFERENCE);
        assertThat(e.issues()).filteredOn(i -> i.code() == IssueCode.CORRELATION_CYCLE).extracting(Issue::location)
                .containsExactlyInAnyOrder(a.location(), b.location(), self.location());
        assertThat(e.issues()).filteredOn(i -> i.code() == IssueCode.UNKNOWN_RULE_REFERENCE).singleElement()
                .satisfies(i -> assertThat(i.location()).isEqualTo(onTop.location()));
        assertThat(e.ruleCount()).isEqualTo(2); // "fail" and "fine"
        assertThat(firedAt(run(e, List.of(ev(0, "Rule", "fail"))))).containsExactly(0L);
    }

    @Test
    void missingKeysAreLocatedErrors() {
        CorrelationRule noSpan = new CorrelationRule(meta("nospan"), Type.EVENT_COUNT, List.of("fail"),
                java.util.Map.of(), List.of(), null, condition(null), false, Rules.at("nospan"));
        CorrelationRule noCondition = corr("nocond", Type.EVENT_COUNT, "fail").build();
        CorrelationRule noField = corr("nofield", Type.VALUE_SUM, "fail").when(GT, 1).build();
        CorrelationRule noType = new CorrelationRule(meta("notype"), null, List.of("fail"), java.util.Map.of(),
                List.of(), Duration.ofMinutes(1), condition(null), false, Rules.at("notype"));
        Engine e = engine(pack(List.of(base("fail")), noSpan, noCondition, noField, noType));
        assertThat(e.issues()).extracting(Issue::code).containsOnly(IssueCode.MISSING_ATTRIBUTE);
        assertThat(e.issues()).extracting(Issue::location).containsExactly(noSpan.location(),
                noCondition.location(), noField.location(), noType.location());
        assertThat(e.issues()).extracting(Issue::message).anySatisfy(m -> assertThat(m).contains("timespan"))
                .anySatisfy(m -> assertThat(m).contains("condition field"))
                .anySatisfy(m -> assertThat(m).contains("no type"));
        assertThat(e.ruleCount()).isEqualTo(1);
    }

    @Test
    void aCorrelationOverARuleThatDidNotCompileIsLeftOut() {
        SigmaRule broken = Rules.rule("broken", LogSource.ANY,
                Rules.field("User", new ValueMatch.Placeholder("admins")));
        Engine e = engine(pack(List.of(broken), corr("c", Type.EVENT_COUNT, "broken").when(GTE, 1).build()));
        assertThat(e.issues()).extracting(Issue::code).contains(IssueCode.UNKNOWN_RULE_REFERENCE);
        assertThat(e.ruleCount()).isZero();
    }

    @Test
    void idsWinOverNames() {
        // "x" is the id of rule one and the name of rule two: the correlation counts rule one
        SigmaRule one = base("x");
        SigmaRule r2 = base("two");
        SigmaRule two = new SigmaRule(new dev.edr.core.rule.RuleMeta("Two", "two", "x", List.of(), null, null, null,
                null, List.of(), null, null, null, List.of(), List.of(), List.of(), "low", List.of(), java.util.Map.of()),
                r2.logsource(), r2.detection(), r2.location());
        Engine e = engine(pack(List.of(one, two), corr("c", Type.EVENT_COUNT, "x").when(GTE, 1).build()));
        assertThat(firedAt(run(e, List.of(ev(0, "Rule", "two"), ev(1, "Rule", "x"))))).containsExactly(1L);
    }

    private static dev.edr.core.rule.RuleMeta meta(String id) {
        return dev.edr.core.rule.RuleMeta.of("Correlation " + id, id, "high");
    }

    private static CorrelationRule.CorrelationCondition condition(String field) {
        return new CorrelationRule.CorrelationCondition(bounds(GTE, 1), field, null);
    }
}
