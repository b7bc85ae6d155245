package dev.edr.core.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value after escape processing: literal text interleaved with the wildcards {@code *} (any
 * run of characters) and {@code ?} (one character). Adjacent literal text is merged.
 */
public record Glob(List<Segment> segments) {
    public sealed interface Segment {}

    public record Text(String text) implements Segment {}

    public enum Wildcard implements Segment { MANY, ONE }

    public Glob {
        segments = List.copyOf(segments);
    }

    public static Glob literal(String text) {
        return new Glob(text.isEmpty() ? List.of() : List.of(new Text(text)));
    }

    /** True when the glob has no wildcard. */
    public boolean isLiteral() {
        return segments.stream().noneMatch(s -> s instanceof Wildcard);
    }

    /** The literal text, valid only when {@link #isLiteral()}. */
    public String literalText() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Text t) b.append(t.text());
        }
        return b.toString();
    }

    public Glob prepend(Segment s) {
        List<Segment> l = new ArrayList<>(segments.size() + 1);
        l.add(s);
        l.addAll(segments);
        return new Glob(merge(l));
    }

    public Glob append(Segment s) {
        List<Segment> l = new ArrayList<>(segments);
        l.add(s);
        return new Glob(merge(l));
    }

    private static List<Segment> merge(List<Segment> in) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : in) {
            if (!out.isEmpty() && s instanceof Text t && out.get(out.size() - 1) instanceof Text prev) {
                out.set(out.size() - 1, new Text(prev.text() + t.text()));
            } else if (!out.isEmpty() && s == Wildcard.MANY && out.get(out.size() - 1) == Wildcard.MANY) {
                continue; // ** == *
            } else if (!(s instanceof Text t2 && t2.text().isEmpty())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Builds from segments, merging adjacent text and collapsing {@code **}. */
    public static Glob of(List<Segment> segments) {
        return new Glob(merge(segments));
    }

    /** Sigma notation: wildcards as {@code * ?}, literal {@code * ? \} escaped with a backslash. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            if (s == Wildcard.MANY) b.append('*');
            else if (s == Wildcard.ONE) b.append('?');
            else for (char c : ((Text) s).text().toCharArray()) {
                if (c == '*' || c == '?' || c == '\\') b.append('\\');
                b.append(c);
            }
        }
        return b.toString();
    }
}
