package dev.edr.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.DocumentReport;
import dev.edr.dsl.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Machine-readable reports of {@code edr validate}: JSON, SARIF 2.1.0 and JUnit XML. */
final class ValidateReports {
    private static final JsonFactory JSON = new JsonFactory();

    private ValidateReports() {}

    static void json(PrintWriter out, ValidationSummary s, List<Issue> issues) {
        write(out, g -> {
            g.writeStartObject();
            g.writeNumberField("rules", s.rules());
            g.writeNumberField("valid", s.valid());
            g.writeNumberField("with_errors", s.withErrors());
            g.writeArrayFieldStart("issues");
            for (Issue i : issues) {
                g.writeStartObject();
                g.writeStringField("file", i.location().source());
                g.writeNumberField("line", i.location().line());
                g.writeNumberField("column", i.location().column());
                g.writeStringField("severity", i.severity().label());
                g.writeStringField("code", i.code().name());
                g.writeStringField("message", i.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }, true);
    }

    /** SARIF 2.1.0: one reporting descriptor per issue code (stable ids), one result per issue. */
    static void sarif(PrintWriter out, List<Issue> issues) {
        write(out, g -> {
            g.writeStartObject();
            g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "edr validate");
            g.writeStringField("informationUri", "https://github.com/SigmaHQ/sigma-specification");
            g.writeStringField("semanticVersion", "0.1.0");
            g.writeArrayFieldStart("rules");
            for (IssueCode c : IssueCode.values()) {
                g.writeStartObject();
                g.writeStringField("id", c.name());
                g.writeStringField("name", camel(c.name()));
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", c.summary());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Issue i : issues) {
                g.writeStartObject();
                g.writeStringField("ruleId", i.code().name());
                g.writeNumberField("ruleIndex", i.code().ordinal());
                g.writeStringField("level", switch (i.severity()) {
                    case ERROR -> "error";
                    case WARNING -> "warning";
                    case INFO -> "note";
                });
                g.writeObjectFieldStart("message");
                g.writeStringField("text", i.message());
                g.writeEndObject();
                g.writeArrayFieldStart("locations");
                g.writeStartObject();
                g.writeObjectFieldStart("physicalLocation");
                g.writeObjectFieldStart("artifactLocation");
                g.writeStringField("uri", i.location().source().replace('\\', '/'));
                g.writeEndObject();
                if (i.location().line() > 0) {
                    g.writeObjectFieldStart("region");
                    g.writeNumberField("startLine", i.location().line());
                    if (i.location().column() > 0) {
                        g.writeNumberField("startColumn", i.location().column());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }, true);
    }

    /** JUnit XML: one test case per rule document, failed when the document has errors. */
    static void junit(PrintWriter out, LoadResult result, double seconds) {
        List<DocumentReport> docs = result.documents().stream()
                .filter(d -> !"file".equals(d.kind()) || d.issues().stream().anyMatch(Issue::isError))
                .toList();
        long failures = docs.stream().filter(d -> d.issues().stream().anyMatch(Issue::isError)).count();
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.printf(Locale.ROOT, "<testsuites><testsuite name=\"edr validate\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%.3f\">%n",
                docs.size(), failures, seconds);
        for (DocumentReport d : docs) {
            String name = d.title() != null ? d.title() : d.location().toString();
            out.printf("  <testcase classname=\"%s\" name=\"%s\">%n", xml(d.location().source()),
                    xml(name + (d.id() != null ? " [" + d.id() + "]" : "")));
            List<Issue> errors = d.issues().stream().filter(Issue::isError).toList();
            if (!errors.isEmpty()) {
                out.printf("    <failure message=\"%s\" type=\"%s\">%s</failure>%n", xml(errors.get(0).message()),
                        errors.get(0).code().name(),
                        xml(String.join("\n", errors.stream().map(Issue::headline).toList())));
            }
            List<Issue> warnings = d.issues().stream().filter(i -> !i.isError()).toList();
            if (!warnings.isEmpty()) {
                out.printf("    <system-out>%s</system-out>%n", xml(String.join("\n", warnings.stream().map(Issue::headline).toList())));
            }
            out.println("  </testcase>");
        }
        out.println("</testsuite></testsuites>");
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                // attribute values normalise raw line breaks to spaces: keep them as references
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        b.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String camel(String code) {
        StringBuilder b = new StringBuilder();
        for (String part : code.toLowerCase(Locale.ROOT).split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static void write(PrintWriter out, JsonBody body, boolean pretty) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            body.write(g);
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
