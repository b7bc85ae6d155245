package dev.edr.dsl.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the condition golden files in {@code src/test/resources/condition-golden}. Each case is placed in a
 * synthetic rule file, {@code condition:} on line 12 with its value at column 16, the identifiers as detection
 * keys after it; the YAML is composed with real positions and handed to {@link ConditionParser}.
 *
 * <pre>
 * == case name
 * ids: selection filter_a           identifiers in file order ({{N*text}} repeats text, $i is the index)
 * cond: selection and not filter_a  the YAML value after "condition: " (any YAML scalar or empty for a list)
 * ~     - more raw source lines     continuation lines of the condition, copied verbatim
 * tree: (and selection (not filter_a))   or "shape: or operands=3 depth=2" for huge trees, "tree: null"
 * issues:                           absent means: no issue at all
 *   12:29 error UNDEFINED_IDENTIFIER: message
 * </pre>
 *
 * Run with {@code -Dgolden.update=true} to rewrite the expectations from the current output (then review the diff).
 */
class ConditionGoldenTest {
    static final String DIR = "condition-golden";
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(\\d+)\\*(.*?)}}");

    @TestFactory
    Stream<DynamicNode> goldenFiles() throws IOException, URISyntaxException {
        Path dir = Paths.get(getClass().getClassLoader().getResource(DIR).toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".golden")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        boolean update = Boolean.getBoolean("golden.update");
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            List<Case> cases = parseFile(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (update) {
                rewrite(file.getFileName().toString(), cases);
            }
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(),
                    cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)))));
        }
        return nodes.stream();
    }

    private static void check(Case c) {
        assertThat(c.hasExpectation()).as("case has an expectation (tree:, shape: or issues:)").isTrue();
        Result actual = run(c);
        assertThat(actual.issues).as("issues").containsExactlyElementsOf(c.issues);
        if (c.shape != null) {
            assertThat(actual.shape).as("shape").isEqualTo(c.shape);
        } else {
            assertThat(actual.tree).as("tree").isEqualTo(c.tree);
        }
    }

    static Result run(Case c) {
        List<String> ids = c.ids.isBlank() ? List.of() : List.of(expand(c.ids).trim().split("\\s+"));
        StringBuilder yaml = new StringBuilder("title: golden case\n");
        for (int line = 2; line <= 10; line++) {
            yaml.append("# padding so that the condition sits on line 12\n");
        }
        yaml.append("detection:\n");
        String cond = expand(c.cond);
        yaml.append("    condition:").append(cond.isEmpty() ? "" : " " + cond).append('\n');
        for (String more : c.more) {
            yaml.append(expand(more)).append('\n');
        }
        for (String id : ids) {
            yaml.append("    ").append(id).append(": x\n");
        }
        String text = yaml.toString();
        YMap root = (YMap) ComposedYaml.compose("rule.yml", text);
        YNode condition = ((YMap) root.get("detection")).get("condition");
        Diagnostics diag = new Diagnostics("rule.yml", text);
        Condition tree = ConditionParser.parse(condition, ids, diag);
        List<String> issues = diag.issues().stream().map(ConditionGoldenTest::render).toList();
        return new Result(Sexpr.of(tree), Sexpr.shape(tree), issues);
    }

    static String render(Issue i) {
        return i.location().line() + ":" + i.location().column() + " " + i.severity().label() + " " + i.code().name()
                + ": " + i.message();
    }

    static String expand(String s) {
        Matcher m = REPEAT.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            StringBuilder rep = new StringBuilder();
            for (int i = 0; i < n; i++) {
                rep.append(m.group(2).replace("$i", Integer.toString(i)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rep.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    record Result(String tree, String shape, List<String> issues) {}

    static final class Case {
        final List<String> header = new ArrayList<>();
        String name = "";
        String ids = "";
        String cond = "";
        final List<String> more = new ArrayList<>();
        String tree;
        String shape;
        final List<String> issues = new ArrayList<>();
        boolean issuesGiven;

        boolean hasExpectation() {
            return tree != null || shape != null || issuesGiven;
        }
    }

    static List<Case> parseFile(List<String> lines) {
        List<Case> cases = new ArrayList<>();
        List<String> pendingComments = new ArrayList<>();
        Case current = null;
        boolean inIssues = false;
        for (String line : lines) {
            if (line.startsWith("== ")) {
                current = new Case();
                current.header.addAll(pendingComments);
                pendingComments.clear();
                current.name = line.substring(3).trim();
                cases.add(current);
                inIssues = false;
            } else if (line.startsWith("#") || line.isBlank() || current == null) {
                pendingComments.add(line);
            } else if (inIssues && line.startsWith("  ")) {
                current.issues.add(line.trim());
            } else if (line.startsWith("ids:")) {
                current.ids = line.substring(4).trim();
            } else if (line.startsWith("cond:")) {
                current.cond = line.substring(5).trim();
            } else if (line.startsWith("~")) {
                current.more.add(line.length() > 2 ? line.substring(2) : "");
            } else if (line.startsWith("tree:")) {
                current.tree = line.substring(5).trim();
            } else if (line.startsWith("shape:")) {
                current.shape = line.substring(6).trim();
            } else if (line.startsWith("issues:")) {
                current.issuesGiven = true;
                inIssues = true;
            } else {
                throw new IllegalArgumentException("unreadable golden line: " + line);
            }
        }
        return cases;
    }

    /** Writes the cases back with the current output; for reviewing new cases, never run in CI. */
    private static void rewrite(String fileName, List<Case> cases) throws IOException {
        List<String> out = new ArrayList<>();
        for (Case c : cases) {
            Result r = run(c);
            out.addAll(c.header);
            out.add("== " + c.name);
            out.add(("ids: " + c.ids).strip());
            out.add(("cond: " + c.cond).strip());
            c.more.forEach(m -> out.add(("~ " + m).stripTrailing()));
            out.add(c.shape != null ? "shape: " + r.shape : "tree: " + r.tree);
            if (!r.issues.isEmpty()) {
                out.add("issues:");
                r.issues.forEach(i -> out.add("  " + i));
            }
        }
        Files.write(Paths.get("src/test/resources", DIR, fileName), out, StandardCharsets.UTF_8);
    }
}
