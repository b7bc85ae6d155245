package dev.edr.core.engine;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RulePack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {
    @Test
    void detectsProcessCreation() {
        RulePack pack = RulePack.of(List.of(
                rule("whoami", ls("windows", "process_creation", null), field("Image", s("*\\whoami.exe"))),
                rule("other", LogSource.ANY, field("Image", s("*\\calc.exe")))));
        Engine engine = Engine.builder().rules(pack).build();
        Event e = Event.builder().product("windows").categories(Set.of("process_creation"))
                .fields(Map.of("Image", "C:\\Windows\\System32\\WHOAMI.EXE")).build();
        List<Detection> d = engine.evaluate(e);
        assertThat(engine.issues()).isEmpty();
        assertThat(engine.ruleCount()).isEqualTo(2);
        assertThat(d).extracting(Detection::id).containsExactly("whoami");
        assertThat(d.get(0).matchedSelections()).containsExactly("selection");
    }
}
