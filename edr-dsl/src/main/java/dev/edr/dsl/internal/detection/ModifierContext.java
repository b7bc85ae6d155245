package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.Limits;

/** What a modifier may consult or report while it transforms one value. */
interface ModifierContext {
    Limits limits();

    /** Reports a warning located at the modifier ({@code atValue == false}) or at the value node. */
    void warn(IssueCode code, boolean atValue, String message);
}
