package dev.edr.dsl.internal.document;

import dev.edr.core.diag.SourceLocation;

/**
 * A string from a document with where it is written and the source line around it, so that pack-level checks
 * can report against it after the file's diagnostics are gone.
 */
public record Located(String text, SourceLocation location, String context) {}
