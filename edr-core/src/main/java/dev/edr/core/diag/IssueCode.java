package dev.edr.core.diag;

/**
 * Stable issue codes. Never renumber or rename: SARIF rule ids, golden files and users' suppressions
 * depend on them. Add new codes at the end of their group.
 */
public enum IssueCode {
    // reading
    IO_ERROR("the file could not be read"),
    YAML_SYNTAX("the YAML is malformed"),
    YAML_DUPLICATE_KEY("a mapping repeats a key"),
    YAML_FORBIDDEN_TAG("explicit YAML tags are not allowed"),
    YAML_LIMIT("a YAML safety limit was exceeded"),
    NOT_A_MAPPING("a document or section has the wrong YAML type"),
    EMPTY_FILE("the file holds no rule"),
    // document shape
    MISSING_ATTRIBUTE("a required attribute is missing"),
    INVALID_ATTRIBUTE("an attribute has an invalid value"),
    UNKNOWN_DOCUMENT_TYPE("the document is neither a rule, a correlation nor a filter"),
    // detection
    INVALID_DETECTION("the detection section is malformed"),
    UNKNOWN_MODIFIER("a value modifier is not defined by Sigma"),
    INVALID_MODIFIER("a modifier does not apply to its value or chain"),
    INVALID_VALUE("a detection value is invalid"),
    INVALID_REGEX("a regular expression is invalid or unsupported"),
    INVALID_CIDR("a CIDR range is invalid"),
    VALUE_LIMIT("a rule holds more values than allowed"),
    // condition
    CONDITION_SYNTAX("the condition does not parse"),
    UNDEFINED_IDENTIFIER("the condition names an undefined search identifier"),
    PATTERN_MATCHES_NOTHING("a '1 of'/'all of' pattern matches no search identifier"),
    LEGACY_AGGREGATION("legacy '| count()' aggregations are replaced by correlation rules"),
    LEGACY_NEAR("legacy 'near' is replaced by temporal correlation rules"),
    UNUSED_IDENTIFIER("a search identifier is never used by the condition"),
    // pack
    DUPLICATE_ID("two documents share an id"),
    DUPLICATE_NAME("two documents share a name"),
    UNKNOWN_RULE_REFERENCE("a correlation or filter names an unknown rule"),
    CORRELATION_CYCLE("correlations reference each other in a cycle"),
    UNSUPPORTED_FEATURE("the rule uses a feature this engine does not support"),
    // events
    BAD_RECORD("an event record is malformed"),
    CORRELATION_LIMIT("a correlation cap evicted state, so matches may be missed"),
    LATE_EVENT("a match came too late (or without time) to be correlated"),
    // compilation
    COMPILE_ERROR("the rule could not be compiled");

    private final String summary;

    IssueCode(String summary) {
        this.summary = summary;
    }

    /** One-line description of the code, for SARIF rule metadata and docs. */
    public String summary() {
        return summary;
    }
}
