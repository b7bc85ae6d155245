package dev.edr.core.internal.prefilter;

/**
 * A literal that must occur in a field's lower-cased text for a rule to have a chance: {@code needle} is lower-cased
 * exactly as the rule's matcher lowers it, {@code field} is the rule's field name, or {@code null} for the keyword
 * search over every string of the event.
 */
public record Atom(String field, String needle, Anchor anchor) {
    /** Where the needle must sit in the text. */
    public enum Anchor {
        /** The whole text. */
        EQUALS,
        /** The start of the text. */
        PREFIX,
        /** The end of the text. */
        SUFFIX,
        /** Anywhere. */
        CONTAINS
    }

    public Atom {
        if (needle.isEmpty()) {
            throw new IllegalArgumentException("an atom needs a non-empty needle");
        }
    }

    /** The rough chance that the atom is present in an event: what the rule selection minimizes. */
    double weight() {
        double base = switch (anchor) {
            case EQUALS -> 0.02;
            case PREFIX, SUFFIX -> 0.04;
            case CONTAINS -> 0.08;
        };
        // short needles occur by chance; equality on a short text (an event id, a flag) is an attribute most events have
        double shortness = needle.length() >= 6 ? 1 : 6.0 / needle.length();
        double keyword = field == null ? 2 : 1;
        return Math.min(1, base * shortness * shortness * keyword);
    }
}
