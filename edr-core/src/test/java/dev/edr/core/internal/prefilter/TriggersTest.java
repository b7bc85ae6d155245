package dev.edr.core.internal.prefilter;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which trigger groups a detection yields: every group must be necessary (the differential tests prove no detection
 * is lost); these cases pin down that the groups are also the narrow ones.
 */
class TriggersTest {
    private static final Atom.Anchor CONTAINS = Atom.Anchor.CONTAINS;

    private static List<Set<Atom>> triggers(Selection selection) {
        return Triggers.of(rule("r", ls("windows", "process_creation", null), selection).detection());
    }

    private static Atom cmd(String needle) {
        return new Atom("CommandLine", needle, CONTAINS);
    }

    @Test
    void piecesEveryAlternativeHasAreGroupsOfTheirOwn() {
        // SigmaHQ's findstr recon rule: 'ipconfig*|*find', 'net*|*find', ... under contains
        List<Set<Atom>> groups = triggers(field("CommandLine", s("*ipconfig*|*find*"), s("*net*|*find*")));
        assertThat(groups).containsExactlyInAnyOrder(Set.of(cmd("find")), Set.of(cmd("|")),
                Set.of(cmd("ipconfig"), cmd("net")));
    }

    @Test
    void aPieceOnlySomeAlternativesHaveStaysInTheUnion() {
        // two unions: of each alternative's cheapest group, and of its second cheapest (or its only one)
        List<Set<Atom>> groups = triggers(field("CommandLine", s("*whoami*|*find*"), s("*tasklist*")));
        assertThat(groups).containsExactly(Set.of(cmd("whoami"), cmd("tasklist")), Set.of(cmd("find"), cmd("tasklist")));
        // an alternative made only of common pieces needs no union: the common groups cover it
        assertThat(triggers(field("CommandLine", s("*find*"), s("*net*find*"))))
                .containsExactly(Set.of(cmd("find")));
    }

    @Test
    void aSingleValueGivesAllItsPiecesWithTheirAnchors() {
        assertThat(triggers(field("Image", s("c:\\\\temp\\\\*evil*.exe")))).containsExactlyInAnyOrder(
                Set.of(new Atom("Image", "c:\\temp\\", Atom.Anchor.PREFIX)),
                Set.of(new Atom("Image", "evil", CONTAINS)),
                Set.of(new Atom("Image", ".exe", Atom.Anchor.SUFFIX)));
    }

    @Test
    void eachRegexOfAListContributesItsCheapestRuns() {
        // SigmaHQ's PowerShell token obfuscation: backticks; '${', then single letters and punctuation
        List<Set<Atom>> groups = triggers(field("CommandLine",
                new ValueMatch.RegexMatch("\\w+`(?:\\w+|-|.)`[\\w+|\\s]", false, false, false),
                new ValueMatch.RegexMatch("(?i)\\$\\{`?e`?n`?v`?:`?p`?a`?t`?h`?\\}", false, false, false)));
        assertThat(groups).containsExactly(Set.of(cmd("`"), cmd("${")), Set.of(cmd("`"), cmd("}")));
    }

    @Test
    void equalityOnAFieldOfFewValuesWeighsMoreThanARareText() {
        // selection1 or (EventType: SetValue and Details|contains: ...): the first union takes the Details text
        SigmaRule r = rule("r", ls("windows", "registry_event", null), selections(
                "selection1", field("TargetObject", s("*\\\\Services\\\\HybridConnectionManager*")),
                "selection2", allOf(field("EventType", s("SetValue")),
                        field("Details", s("*Microsoft.HybridConnectionManager.Listener.exe*")))),
                new Condition.Or(List.of(ref("selection1"), ref("selection2"))));
        Atom target = new Atom("TargetObject", "\\services\\hybridconnecti", CONTAINS);
        assertThat(Triggers.of(r.detection())).containsExactly(
                Set.of(target, new Atom("Details", "microsoft.hybridconnecti", CONTAINS)),
                Set.of(target, new Atom("EventType", "setvalue", Atom.Anchor.EQUALS)));
        assertThat(new Atom("EventType", "setvalue", Atom.Anchor.EQUALS).weight())
                .isGreaterThan(new Atom("Details", "microsoft.hybridconnecti", CONTAINS).weight());
    }

    @Test
    void shortNeedlesOfRarePunctuationWeighLessThanCommonOnes() {
        assertThat(cmd("$").weight()).isLessThan(cmd("\\").weight());
        assertThat(cmd("${").weight()).isLessThan(cmd("v").weight());
        // beyond six characters a longer needle still weighs a little less: ties go to the rarer text
        assertThat(cmd("microsift.exe").weight()).isLessThan(cmd("\\appdata\\").weight());
        // a needle within a common image name is never made rarer by it
        assertThat(cmd("v").weight()).isEqualTo(1.0);
        assertThat(cmd("\\svchost.exe").weight()).isEqualTo(0.15);
    }

    @Test
    void aLongNeedleStartingInACommonRegistryPathKeepsItsEnd() {
        String run = "\\software\\microsoft\\windows\\currentversion\\run\\updater";
        assertThat(Atom.of("TargetObject", run, CONTAINS))
                .isEqualTo(new Atom("TargetObject", run.substring(run.length() - 24), CONTAINS));
        assertThat(Atom.of("TargetObject", "hklm" + run, Atom.Anchor.PREFIX))
                .isEqualTo(new Atom("TargetObject", run.substring(run.length() - 24), CONTAINS));
        assertThat(Atom.of("TargetObject", "hklm" + run, Atom.Anchor.EQUALS))
                .isEqualTo(new Atom("TargetObject", run.substring(run.length() - 24), Atom.Anchor.SUFFIX));
        // any other long needle keeps its start
        String path = "c:\\users\\public\\documents\\very\\long\\name.dll";
        assertThat(Atom.of("Image", path, Atom.Anchor.EQUALS))
                .isEqualTo(new Atom("Image", path.substring(0, 24), Atom.Anchor.PREFIX));
        // and the common path itself weighs as much as a system directory
        assertThat(new Atom("TargetObject", "\\software\\microsoft\\wind", CONTAINS).weight()).isEqualTo(0.6);
    }
}
