package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.SourceLocation;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/** Turns snakeyaml marks (0-based, in code points) into 1-based source locations of one text. */
final class Positions {
    private final String source;
    private final String text;
    private Boolean bmpOnly; // counted when first needed: only anchored or tagged nodes ask

    Positions(String source, String text) {
        this.source = source;
        this.text = text;
    }

    SourceLocation at(Mark m) {
        return at(m.getLine() + 1, m.getColumn() + 1);
    }

    SourceLocation at(int line, int column) {
        return SourceLocation.of(source, line, column);
    }

    /**
     * The position of a node's content. snakeyaml marks a node at its first property ({@code &anchor},
     * {@code !tag}); skip those when the content follows on the same line.
     */
    SourceLocation node(NodeEvent e, boolean tagged, SourceLocation fallback) {
        Mark m = e.getStartMark().orElse(null);
        if (m == null) {
            return fallback;
        }
        if (e.getAnchor().isEmpty() && !tagged) {
            return at(m);
        }
        if (bmpOnly == null) {
            bmpOnly = text.codePointCount(0, text.length()) == text.length();
        }
        int i = bmpOnly ? m.getIndex() : text.offsetByCodePoints(0, m.getIndex());
        int skipped = 0;
        for (int property = 0; property < 2 && i < text.length(); property++) {
            char c = text.charAt(i);
            if (c != '&' && c != '!') break;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i += Character.charCount(text.codePointAt(i));
                skipped++;
            }
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
                skipped++;
            }
        }
        if (i >= text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '#') {
            return at(m);
        }
        return at(m.getLine() + 1, m.getColumn() + 1 + skipped);
    }
}
