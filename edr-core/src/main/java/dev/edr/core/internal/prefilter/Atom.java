package dev.edr.core.internal.prefilter;

import java.util.List;
import java.util.Objects;

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

    /*
     * equals and hashCode are written out, with the record's meaning: the generated ones link through method
     * handles on first use and run as chains of them until the optimizing compiler gets to them, and a cold compile
     * of the corpus calls these hundreds of thousands of times (hash maps of atoms) while that compiler is
     * backlogged. The anchor hashes by ordinal, so that the hash is the same from run to run.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Atom a && anchor == a.anchor && needle.equals(a.needle) && Objects.equals(field, a.field);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(field) * 31 + needle.hashCode()) * 31 + anchor.ordinal();
    }

    /**
     * The atom, its needle cut to {@link #MAX_NEEDLE} characters where longer: a text holding the needle holds each
     * piece of it, so the cut atom is still necessary (an equality becomes a prefix, a suffix keeps its end). The
     * piece kept is the start, unless the start lies within a registry path most registry events hold
     * ({@link #COMMON_KEYS}): then it is the end, which tells the rules apart.
     */
    static Atom of(String field, String needle, Anchor anchor) {
        if (needle.length() <= MAX_NEEDLE) {
            return new Atom(field, needle, anchor);
        }
        String tail = needle.substring(needle.length() - MAX_NEEDLE);
        if (anchor == Anchor.SUFFIX) {
            return new Atom(field, tail, Anchor.SUFFIX);
        }
        String head = needle.substring(0, MAX_NEEDLE);
        if (!inCommonKey(head)) { // an equality or prefix keeps its anchor
            return new Atom(field, head, anchor == Anchor.CONTAINS ? Anchor.CONTAINS : Anchor.PREFIX);
        }
        return new Atom(field, tail, anchor == Anchor.EQUALS ? Anchor.SUFFIX : Anchor.CONTAINS);
    }

    private static boolean inCommonKey(String text) {
        for (String key : COMMON_KEYS) {
            if (key.contains(text)) return true;
        }
        return false;
    }

    /**
     * Registry paths that a good share of registry events run through (services, the Run keys, shell and class
     * registrations): general knowledge of the platform, lower-cased as atoms are.
     */
    private static final List<String> COMMON_KEYS = List.of(
            "hklm\\software\\microsoft\\windows\\currentversion\\",
            "hklm\\software\\microsoft\\windows nt\\currentversion\\",
            "hklm\\software\\wow6432node\\microsoft\\windows\\currentversion\\",
            "hklm\\system\\currentcontrolset\\services\\", "hklm\\system\\currentcontrolset\\control\\",
            "hkcu\\software\\microsoft\\windows\\currentversion\\", "hklm\\software\\classes\\clsid\\",
            "hklm\\software\\policies\\microsoft\\windows\\");

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

    /**
     * Fields of a handful of values (Sysmon's registry event types, integrity levels, logon types, protocols...):
     * equality with one of them is an attribute a good share of events have, however long the value.
     */
    private static final java.util.Set<String> FEW_VALUES = java.util.Set.of("eventtype", "integritylevel",
            "logontype", "protocol", "initiated", "sourceisipv6", "destinationisipv6", "signed", "signaturestatus",
            "state", "impersonationlevel", "elevatedtoken");

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** Whether the field is one of {@link #FEW_VALUES}, in any case: without lower-casing a copy per call. */
    private static boolean fewValues(String field) {
        for (String f : FEW_VALUES) {
            if (f.equalsIgnoreCase(field)) return true;
        }
        return false;
    }

    /** Punctuation that ordinary paths, names and command lines seldom hold: a short needle of it is rarer. */
    private static final String RARE_CHARACTERS = "$|`^{}[]~#@!;<>";

    /** The rough chance that the atom is present in an event: what the rule selection minimizes. */
    double weight() {
        double base = switch (anchor) {
            // an event id or other number: a logsource has few of them, so each is common among its events
            case EQUALS -> digits(needle) || field != null && fewValues(field) ? 0.25 : 0.02;
            case PREFIX, SUFFIX -> 0.04;
            case CONTAINS -> 0.08;
        };
        // short needles occur by chance, less so when made of rare punctuation; equality on a short text (an event
        // id, a flag) is an attribute most events have; past six characters length still counts a little, so that
        // of two otherwise equal needles the longer is taken
        double length = 0;
        for (int i = 0; i < needle.length(); i++) length += RARE_CHARACTERS.indexOf(needle.charAt(i)) >= 0 ? 2.5 : 1;
        double shortness = length >= 6 ? Math.sqrt(Math.sqrt(6.0 / length)) : 6.0 / length;
        double keyword = field == null ? 2 : 1;
        double chance = Math.min(1, base * shortness * shortness * keyword);
        // text most events hold makes a needle within it at least that common (never rarer than it would be)
        if (anchor != Anchor.EQUALS && needle.length() <= 5 && needle.charAt(0) == '.') {
            chance = Math.max(chance, 0.5); // a file extension ('.exe'): nearly every image path ends with one of a few
        }
        if (anchor != Anchor.EQUALS && needle.length() <= LONGEST_COMMON) {
            for (String dir : SYSTEM_DIRECTORIES) {
                if (dir.contains(needle)) chance = Math.max(chance, 0.6);
            }
            for (String image : COMMON_IMAGES) {
                if (image.contains(needle)) chance = Math.max(chance, 0.15);
            }
        }
        if (anchor != Anchor.EQUALS) {
            for (String key : COMMON_KEYS) {
                if (key.contains(needle)) chance = Math.max(chance, 0.6);
            }
        }
        return chance;
    }
}
