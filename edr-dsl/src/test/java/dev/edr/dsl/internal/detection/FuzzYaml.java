package dev.edr.dsl.internal.detection;

import dev.edr.dsl.internal.yaml.YNode;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Turns fuzzer text into nodes through the test YAML adapter, or gives null for text that is not YAML or has a
 * shape the production reader rejects (complex keys, deep or recursive nesting): those inputs say nothing about
 * the detection parser.
 */
final class FuzzYaml {
    private static final int MAX_DEPTH = 64;

    private FuzzYaml() {}

    static YNode parse(String source, String text) {
        if (!shallow(text)) {
            return null;
        }
        try {
            List<YNode> documents = TestYaml.parseAll(source, text);
            return documents.isEmpty() ? null : documents.get(0);
        } catch (YamlEngineException | ClassCastException | StackOverflowError e) {
            return null;
        }
    }

    /** Bracket and indentation depth well under the limit keeps the recursive adapter safe; aliases are refused. */
    private static boolean shallow(String text) {
        int open = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                if (++open > MAX_DEPTH) {
                    return false;
                }
            } else if (c == ']' || c == '}') {
                open = Math.max(0, open - 1);
            } else if (c == '*' && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))
                    && (i == 0 || " [{,:".indexOf(text.charAt(i - 1)) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
