package dev.edr.dsl.internal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.Severity;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import java.util.List;
import java.util.Map;

/** Parses a detection section written as YAML text and offers short accessors for assertions. */
record Fixture(Map<String, Selection> selections, List<Issue> issues) {
    static final String SOURCE = "rule.yml";

    static Fixture parse(String yaml) {
        return parse(yaml, Limits.DEFAULTS);
    }

    static Fixture parse(String yaml, Limits limits) {
        Diagnostics diag = new Diagnostics(SOURCE, yaml);
        YMap detection = (YMap) TestYaml.parse(SOURCE, yaml);
        Map<String, Selection> result = DetectionParser.parseSelections(detection, limits, diag);
        return new Fixture(result, diag.issues());
    }

    /** Parses {@code key: value} as the only item of identifier {@code sel}. */
    static Fixture item(String keyAndValue) {
        return parse("sel:\n  " + keyAndValue.replace("\n", "\n  ") + "\n");
    }

    List<Issue> errors() {
        return issues.stream().filter(Issue::isError).toList();
    }

    List<Issue> warnings() {
        return issues.stream().filter(i -> i.severity() == Severity.WARNING).toList();
    }

    /** The single item of identifier {@code sel}, asserting that it parsed cleanly. */
    Selection.FieldMatch only() {
        assertThat(errors()).as("errors").isEmpty();
        Selection s = selections.get("sel");
        assertThat(s).isInstanceOf(Selection.AllOf.class);
        List<Selection> items = ((Selection.AllOf) s).items();
        assertThat(items).hasSize(1);
        return (Selection.FieldMatch) items.get(0);
    }

    /** The single value of the single item. */
    ValueMatch value() {
        List<ValueMatch> values = only().values();
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** Asserts exactly one error and returns it. */
    Issue error() {
        assertThat(errors()).as("errors").hasSize(1);
        return errors().get(0);
    }

    static void assertIssue(Issue issue, IssueCode code, int line, int column) {
        assertThat(issue.code()).as("code of " + issue.headline()).isEqualTo(code);
        assertThat(issue.location().source()).isEqualTo(SOURCE);
        assertThat(issue.location().line()).as("line of " + issue.headline()).isEqualTo(line);
        assertThat(issue.location().column()).as("column of " + issue.headline()).isEqualTo(column);
    }

    static ValueMatch.StringMatch str(Glob.Segment... segments) {
        return new ValueMatch.StringMatch(Glob.of(List.of(segments)), false);
    }

    static Glob.Text t(String text) {
        return new Glob.Text(text);
    }

    static final Glob.Wildcard MANY = Glob.Wildcard.MANY;
    static final Glob.Wildcard ONE = Glob.Wildcard.ONE;
}
