package dev.edr.core.internal.prefilter;

import java.util.List;

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

    /**
     * Longer needles are cut: two dozen characters select about as well as forty, and the automata stay small (long paths and
     * hashes otherwise become long single-child chains) and so stay in cache.
     */
    static final int MAX_NEEDLE = 24;

    public Atom {
        if (needle.isEmpty()) {
            throw new IllegalArgumentException("an atom needs a non-empty needle");
        }
    }

    /**
     * The atom, its needle cut to {@link #MAX_NEEDLE} characters where longer: a text holding the needle holds each
     * piece of it, so the cut atom is still necessary (an equality becomes a prefix, a suffix keeps its end).
     */
    static Atom of(String field, String needle, Anchor anchor) {
        if (needle.length() <= MAX_NEEDLE) {
            return new Atom(field, needle, anchor);
        }
        return switch (anchor) {
            case EQUALS, PREFIX -> new Atom(field, needle.substring(0, MAX_NEEDLE), Anchor.PREFIX);
            case SUFFIX -> new Atom(field, needle.substring(needle.length() - MAX_NEEDLE), Anchor.SUFFIX);
            case CONTAINS -> new Atom(field, needle.substring(0, MAX_NEEDLE), Anchor.CONTAINS);
        };
    }

    /**
     * Text that many Windows process, file and image events hold, whatever the rule: the system directories (nearly
     * every image path runs through one) and the shells and hosts that start a good share of processes. A rule that
     * needs {@code \\Windows\\} in the image or {@code \\cmd.exe} as the parent, and something rarer elsewhere, is
     * better triggered by the rarer part. General knowledge of the platform, not taken from any data set.
     */
    private static final List<String> SYSTEM_DIRECTORIES =
            List.of("c:\\windows\\system32\\", "c:\\windows\\syswow64\\", "c:\\program files (x86)\\");
    private static final List<String> COMMON_IMAGES = List.of("\\cmd.exe", "\\powershell.exe", "\\pwsh.exe",
            "\\conhost.exe", "\\svchost.exe", "\\rundll32.exe", "\\explorer.exe", "\\msiexec.exe",
            "\\wmiprvse.exe", "\\services.exe");
    private static final int LONGEST_COMMON = java.util.stream.Stream.concat(SYSTEM_DIRECTORIES.stream(),
            COMMON_IMAGES.stream()).mapToInt(String::length).max().orElse(0);

    /** The rough chance that the atom is present in an event: what the rule selection minimizes. */
    double weight() {
        if (anchor != Anchor.EQUALS && needle.length() <= 5 && needle.charAt(0) == '.') {
            return 0.5; // a file extension ('.exe'): nearly every image path ends with one of a few
        }
        if (anchor != Anchor.EQUALS && needle.length() <= LONGEST_COMMON) {
            for (String dir : SYSTEM_DIRECTORIES) {
                if (dir.contains(needle)) return 0.6;
            }
            for (String image : COMMON_IMAGES) {
                if (image.contains(needle)) return 0.15;
            }
        }
        double base = switch (anchor) {
            // an event id or other number: a logsource has few of them, so each is common among its events
            case EQUALS -> needle.chars().allMatch(c -> c >= '0' && c <= '9') ? 0.25 : 0.02;
            case PREFIX, SUFFIX -> 0.04;
            case CONTAINS -> 0.08;
        };
        // short needles occur by chance; equality on a short text (an event id, a flag) is an attribute most events have
        double shortness = needle.length() >= 6 ? 1 : 6.0 / needle.length();
        double keyword = field == null ? 2 : 1;
        return Math.min(1, base * shortness * shortness * keyword);
    }
}
