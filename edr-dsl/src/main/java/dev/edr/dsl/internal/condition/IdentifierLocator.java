package dev.edr.dsl.internal.condition;

import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.Diagnostics;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line that defines a search identifier, to place "never used" warnings on the definition.
 *
 * <p>The condition parser is handed identifier names, not their nodes, so the definition is looked up in the source
 * text: a sibling key of {@code condition:} at the same indentation, within the same block mapping. When the layout
 * is unusual (flow mappings, the condition key not found near its value) the warning falls back to the condition.
 */
final class IdentifierLocator {
    private static final Pattern CONDITION_KEY = Pattern.compile("^(\\s*)condition\\s*:");
    /** Give up after this many blank or missing lines in a row: {@link Diagnostics} does not expose the line count. */
    private static final int MAX_BLANK_RUN = 200;
    private static final int MAX_LINES_BACK_TO_KEY = 3;

    private final Diagnostics diag;
    private final SourceLocation fallback;
    private final int keyLine;
    private final int indent;

    IdentifierLocator(Diagnostics diag, SourceLocation conditionValue) {
        this.diag = diag;
        this.fallback = conditionValue;
        int foundLine = -1;
        int foundIndent = -1;
        for (int line = conditionValue.line(); line >= 1 && line >= conditionValue.line() - MAX_LINES_BACK_TO_KEY;
                line--) {
            Matcher m = CONDITION_KEY.matcher(diag.lineText(line));
            if (m.find()) {
                foundLine = line;
                foundIndent = m.group(1).length();
                break;
            }
        }
        this.keyLine = foundLine;
        this.indent = foundIndent;
    }

    SourceLocation locate(String identifier) {
        if (keyLine < 0) {
            return fallback;
        }
        Pattern key = Pattern.compile("^ {" + indent + "}(?:" + Pattern.quote(identifier) + "|'"
                + Pattern.quote(identifier.replace("'", "''")) + "'|\"" + Pattern.quote(identifier) + "\")\\s*:");
        SourceLocation found = scan(key, -1);
        if (found == null) {
            found = scan(key, +1);
        }
        return found == null ? fallback : found;
    }

    private SourceLocation scan(Pattern key, int step) {
        int blankRun = 0;
        for (int line = keyLine + step; line >= 1 && blankRun < MAX_BLANK_RUN; line += step) {
            String text = diag.lineText(line);
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                blankRun++;
                continue;
            }
            blankRun = 0;
            int lineIndent = text.length() - text.stripLeading().length();
            if (lineIndent < indent) {
                return null;
            }
            if (lineIndent == indent && key.matcher(text).find()) {
                return new SourceLocation(fallback.source(), line, indent + 1);
            }
        }
        return null;
    }
}
