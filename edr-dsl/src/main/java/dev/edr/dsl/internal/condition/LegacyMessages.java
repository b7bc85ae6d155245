package dev.edr.dsl.internal.condition;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Explains how a Sigma v1 aggregation ({@code | count() by x > 5}) or {@code near} tail is written as a v2
 * correlation rule, filled in from the parsed tail so the author can copy it.
 */
final class LegacyMessages {
    static final String UNKNOWN_RULE = "<this rule's id or name>";
    static final String UNKNOWN_TIMEFRAME = "<timeframe>";

    private LegacyMessages() {}

    /** What the rule and the legacy {@code timeframe} are called, when the caller knows. */
    record RuleContext(String ruleReference, String timeframe) {
        static final RuleContext UNKNOWN = new RuleContext(null, null);

        String rule() {
            return ruleReference == null || ruleReference.isBlank() ? UNKNOWN_RULE : ruleReference;
        }

        String span() {
            return timeframe == null || timeframe.isBlank() ? UNKNOWN_TIMEFRAME : timeframe;
        }
    }

    static String aggregationWithoutDetails() {
        return "legacy aggregations after '|' are not supported in Sigma v2: keep the search as this rule's condition"
                + " and write a correlation rule (type event_count, value_count, value_sum or value_avg)"
                + " over this rule";
    }

    static String nearWithoutDetails() {
        return "legacy 'near' is not supported in Sigma v2: write one rule per search and a temporal correlation"
                + " rule over them";
    }

    static String aggregation(String tail, String search, String function, String field, List<String> groupBy,
            String operator, String threshold, RuleContext context) {
        String fn = function.toLowerCase(Locale.ROOT);
        String type = switch (fn) {
            case "count" -> field == null ? "event_count" : "value_count";
            case "sum" -> "value_sum";
            case "avg" -> "value_avg";
            default -> null;
        };
        String head = "legacy aggregation " + Excerpt.quote(tail) + " is not supported in Sigma v2";
        if (type == null) {
            return head + ": " + Excerpt.quote(function + "()") + " has no correlation equivalent (correlation types"
                    + " are event_count, value_count, value_sum and value_avg); rewrite it as one of those";
        }
        if (!fn.equals("count") && field == null) {
            return head + ": " + Excerpt.quote(function + "()") + " needs a field; write a " + type
                    + " correlation rule over "
                    + context.rule();
        }
        StringBuilder rule = new StringBuilder("correlation: {type: ").append(type)
                .append(", rules: [").append(context.rule()).append(']');
        if (!groupBy.isEmpty()) {
            rule.append(", group-by: [").append(String.join(", ", groupBy)).append(']');
        }
        rule.append(", timespan: ").append(context.span()).append(", condition: {");
        if (field != null) {
            rule.append("field: ").append(field).append(", ");
        }
        rule.append(operatorKey(operator)).append(": ").append(threshold).append("}}");
        return head + ": keep " + Excerpt.quote("condition: " + search)
                + " in this rule and write a correlation rule: " + rule;
    }

    static String near(String search, List<String> nearSearches, List<String> negated, RuleContext context) {
        StringBuilder msg = new StringBuilder(
                "legacy 'near' is not supported in Sigma v2: write one rule per search (");
        List<String> all = new java.util.ArrayList<>();
        all.add(search);
        all.addAll(nearSearches);
        msg.append(all.stream().map(Excerpt::quote).collect(Collectors.joining(", ")));
        msg.append(") and a temporal correlation rule: correlation: {type: temporal, rules: [");
        msg.append(all.stream().map(s -> "<rule for " + Excerpt.clip(s) + ">").collect(Collectors.joining(", ")));
        msg.append("], group-by: [<shared field>], timespan: ").append(context.span()).append('}');
        if (!negated.isEmpty()) {
            msg.append("; ").append(negated.stream().map(Excerpt::quote).collect(Collectors.joining(", ")))
                    .append(" cannot be correlated: add ").append(negated.size() == 1 ? "it" : "them")
                    .append(" as a filter to those rules");
        }
        return msg.toString();
    }

    private static String operatorKey(String operator) {
        return switch (operator) {
            case ">" -> "gt";
            case ">=" -> "gte";
            case "<" -> "lt";
            case "<=" -> "lte";
            case "!=" -> "neq";
            default -> "eq";
        };
    }
}
