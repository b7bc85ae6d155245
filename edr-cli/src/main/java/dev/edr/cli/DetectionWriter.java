package dev.edr.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.edr.core.engine.CorrelationInfo;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes detections to stdout as JSON Lines (the contract in DESIGN.md) or as one readable line each. */
abstract class DetectionWriter implements EventScanner.Sink {
    protected final PrintWriter out;

    DetectionWriter(PrintWriter out) {
        this.out = out;
    }

    static DetectionWriter jsonl(PrintWriter out) {
        return new Jsonl(out);
    }

    static DetectionWriter text(PrintWriter out) {
        return new Text(out);
    }

    private static final class Jsonl extends DetectionWriter {
        private static final JsonFactory JSON = new JsonFactory();

        Jsonl(PrintWriter out) {
            super(out);
        }

        @Override
        public void accept(EventRecord record, Detection d) {
            EventRef source = sourceOf(record, d);
            try {
                JsonGenerator g = JSON.createGenerator(out);
                g.writeStartObject();
                g.writeObjectFieldStart("rule");
                g.writeStringField("id", d.id());
                g.writeStringField("title", d.title());
                g.writeStringField("level", d.level());
                g.writeArrayFieldStart("tags");
                for (String t : d.tags()) {
                    g.writeString(t);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("source");
                g.writeStringField("file", source.file());
                g.writeNumberField("index", source.index());
                if (record != null && !d.isCorrelation()) {
                    g.writeNumberField("line", record.line());
                }
                g.writeEndObject();
                if (record != null && !d.isCorrelation() && record.truncated()) {
                    g.writeBooleanField("truncated", true);
                }
                if (d.isCorrelation()) {
                    writeCorrelation(g, d.correlation());
                }
                Event e = d.event();
                if (e.time() != null) {
                    g.writeStringField("time", e.time().toString());
                }
                if (e.host() != null) {
                    g.writeStringField("host", e.host());
                }
                g.writeObjectFieldStart("logsource");
                g.writeStringField("product", e.product());
                writeStrings(g, "categories", List.copyOf(e.categories()));
                writeStrings(g, "services", List.copyOf(e.services()));
                g.writeEndObject();
                writeStrings(g, "matched", d.matchedSelections());
                g.writeFieldName("event");
                JsonValues.write(g, d.event().original());
                g.writeEndObject();
                g.flush();
                out.write('\n');
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        private static void writeCorrelation(JsonGenerator g, CorrelationInfo c) throws IOException {
            g.writeObjectFieldStart("correlation");
            g.writeStringField("type", c.type().sigmaName());
            g.writeFieldName("group");
            JsonValues.write(g, c.group());
            g.writeFieldName(c.valueName());
            g.writeNumber(c.value());
            g.writeArrayFieldStart("events");
            for (EventRef e : c.events()) {
                g.writeStartObject();
                g.writeStringField("file", e.file());
                g.writeNumberField("index", e.index());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
            g.writeArrayFieldStart(name);
            for (String s : values) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
    }

    private static final class Text extends DetectionWriter {
        Text(PrintWriter out) {
            super(out);
        }

        @Override
        public void accept(EventRecord record, Detection d) {
            Event e = d.event();
            EventRef source = sourceOf(record, d);
            out.printf("%-24s %-9s %s [%s]%n", e.time() == null ? "-" : e.time().toString(),
                    d.level() == null ? "-" : d.level(), Escape.text(d.title()), Escape.text(d.id()));
            out.printf("    %s#%d  host=%s  matched=%s%n", Escape.text(source.file()), source.index(),
                    Escape.text(e.host() == null ? "-" : e.host()), String.join(",", d.matchedSelections()));
            if (d.isCorrelation()) {
                CorrelationInfo c = d.correlation();
                out.printf("    correlation: %s %s=%s group=%s over %d events%n", c.type().sigmaName(), c.valueName(),
                        c.value().toPlainString(), Escape.text(String.valueOf(c.group())), c.events().size());
                return;
            }
            for (String field : KEY_FIELDS) {
                Object v = e.get(field);
                if (v != null) {
                    String s = String.valueOf(v);
                    out.printf("    %s: %s%n", field, Escape.text(s.length() > 300 ? s.substring(0, 300) + "…" : s));
                }
            }
        }
    }

    /** Where a detection came from: the current record, or for a correlation the event that completed it. */
    static EventRef sourceOf(EventRecord current, Detection d) {
        if (d.isCorrelation()) {
            return d.correlation().source();
        }
        return new EventRef(current.source(), current.index());
    }

    /** Fields that tell a reader what happened, shown by the text format when present. */
    static final List<String> KEY_FIELDS = List.of("Image", "CommandLine", "ParentImage", "TargetImage",
            "TargetFilename", "DestinationIp", "DestinationPort", "User", "TargetUserName", "SubjectUserName",
            "ServiceName", "ImagePath", "IpAddress");
}
