package dev.edr.core.response;

import dev.edr.core.rule.LogSource;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a response is wanted: the detection that fired, as the integrator sees it. Independent of the engine API on
 * purpose, so anything that detects (the Drools engine, a test, another product) can drive the dispatcher.
 * {@code fields} is a snapshot of the event's fields (JSON-like values, nulls allowed); {@code sourceIndex} is the
 * 0-based record index in {@code sourceFile}, or -1.
 */
public record Trigger(
        String ruleId,
        String ruleName,
        String ruleTitle,
        String level,
        List<String> tags,
        LogSource logSource,
        boolean correlation,
        String sourceFile,
        long sourceIndex,
        String host,
        Instant eventTime,
        Map<String, Object> fields) {

    public Trigger {
        tags = List.copyOf(tags);
        logSource = logSource == null ? LogSource.ANY : logSource;
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The rule id if present, else its name, else its title: how playbooks and keys refer to a rule. */
    public String ruleKey() {
        return ruleId != null ? ruleId : Objects.requireNonNullElse(ruleName, Objects.requireNonNullElse(ruleTitle, ""));
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String ruleId;
        private String ruleName;
        private String ruleTitle;
        private String level;
        private List<String> tags = List.of();
        private LogSource logSource = LogSource.ANY;
        private boolean correlation;
        private String sourceFile;
        private long sourceIndex = -1;
        private String host;
        private Instant eventTime;
        private Map<String, Object> fields = Map.of();

        private Builder() {}

        public Builder rule(String id, String title, String level) {
            this.ruleId = id;
            this.ruleTitle = title;
            this.level = level;
            return this;
        }

        public Builder ruleName(String name) {
            this.ruleName = name;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = Objects.requireNonNull(tags);
            return this;
        }

        public Builder logSource(LogSource logSource) {
            this.logSource = logSource;
            return this;
        }

        public Builder correlation(boolean correlation) {
            this.correlation = correlation;
            return this;
        }

        public Builder source(String file, long index) {
            this.sourceFile = file;
            this.sourceIndex = index;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder eventTime(Instant eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        public Builder fields(Map<String, ?> fields) {
            this.fields = new LinkedHashMap<>(Objects.requireNonNull(fields));
            return this;
        }

        public Trigger build() {
            return new Trigger(ruleId, ruleName, ruleTitle, level, tags, logSource, correlation, sourceFile,
                    sourceIndex, host, eventTime, fields);
        }
    }
}
