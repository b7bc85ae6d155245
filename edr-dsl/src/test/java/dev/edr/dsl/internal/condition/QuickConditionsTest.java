package dev.edr.dsl.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YScalar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link QuickConditions} stands in for the ANTLR path on the conditions it accepts: whenever it yields a condition,
 * the full parser must accept the same text without any issue and build the same condition from the same
 * identifiers.
 */
class QuickConditionsTest {
    private record Full(Condition condition, Set<String> used, int issues) {}

    private static Full full(String text, List<String> names) {
        Diagnostics diag = new Diagnostics("t.yml", "condition: " + text);
        YScalar scalar = new YScalar(text, text, YScalar.Style.PLAIN, SourceLocation.of("t.yml", 1, 12));
        ConditionSyntax.Parsed parsed = ConditionSyntax.parse(text);
        if (parsed.problem() != null) {
            return new Full(null, Set.of(), 1);
        }
        Set<String> used = new HashSet<>();
        Condition c = new TreeBuilder(new Identifiers(names), ScalarPositions.of(scalar, diag), diag, used)
                .build(parsed.tree().orExpr());
        int issues = diag.issues().size() + (parsed.tree().aggregation() != null ? 1 : 0);
        return new Full(c, used, issues);
    }

    /** True when the quick path took the text (and then agreed with the full parser). */
    private static boolean assertAgrees(String text, List<String> names) {
        QuickConditions.Result quick = QuickConditions.parse(text, new Identifiers(names));
        if (quick == null) {
            return false;
        }
        Full f = full(text, names);
        assertThat(f.issues()).as("issues of the full parser for '%s' %s", text, names).isZero();
        assertThat(quick.condition()).as("'%s' %s", text, names).isEqualTo(f.condition());
        assertThat(quick.used()).as("used by '%s' %s", text, names).isEqualTo(f.used());
        return true;
    }

    private static List<SigmaCorpusConditionTest.CorpusCondition> corpus() throws IOException {
        Path sigma = SigmaCorpusConditionTest.sigmaDir();
        List<SigmaCorpusConditionTest.CorpusCondition> all = new ArrayList<>();
        for (String d : List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "deprecated", "unsupported")) {
            all.addAll(SigmaCorpusConditionTest.conditionsUnder(sigma.resolve(d)));
        }
        return all;
    }

    private static List<String> texts(Object condition) {
        List<String> out = new ArrayList<>();
        if (condition instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        } else {
            out.add(String.valueOf(condition));
        }
        return out;
    }

    @Test
    void agreesWithTheFullParserOnTheCorpusAndTakesNearlyAllOfIt() throws IOException {
        int total = 0;
        int quick = 0;
        for (var c : corpus()) {
            for (String text : texts(c.condition())) {
                total++;
                if (assertAgrees(text, c.identifiers())) quick++;
            }
        }
        System.out.println("conditions: " + total + ", " + quick + " parsed without ANTLR");
        assertThat(quick).isGreaterThan(total * 9 / 10);
    }

    @Test
    void agreesWithTheFullParserOnMutationsOfTheCorpus() throws IOException {
        String[] pieces = {" and ", " or ", " not ", "(", ")", " | ", "1 of ", "all of ", " of ", "*", "them", " ",
            "undefined", "2 of ", "AND", "Not ", "x", "-", ".", "é", ",", " count() > 5", "\u00A0", "\t", "\n"};
        Random random = new Random(7);
        int tried = 0;
        int quick = 0;
        for (var c : corpus()) {
            for (String text : texts(c.condition())) {
                for (int m = 0; m < 8; m++) {
                    StringBuilder s = new StringBuilder(text);
                    for (int e = 0; e <= random.nextInt(3); e++) {
                        int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
                        if (random.nextInt(3) == 0 && s.length() > 0) {
                            s.delete(at == s.length() ? at - 1 : at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                        } else {
                            s.insert(at, pieces[random.nextInt(pieces.length)]);
                        }
                    }
                    List<String> names = new ArrayList<>(c.identifiers());
                    if (random.nextInt(4) == 0 && !names.isEmpty()) names.remove(random.nextInt(names.size()));
                    if (random.nextInt(4) == 0) names.add(random.nextBoolean() ? "_helper" : "x");
                    tried++;
                    if (assertAgrees(s.toString(), names)) quick++;
                }
            }
        }
        System.out.println("condition mutations: " + tried + ", " + quick + " parsed without ANTLR");
        assertThat(quick).as("mutations the quick path takes (else this test proves little)").isGreaterThan(tried / 100);
    }

    @Test
    void agreesWithTheFullParserOnGeneratedConditions() throws IOException {
        Random random = new Random(11);
        int tried = 0;
        int quick = 0;
        for (var c : corpus()) {
            if (c.identifiers().isEmpty()) continue;
            for (int m = 0; m < 4; m++) {
                tried++;
                if (assertAgrees(generate(c.identifiers(), random, 0), c.identifiers())) quick++;
            }
        }
        System.out.println("generated conditions: " + tried + ", " + quick + " parsed without ANTLR");
        assertThat(quick).isGreaterThan(tried / 2);
    }

    /** A random condition over the identifiers, mostly valid: keywords in any case, odd spacing, patterns. */
    private static String generate(List<String> names, Random random, int depth) {
        String[] spaces = {" ", "  ", "\t", "\n ", "\u00A0"};
        String sp = spaces[random.nextInt(spaces.length)];
        int kind = depth > 3 ? random.nextInt(3) : random.nextInt(7);
        String name = names.get(random.nextInt(names.size()));
        return switch (kind) {
            case 0 -> name;
            case 1 -> {
                String prefix = name.substring(0, random.nextInt(name.length() + 1));
                yield (random.nextBoolean() ? "1" : random.nextBoolean() ? "all" : "ALL") + sp + cased("of", random) + sp
                        + (random.nextInt(4) == 0 ? cased("them", random) : prefix + "*");
            }
            case 2 -> cased("not", random) + sp + generate(names, random, depth + 1);
            case 3 -> "(" + (random.nextBoolean() ? sp : "") + generate(names, random, depth + 1) + ")";
            default -> generate(names, random, depth + 1) + sp + cased(random.nextBoolean() ? "and" : "or", random) + sp
                    + generate(names, random, depth + 1);
        };
    }

    private static String cased(String keyword, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> keyword;
            case 1 -> keyword.toUpperCase(java.util.Locale.ROOT);
            default -> Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1);
        };
    }

    @Test
    void leavesEverythingReportableToTheFullParser() {
        List<String> names = List.of("sel", "filter_a", "filter_b", "_helper");
        for (String text : List.of("sel and", "sel and undefined", "sel*", "2 of filter_*", "1 of nothing*",
                "sel | count() > 5", "(sel", "sel)", "séléction", "sel, filter_a", "1 of of", "", "not")) {
            assertThat(QuickConditions.parse(text, new Identifiers(names))).as(text).isNull();
        }
        assertThat(assertAgrees("sel and not 1 of filter_* and all of them or not (sel or _helper)", names)).isTrue();
    }
}
