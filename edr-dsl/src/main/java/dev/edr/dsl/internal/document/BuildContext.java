package dev.edr.dsl.internal.document;

import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YScalar;

/** What building one document needs, and whether it has failed so far. */
final class BuildContext {
    final Diagnostics diag;
    final Limits limits;
    final SectionParsers parsers;
    private final int errorsAtStart;
    private final boolean readErrors;

    BuildContext(Diagnostics diag, Limits limits, SectionParsers parsers, boolean readErrors) {
        this.diag = diag;
        this.limits = limits;
        this.parsers = parsers;
        this.errorsAtStart = diag.errorCount();
        this.readErrors = readErrors;
    }

    /** True when reading or building this document reported any error. */
    boolean hasErrors() {
        return readErrors || diag.errorCount() > errorsAtStart;
    }

    Located located(YScalar s) {
        return new Located(s.text(), s.location(), diag.lineText(s.location().line()));
    }
}
