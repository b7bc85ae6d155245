package dev.edr.dsl.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks must accept exactly what the patterns they replace accept. */
class MetaShapesTest {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])");
    private static final Pattern TAG = Pattern.compile("[a-z0-9_-]+\\.[a-z0-9._-]+");

    /** Random variations of a valid example: characters replaced, dropped or doubled. */
    private static List<String> variations(String valid, String alphabet, Random random) {
        List<String> out = new ArrayList<>(List.of(valid, "", valid.toUpperCase(java.util.Locale.ROOT)));
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder(valid);
            for (int e = random.nextInt(3); e >= 0 && s.length() > 0; e--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> s.deleteCharAt(at);
                    default -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void agreeWithThePatterns() {
        Random random = new Random(5);
        for (String s : variations("7ac407cc-0f48-4328-aede-de1d2e6fef41", "0af9AFgG-_. é", random)) {
            assertThat(MetaShapes.isUuid(s)).as(s).isEqualTo(UUID.matcher(s).matches());
        }
        for (String s : variations("2023-01-13", "0123459-/a٣ ", random)) {
            assertThat(MetaShapes.isDateShape(s)).as(s).isEqualTo(DATE.matcher(s).matches());
        }
        for (String s : variations("attack.t1059.001", "az09_-.A é/", random)) {
            assertThat(MetaShapes.isTag(s)).as(s).isEqualTo(TAG.matcher(s).matches());
        }
        for (String s : List.of("a.b", ".a", "a.", "a..b", "-.-", "a.b.c", "A.b", "a.B", "..", ".")) {
            assertThat(MetaShapes.isTag(s)).as(s).isEqualTo(TAG.matcher(s).matches());
        }
    }
}
