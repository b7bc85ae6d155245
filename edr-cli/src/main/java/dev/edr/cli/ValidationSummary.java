package dev.edr.cli;

import dev.edr.core.diag.Issue;
import dev.edr.dsl.DocumentReport;
import dev.edr.dsl.LoadResult;

/** Counts for the closing line of {@code edr validate}. A YAML file that failed before any document counts as one rule. */
record ValidationSummary(int rules, int valid, int withErrors, int warnings, int files) {
    static ValidationSummary of(LoadResult result) {
        int rules = 0;
        int withErrors = 0;
        int warnings = 0;
        java.util.Set<String> files = new java.util.HashSet<>();
        for (DocumentReport d : result.documents()) {
            files.add(d.location().source());
            boolean error = d.issues().stream().anyMatch(Issue::isError);
            warnings += (int) d.issues().stream().filter(i -> !i.isError()).count();
            if ("file".equals(d.kind()) && !error) {
                continue;
            }
            rules++;
            if (error) {
                withErrors++;
            }
        }
        return new ValidationSummary(rules, rules - withErrors, withErrors, warnings, files.size());
    }

    String line() {
        return rules + " rules: " + valid + " valid, " + withErrors + " with errors"
                + (warnings > 0 ? " (" + warnings + " warnings)" : "");
    }
}
