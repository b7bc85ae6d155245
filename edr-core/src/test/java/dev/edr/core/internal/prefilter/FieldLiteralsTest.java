package dev.edr.core.internal.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The automata report exactly the atoms a plain String search finds in the lower-cased text. */
class FieldLiteralsTest {
    private static final String[] ALPHABET = {"a", "b", "c", "\\", ".", "x", "A", "B", "İ", "Σ", "ß", "é", " ", "É", "Ö", "ö",
        "®", "µ", "ÿ", "×"}; // Latin-1 folds in the scan; İ and Σ make it give up

    @ParameterizedTest
    @ValueSource(ints = {5, 60, 4000}) // 4000 needles leave most nodes without a dense row
    void reportsExactlyTheAtomsPresent(int needleCount) {
        check(needleCount, Atom.Anchor.values());
    }

    /** A field with one kind of atom only: no other automaton notices a value that lower-casing lengthens. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Atom.Anchor.class)
    void reportsExactlyTheAtomsPresentWithOneAnchor(Atom.Anchor anchor) {
        check(30, new Atom.Anchor[] {anchor});
        FieldLiterals literals = FieldLiterals.of(List.of(new Atom("f", "xi\u0307", anchor), new Atom("f", "a", anchor)),
                new int[] {0, 1});
        List<Integer> hits = new ArrayList<>();
        if (!literals.scanFolding("X\u0130", hits::add)) literals.scanLowered("X\u0130".toLowerCase(Locale.ROOT), hits::add);
        assertThat(hits).containsExactly(0);
    }

    private static void check(int needleCount, Atom.Anchor[] anchors) {
        Random rnd = new Random(needleCount + anchors.length);
        List<Atom> atoms = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        while (atoms.size() < needleCount) {
            String needle = random(rnd, 1 + rnd.nextInt(needleCount > 100 ? 8 : 4)).toLowerCase(Locale.ROOT);
            Atom.Anchor anchor = anchors[rnd.nextInt(anchors.length)];
            if (seen.add(anchor + needle)) atoms.add(new Atom("f", needle, anchor));
        }
        int[] ids = new int[atoms.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        FieldLiterals literals = FieldLiterals.of(atoms, ids);
        for (int n = 0; n < 3000; n++) {
            String text = random(rnd, rnd.nextInt(30));
            String lowered = text.toLowerCase(Locale.ROOT);
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < atoms.size(); i++) {
                if (present(atoms.get(i), lowered)) expected.add(i);
            }
            Set<Integer> actual = new TreeSet<>();
            if (!literals.scanFolding(text, actual::add)) {
                literals.scanLowered(lowered, actual::add);
            }
            assertThat(actual).as("'%s'", text).isEqualTo(expected);
        }
    }

    @Test
    void foldingGivesUpBeyondLatin1() {
        FieldLiterals literals = FieldLiterals.of(List.of(new Atom("f", "i", Atom.Anchor.CONTAINS)), new int[] {0});
        assertThat(literals.scanFolding("xİ", v -> { })).isFalse();
        List<Integer> hits = new ArrayList<>();
        assertThat(literals.scanFolding("XI", hits::add)).isTrue();
        assertThat(hits).containsExactly(0);
        FieldLiterals accented = FieldLiterals.of(List.of(new Atom("f", "é®", Atom.Anchor.CONTAINS)), new int[] {0});
        hits.clear();
        assertThat(accented.scanFolding("CAFÉ® Ltd", hits::add)).isTrue(); // folded in place, no rescan needed
        assertThat(hits).containsExactly(0);
    }

    private static boolean present(Atom a, String lowered) {
        return switch (a.anchor()) {
            case EQUALS -> lowered.equals(a.needle());
            case PREFIX -> lowered.startsWith(a.needle());
            case SUFFIX -> lowered.endsWith(a.needle());
            case CONTAINS -> lowered.contains(a.needle());
        };
    }

    private static String random(Random rnd, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) b.append(ALPHABET[rnd.nextInt(ALPHABET.length)]);
        return b.toString();
    }
}
