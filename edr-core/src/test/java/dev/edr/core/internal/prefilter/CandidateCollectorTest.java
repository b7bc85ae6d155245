package dev.edr.core.internal.prefilter;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.match.RuleCompiler;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collector's own paths, rule by rule: routes by logsource, all trigger groups, vetoes, numbers, keyword search,
 * and the remembered scans, which must answer exactly what a collector that remembers nothing answers.
 */
class CandidateCollectorTest {
    private static final String PROCESS = "process_creation";
    private static final String REGISTRY = "registry_set";

    private static Event event(String category, Map<String, Object> fields) {
        return Event.builder().product("windows").categories(Set.of(category)).fields(fields).build();
    }

    private static CandidateCollector collector(List<SigmaRule> rules) {
        RulePack pack = RulePack.of(rules);
        List<CompiledRule> compiled = RuleCompiler.compile(pack).rules();
        assertThat(compiled).hasSize(rules.size()); // slot n is rule n
        return CandidateIndex.of(pack, compiled).newCollector();
    }

    /** The candidate slots the collector picks for the event, in its order. */
    static List<Integer> candidates(CandidateCollector collector, Event event) {
        int n = collector.collect(new EvalContext(event));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(collector.candidate(i));
        return out;
    }

    @Test
    void onlyTheRulesOfTheEventsLogsourceAreCandidates() {
        CandidateCollector c = collector(List.of(
                rule("proc", ls("windows", PROCESS, null), field("CommandLine", s("*mimikatz*"))),
                rule("reg", ls("windows", REGISTRY, null), field("CommandLine", s("*mimikatz*")))));
        Map<String, Object> fields = Map.of("CommandLine", "run MIMIKATZ now");
        assertThat(candidates(c, event(PROCESS, fields))).containsExactly(0);
        assertThat(candidates(c, event(REGISTRY, fields))).containsExactly(1);
        assertThat(candidates(c, event("network_connection", fields))).isEmpty();
    }

    @Test
    void aRuleNeedsEveryTriggerGroup() {
        CandidateCollector c = collector(List.of(rule("both", ls("windows", PROCESS, null),
                allOf(field("CommandLine", s("*-enc*")), field("Image", s("*\\powershell.exe"))))));
        assertThat(candidates(c, event(PROCESS, Map.of("CommandLine", "x -enc y")))).isEmpty();
        assertThat(candidates(c, event(PROCESS, Map.of("Image", "C:\\PowerShell.exe")))).isEmpty();
        assertThat(candidates(c, event(PROCESS, Map.of("CommandLine", "x -ENC y", "Image", "C:\\PowerShell.exe"))))
                .containsExactly(0);
        // the needle at the wrong end of the value is not the suffix
        assertThat(candidates(c, event(PROCESS, Map.of("CommandLine", "-enc", "Image", "\\powershell.exe.txt"))))
                .isEmpty();
    }

    @Test
    void aRuleWithoutTriggersIsACandidateForEveryEventOfItsLogsource() {
        CandidateCollector c = collector(List.of(
                rule("any", ls("windows", PROCESS, null), notField("Image", s("*\\explorer.exe"))),
                rule("lit", ls("windows", PROCESS, null), field("Image", s("*\\cmd.exe")))));
        assertThat(candidates(c, event(PROCESS, Map.of("Image", "C:\\x.exe")))).containsExactly(0);
        assertThat(candidates(c, event(PROCESS, Map.of("Image", "C:\\cmd.exe")))).containsExactly(0, 1);
        assertThat(candidates(c, event(REGISTRY, Map.of("Image", "C:\\cmd.exe")))).isEmpty();
    }

    @Test
    void numbersAreMatchedByTheirTextAndRememberedByValue() {
        CandidateCollector c = collector(List.of(rule("id", ls("windows", null, "security"),
                field("EventID", s("4688")))));
        Event.Builder security = Event.builder().product("windows").services(Set.of("security"));
        for (int round = 0; round < 3; round++) { // the second and third rounds answer from memory
            assertThat(candidates(c, security.fields(Map.of("EventID", 4688L)).build())).containsExactly(0);
            assertThat(candidates(c, security.fields(Map.of("EventID", 46880L)).build())).isEmpty();
            assertThat(candidates(c, security.fields(Map.of("EventID", "4688")).build())).containsExactly(0);
            assertThat(candidates(c, security.fields(Map.of("EventID", 4689L)).build())).isEmpty();
        }
        // more numbers than the memory has slots: a slot holds one number, so another one in it must be scanned
        for (int round = 0; round < 2; round++) {
            for (long id = 0; id < 10_000; id++) {
                assertThat(candidates(c, security.fields(Map.of("EventID", id)).build())).as("EventID %d", id)
                        .isEqualTo(id == 4688 ? List.of(0) : List.of());
            }
        }
    }

