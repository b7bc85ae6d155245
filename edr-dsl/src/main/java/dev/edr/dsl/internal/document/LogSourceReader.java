package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.LogSource;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YScalar;

/** Reads a {@code logsource} section. Keys beyond the four standard ones are allowed by the spec and ignored. */
final class LogSourceReader {
    private LogSourceReader() {}

    /** The log source, or {@code null} after reporting that it is missing or malformed. */
    static LogSource read(Attributes doc) {
        if (doc.node("logsource") == null) {
            doc.diag().error(IssueCode.MISSING_ATTRIBUTE, doc.map().location(), "'logsource' is required");
            return null;
        }
        YMap map = doc.mapping("logsource");
        if (map == null) {
            if (doc.node("logsource") instanceof YScalar s && s.isNull()) { // other shapes are reported already
                doc.diag().error(IssueCode.MISSING_ATTRIBUTE, doc.keyLocation("logsource"),
                        "'logsource' is required and must name a category, product or service");
            }
            return null;
        }
        Attributes a = new Attributes(map, doc.diag(), "logsource");
        LogSource ls = new LogSource(a.string("product"), a.string("category"), a.string("service"),
                a.string("definition"));
        if (ls.product() == null && ls.category() == null && ls.service() == null) {
            doc.diag().warning(IssueCode.INVALID_ATTRIBUTE, doc.keyLocation("logsource"),
                    "'logsource' names no category, product or service, so it applies to every event");
        }
        return ls;
    }
}
