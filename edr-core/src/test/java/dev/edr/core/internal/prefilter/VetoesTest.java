package dev.edr.core.internal.prefilter;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.Event;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Vetoes: which atoms prove a rule cannot match, and that honouring them never loses a detection. */
class VetoesTest {
    private static final Condition NOT_FILTER = new Condition.And(List.of(new Condition.Ref("selection"),
            new Condition.Not(new Condition.Or(List.of(new Condition.Ref("filter_a"), new Condition.Ref("filter_b"))))));

    private static SigmaRule sample() {
        return rule("r", ls("windows", "process_creation", null), selections(
                "selection", field("CommandLine", s("*run*")),
                "filter_a", field("Image", s("*.exe"), s("*x*y*")), // the second value is no plain text: no veto
                "filter_b", field("ParentImage", s("c:\\\\windows\\\\*"))), NOT_FILTER);
    }

    @Test
    void exclusionsOfPlainTextsAreVetoes() {
        assertThat(Vetoes.of(sample().detection())).containsExactlyInAnyOrder(
                new Atom("Image", ".exe", Atom.Anchor.SUFFIX),
                new Atom("ParentImage", "c:\\windows\\", Atom.Anchor.PREFIX));
        // an OR at the root, a negated AND of two items, a cut needle: none
        SigmaRule or = rule("o", ls("windows", null, null), selections("selection", field("A", s("x")),
                "filter", field("B", s("y"))), new Condition.Or(List.of(new Condition.Ref("selection"),
                new Condition.Not(new Condition.Ref("filter")))));
        assertThat(Vetoes.of(or.detection())).isEmpty();
        SigmaRule longNeedle = rule("l", ls("windows", null, null), selections("selection", field("A", s("x")),
                "filter", field("B", s("*" + "z".repeat(40)))), new Condition.And(List.of(new Condition.Ref("selection"),
                new Condition.Not(new Condition.Ref("filter")))));
        assertThat(Vetoes.of(longNeedle.detection())).isEmpty();
    }

    private static List<String> ids(Engine engine, Map<String, Object> fields) {
        Event e = Event.builder().product("windows").categories(Set.of("process_creation")).fields(fields).build();
        return engine.evaluate(e).stream().map(Detection::id).toList();
    }

    @Test
    void aVetoedRuleIsNotReportedAndAnUnvetoedOneIs() {
        Engine engine = Engine.builder().rules(RulePack.of(List.of(sample()))).build();
        assertThat(ids(engine, Map.of("CommandLine", "run it", "Image", "C:\\A.EXE"))).isEmpty();
        assertThat(ids(engine, Map.of("CommandLine", "run it", "Image", "a.dll"))).containsExactly("r");
        assertThat(ids(engine, Map.of("CommandLine", "run it", "Image", "a.dll", "ParentImage", "C:\\Windows\\x")))
                .isEmpty();
        assertThat(ids(engine, Map.of("CommandLine", "run it", "Image", List.of("a.dll", "b.exe")))).isEmpty();
    }

    /** The matcher reads the exact key; a veto found under another spelling of the name must not count. */
    @Test
    void keysDifferingInCaseDisableVetoes() {
        Engine engine = Engine.builder().rules(RulePack.of(List.of(sample()))).build();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("image", "vetoed.exe");
        fields.put("Image", "read.dll");
        fields.put("CommandLine", "run it");
        assertThat(ids(engine, fields)).containsExactly("r");
    }

    /**
     * The same in events of more than a dozen keys, evaluated in turn by one session: after the first, the session
     * takes which keys to scan from what it remembered of the layout, and must remember the two spellings too.
     */
    @Test
    void keysDifferingInCaseDisableVetoesInLargeEvents() {
        Engine engine = Engine.builder().rules(RulePack.of(List.of(sample()))).build();
        try (dev.edr.core.engine.EngineSession session = engine.newSession()) {
            for (String[] round : new String[][] {{"read.dll", "r"}, {"other.exe", ""}, {"read.dll", "r"},
                    {"read.dll", "r"}}) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("image", "vetoed.exe");
                fields.put("Image", round[0]);
                fields.put("CommandLine", "run it");
                for (int p = 0; p < 12; p++) fields.put("Pad" + p, "p" + p);
                Event e = Event.builder().product("windows").categories(Set.of("process_creation")).fields(fields)
                        .build();
                List<String> ids = session.evaluate(e).stream().map(Detection::id).toList();
                assertThat(ids).as(round[0]).isEqualTo(round[1].isEmpty() ? List.of() : List.of(round[1]));
            }
        }
    }
}