    @Test
    void textsOfOneHashAreToldApart() {
        CandidateCollector c = collector(List.of(rule("aa", ls("windows", PROCESS, null),
                field("CommandLine", s("*aa*")))));
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()); // one memory slot for both
        for (int round = 0; round < 2; round++) {
            assertThat(candidates(c, event(PROCESS, Map.of("CommandLine", "AaAa")))).containsExactly(0);
            assertThat(candidates(c, event(PROCESS, Map.of("CommandLine", "BBBB")))).isEmpty();
        }
    }

    @Test
    void aVetoDropsACandidateUnlessTwoKeysDifferOnlyInCase() {
        CandidateCollector c = collector(List.of(rule("r", ls("windows", PROCESS, null), selections(
                "selection", field("CommandLine", s("*run*")),
                "filter", field("Image", s("*.exe"))), and(ref("selection"), not(ref("filter"))))));
        assertThat(candidates(c, event(PROCESS, Map.of("CommandLine", "run", "Image", "a.EXE")))).isEmpty();
        assertThat(candidates(c, event(PROCESS, Map.of("CommandLine", "run", "Image", "a.dll")))).containsExactly(0);
        Map<String, Object> twoKeys = new LinkedHashMap<>();
        twoKeys.put("CommandLine", "run");
        twoKeys.put("Image", "a.exe");
        twoKeys.put("image", "a.dll"); // the matcher reads one of the two: the veto of the other proves nothing
        assertThat(candidates(c, event(PROCESS, twoKeys))).containsExactly(0);
    }

    @Test
    void keywordRulesSearchEveryValue() {
        CandidateCollector c = collector(List.of(rule("kw", ls("windows", null, "system"), keywords(s("*evil*")))));
        Event.Builder system = Event.builder().product("windows").services(Set.of("system"));
        assertThat(candidates(c, system.fields(Map.of("A", "x", "B", "an EVIL thing")).build())).containsExactly(0);
        assertThat(candidates(c, system.fields(Map.of("A", "x", "B", "good")).build())).isEmpty();
    }

    /**
     * Remembered scans are exact: one collector that keeps its memory over thousands of events (short texts, texts
     * of the long table, texts no table keeps, evictions, numbers, repeats) answers each event as a new collector
     * does, and the answers ascend.
     */
    @Test
    void rememberedScansAnswerAsAFreshCollectorDoes() {
        List<SigmaRule> rules = new ArrayList<>();
        String[] needles = {"mimi", "katz", "-enc", "\\temp\\", "0x1f", "powershell", "a b", "zz"};
        for (int i = 0; i < needles.length; i++) {
            rules.add(rule("c" + i, ls("windows", PROCESS, null), field("CommandLine", s("*" + needles[i] + "*"))));
            rules.add(rule("i" + i, ls("windows", PROCESS, null), allOf(field("Image", s("*" + needles[i])),
                    field("CommandLine", s("*" + needles[(i + 1) % needles.length] + "*")))));
        }
        rules.add(rule("pid", ls("windows", PROCESS, null), field("ProcessId", s("4242"))));
        RulePack pack = RulePack.of(rules);
        List<CompiledRule> compiled = RuleCompiler.compile(pack).rules();
        CandidateIndex index = CandidateIndex.of(pack, compiled);
        CandidateCollector remembering = index.newCollector();
        Random rnd = new Random(11);
        String[] pieces = {"mimi", "KATZ", "-Enc", "\\Temp\\", "0x1F", "PowerShell", "a b", "z", "x", " ", "\u00e9",
                "\u0130", "C:\\"};
        List<Event> recent = new ArrayList<>();
        int withCandidates = 0;
        for (int n = 0; n < 12_000; n++) {
            Event e;
            if (!recent.isEmpty() && rnd.nextInt(3) == 0) {
                e = recent.get(rnd.nextInt(recent.size())); // a repeat: answered from memory if still there
            } else {
                int length = switch (rnd.nextInt(10)) {
                    case 0 -> 260 + rnd.nextInt(400); // the table of long texts
                    case 1 -> rnd.nextInt(50) == 0 ? 4_200 + rnd.nextInt(300) : 3;  // beyond both tables, rarely
                    default -> rnd.nextInt(12);
                };
                e = event(PROCESS, Map.of("CommandLine", text(rnd, pieces, length), "Image", text(rnd, pieces, 3),
                        "ProcessId", (long) (4240 + rnd.nextInt(4))));
                if (recent.size() < 500) recent.add(e);
                else recent.set(rnd.nextInt(recent.size()), e);
            }
            List<Integer> remembered = candidates(remembering, e);
            assertThat(remembered).as("event %d: %s", n, e.fields()).isEqualTo(candidates(index.newCollector(), e));
            assertThat(remembered).isSorted();
            withCandidates += remembered.isEmpty() ? 0 : 1;
        }
        assertThat(withCandidates).isGreaterThan(3_000);
    }

    /** A text holding dozens or hundreds of atoms (with repeats) is remembered with every one of them. */
    @Test
    void aTextOfManyAtomsIsRememberedWhole() {
        List<SigmaRule> rules = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rules.add(rule("k" + i, ls("windows", PROCESS, null), field("CommandLine", s("*k" + i + "x*"))));
        }
        RulePack pack = RulePack.of(rules);
        CandidateIndex index = CandidateIndex.of(pack, RuleCompiler.compile(pack).rules());
        CandidateCollector remembering = index.newCollector();
        Random rnd = new Random(5);
        for (int n = 0; n < 200; n++) {
            StringBuilder b = new StringBuilder();
            int atoms = n % 2 == 0 ? 40 : 300;
            for (int k = 0; k < atoms; k++) b.append('k').append(rnd.nextInt(3_000)).append("x ");
            Event e = event(PROCESS, Map.of("CommandLine", b.toString()));
            List<Integer> fresh = candidates(index.newCollector(), e);
            assertThat(fresh).hasSizeGreaterThan(30);
            assertThat(candidates(remembering, e)).isEqualTo(fresh); // scanned
            assertThat(candidates(remembering, e)).isEqualTo(fresh); // remembered
        }
    }

    private static String text(Random rnd, String[] pieces, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) b.append(pieces[rnd.nextInt(pieces.length)]);
        return b.toString();
    }
}
