package dev.edr.dsl.internal.document;

/** What a document (or a whole file, for problems that belong to no document) is. */
public enum DocumentKind {
    RULE, CORRELATION, FILTER, PLAYBOOK, UNKNOWN, FILE;

    /** The lower-case name used in reports: {@code rule}, {@code correlation}, {@code filter}, {@code playbook}... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
