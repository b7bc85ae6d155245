package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.CorrelationRule.CorrelationCondition;
import dev.edr.core.rule.CorrelationRule.Operator;
import dev.edr.core.rule.CorrelationRule.Type;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a correlation's {@code condition}: bounds with {@code gt gte lt lte eq neq} (several bounds form a
 * range, all must hold), the {@code field} of the {@code value_*} types and {@code value_percentile}'s
 * optional {@code percentile}. Unknown keys are errors: a misspelt operator must not silently widen a match.
 */
final class CorrelationConditionReader {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Map<String, Operator> OPERATORS = Map.of("gt", Operator.GT, "gte", Operator.GTE,
            "lt", Operator.LT, "lte", Operator.LTE, "eq", Operator.EQ, "neq", Operator.NEQ);

    private CorrelationConditionReader() {}

    static CorrelationCondition read(Attributes section, Type type, SourceLocation sectionKey) {
        Diagnostics diag = section.diag();
        boolean counting = type == Type.TEMPORAL || type == Type.TEMPORAL_ORDERED;
        if (!section.has("condition")) {
            if (!counting) {
                diag.error(IssueCode.MISSING_ATTRIBUTE, sectionKey, "'correlation.condition' is required for "
                        + type.sigmaName());
            }
            return null;
        }
        YMap map = section.mapping("condition");
        if (map == null) {
            return null; // reported
        }
        Map<Operator, BigDecimal> bounds = new EnumMap<>(Operator.class);
        String field = null;
        BigDecimal percentile = null;
        for (YMap.Entry e : map.entries()) {
            String key = e.key().text();
            Operator op = OPERATORS.get(key);
            if (op != null) {
                BigDecimal value = number(e.value(), "'condition." + key + "'", diag);
                if (value != null) bounds.put(op, value);
            } else if (key.equals("field")) {
                field = field(e.value(), diag);
            } else if (key.equals("percentile")) {
                percentile = percentile(e, type, diag);
            } else {
                diag.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(), "unknown condition key '" + key
                        + "'; use gt, gte, lt, lte, eq, neq" + (counting ? "" : ", field"));
            }
        }
        if (map.entries().stream().noneMatch(e -> OPERATORS.containsKey(e.key().text()))) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, map.location(),
                    "'correlation.condition' needs one of gt, gte, lt, lte, eq, neq");
        }
        boolean needsField = type.sigmaName().startsWith("value_");
        if (needsField && map.get("field") == null) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, map.location(), "'correlation.condition.field' is required for "
                    + type.sigmaName());
        } else if (!needsField && map.get("field") != null) {
            diag.warning(IssueCode.INVALID_ATTRIBUTE, map.keyNode("field").location(),
                    "'condition.field' is only used by value_* correlations; it is ignored for " + type.sigmaName());
            field = null;
        }
        if (emptyRange(bounds)) {
            diag.error(IssueCode.INVALID_ATTRIBUTE, map.location(), "the condition's bounds exclude every value; "
                    + "it can never match");
        }
        return new CorrelationCondition(bounds, field, percentile);
    }

    private static BigDecimal number(YNode node, String what, Diagnostics diag) {
        Object v = node instanceof YScalar s ? s.value() : null;
        if (v instanceof Long l) return BigDecimal.valueOf(l);
        if (v instanceof BigInteger b) return new BigDecimal(b);
        if (v instanceof Double d && Double.isFinite(d)) return BigDecimal.valueOf(d);
        diag.error(IssueCode.INVALID_ATTRIBUTE, node.location(), what + " must be a number, not "
                + (node instanceof YScalar s ? "'" + s.text() + "'" : "a " + node.typeName()));
        return null;
    }

    private static String field(YNode node, Diagnostics diag) {
        YNode single = node;
        if (node instanceof YSeq seq) {
            if (seq.items().size() != 1) {
                diag.error(IssueCode.UNSUPPORTED_FEATURE, node.location(), "'condition.field' with "
                        + seq.items().size() + " fields is not supported; give one field");
                return null;
            }
            single = seq.items().get(0);
        }
        if (single instanceof YScalar s && !s.isNull() && !s.text().isBlank()) {
            return s.text();
        }
        diag.error(IssueCode.INVALID_ATTRIBUTE, single.location(), "'condition.field' must be a field name");
        return null;
    }

    private static BigDecimal percentile(YMap.Entry e, Type type, Diagnostics diag) {
        if (type != Type.VALUE_PERCENTILE) {
            diag.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(),
                    "'condition.percentile' only applies to value_percentile");
            return null;
        }
        BigDecimal p = number(e.value(), "'condition.percentile'", diag);
        if (p != null && (p.signum() < 0 || p.compareTo(HUNDRED) > 0)) {
            diag.error(IssueCode.INVALID_ATTRIBUTE, e.value().location(), "'condition.percentile' must be between 0"
                    + " and 100, not " + p.toPlainString());
            return null;
        }
        return p;
    }

    /** True when the lower bounds, upper bounds and {@code eq} leave no value. */
    static boolean emptyRange(Map<Operator, BigDecimal> b) {
        BigDecimal low = null;
        boolean lowStrict = false;
        for (Operator op : List.of(Operator.GTE, Operator.GT, Operator.EQ)) {
            BigDecimal v = b.get(op);
            if (v != null && (low == null || v.compareTo(low) > 0 || v.compareTo(low) == 0 && op == Operator.GT)) {
                low = v;
                lowStrict = op == Operator.GT;
            }
        }
        BigDecimal high = null;
        boolean highStrict = false;
        for (Operator op : List.of(Operator.LTE, Operator.LT, Operator.EQ)) {
            BigDecimal v = b.get(op);
            if (v != null && (high == null || v.compareTo(high) < 0 || v.compareTo(high) == 0 && op == Operator.LT)) {
                high = v;
                highStrict = op == Operator.LT;
            }
        }
        if (low == null || high == null) {
            return false;
        }
        int c = low.compareTo(high);
        boolean empty = c > 0 || c == 0 && (lowStrict || highStrict);
        BigDecimal eq = b.get(Operator.EQ);
        BigDecimal neq = b.get(Operator.NEQ);
        return empty || eq != null && neq != null && eq.compareTo(neq) == 0;
    }
}
