package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.Severity;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one detection item ({@code field|mod1|mod2: value or list}) or one keyword list of a search
 * identifier into a {@link Selection.FieldMatch}: splits the key, checks the modifier chain, applies it to
 * each value and lowers the results. Every problem is reported with the identifier and field named, located
 * at the modifier inside the key or at the value; the item is then dropped ({@code null}).
 */
final class ItemParser {
    /** One value may expand (windash, base64offset) into at most this many alternatives. */
    static final int MAX_ALTERNATIVES_PER_VALUE = 2048;

    private final String identifier;
    private final Limits limits;
    private final Diagnostics diag;
    private final ValueBudget budget;

    ItemParser(String identifier, Limits limits, Diagnostics diag, ValueBudget budget) {
        this.identifier = identifier;
        this.limits = limits;
        this.diag = diag;
        this.budget = budget;
    }

    /** A modifier named in a key, with its position there. */
    private record ModifierRef(String name, Modifier modifier, SourceLocation location) {}

    /** A {@code field|modifiers} map entry. */
    Selection.FieldMatch parseItem(YScalar key, YNode valueNode) {
        String text = key.text();
        int bar = text.indexOf('|');
        String field = bar < 0 ? text : text.substring(0, bar);
        String prefix = field.isEmpty() ? "in '" + identifier + "' (keyword search): "
                : "in '" + identifier + "', field '" + field + "': ";
        List<ModifierRef> chain = new ArrayList<>();
        boolean keyOk = true;
        if (field.isEmpty() && bar < 0) {
            diag.error(IssueCode.INVALID_DETECTION, key.location(),
                    "in '" + identifier + "': empty field name (a keyword search with modifiers is written '|mod')");
            keyOk = false;
        }
        int start = bar;
        while (start >= 0) {
            int next = text.indexOf('|', start + 1);
            String name = next < 0 ? text.substring(start + 1) : text.substring(start + 1, next);
            SourceLocation at = key.location().shift(0, key.contentColumnOffset() + start + 1);
            Modifier m = Modifiers.lookup(name);
            if (m == null) {
                diag.error(IssueCode.UNKNOWN_MODIFIER, at, prefix + unknownMessage(name));
                keyOk = false;
            }
            chain.add(new ModifierRef(name, m, at));
            start = next;
        }
        keyOk = keyOk && checkChain(chain, field.isEmpty(), prefix);
        List<YScalar> values = values(valueNode, prefix);
        if (!keyOk || values == null) {
            return null;
        }
        return build(field.isEmpty() ? null : field, chain, values, key.location(), prefix);
    }

    /** A keyword list (or single keyword) without modifiers. */
    Selection.FieldMatch parseKeywords(YNode node) {
        String prefix = "in '" + identifier + "' (keyword search): ";
        List<YScalar> values = values(node, prefix);
        return values == null ? null : build(null, List.of(), values, node.location(), prefix);
    }

    private static String unknownMessage(String name) {
        if (name.isEmpty()) {
            return "empty modifier name (two '|' in a row, or a trailing '|')";
        }
        String hint = Modifiers.lookup(name.toLowerCase(Locale.ROOT)) != null
                ? "; modifiers are lower case: '" + name.toLowerCase(Locale.ROOT) + "'" : "";
        return "'" + name + "' is not a Sigma modifier" + hint;
    }

    private boolean checkChain(List<ModifierRef> chain, boolean keyword, String prefix) {
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (ModifierRef ref : chain) {
            if (ref.modifier() == null) {
                continue;
            }
            if (!seen.add(ref.name())) {
                diag.error(IssueCode.INVALID_MODIFIER, ref.location(), prefix + "'" + ref.name() + "' is given twice");
                ok = false;
            } else if (keyword && !ref.modifier().appliesToKeywords()) {
                diag.error(IssueCode.INVALID_MODIFIER, ref.location(), prefix + "'" + ref.name()
                        + "' needs a field; a key starting with '|' is a keyword search over the whole event");
                ok = false;
            } else if (ref.modifier() == ExistsModifier.INSTANCE && chain.size() > 1) {
                diag.error(IssueCode.INVALID_MODIFIER, ref.location(), prefix
                        + "'exists' cannot be combined with other modifiers");
                ok = false;
            }
        }
        return ok;
    }

    /** The value scalars of an item, or {@code null} after reporting a malformed value. */
    private List<YScalar> values(YNode node, String prefix) {
        List<YScalar> out = new ArrayList<>();
        if (node instanceof YScalar s) {
            out.add(s);
        } else if (node instanceof YMap) {
            diag.error(IssueCode.INVALID_VALUE, node.location(), prefix + "a value must be a scalar or a list of"
                    + " scalars, not a map");
            return null;
        } else if (node instanceof YSeq seq) {
            if (seq.items().isEmpty()) {
                diag.error(IssueCode.INVALID_VALUE, node.location(), prefix + "the list of values is empty");
                return null;
            }
            boolean ok = true;
            for (YNode item : seq.items()) {
                if (item instanceof YScalar s && s.isNull() && seq.items().size() > 1) {
                    diag.error(IssueCode.INVALID_VALUE, item.location(), prefix + "null cannot be part of a list of"
                            + " values; test it in a separate selection (the Sigma spec forbids it)");
                    ok = false;
                } else if (item instanceof YScalar s) {
                    out.add(s);
                } else {
                    diag.error(IssueCode.INVALID_VALUE, item.location(), prefix + "a list of values cannot contain"
                            + " a " + item.typeName());
                    ok = false;
                }
            }
            if (!ok) {
                return null;
            }
        }
        for (YScalar s : out) {
            if (!budget.take(s, diag)) {
                return null;
            }
        }
        return out;
    }

    private Selection.FieldMatch build(String field, List<ModifierRef> chain, List<YScalar> values,
            SourceLocation location, String prefix) {
        boolean matchAll = false;
        boolean negated = false;
        for (ModifierRef ref : chain) {
            if (ref.modifier() == ItemModifier.ALL) {
                matchAll = true;
                if (values.size() < 2) {
                    diag.warning(IssueCode.INVALID_MODIFIER, ref.location(), prefix + "'all' with a single value"
                            + " has no effect; the Sigma spec allows it only for lists of two or more values");
                }
            }
            negated |= ref.modifier() == ItemModifier.NEQ;
        }
        Set<String> reported = new HashSet<>();
        List<ValueMatch> out = new ArrayList<>(values.size());
        boolean ok = true;
        for (YScalar scalar : values) {
            ValueMatch vm = convert(field == null, scalar, chain, prefix, reported);
            ok &= vm != null;
            if (vm != null) {
                out.add(vm);
            }
        }
        return ok ? new Selection.FieldMatch(field, out, matchAll, negated, location) : null;
    }

    private ValueMatch convert(boolean keyword, YScalar scalar, List<ModifierRef> chain, String prefix,
            Set<String> reported) {
        Value value = initial(scalar);
        if (keyword && (value instanceof Value.Null || value instanceof Value.Bool)) {
            report(Severity.ERROR, IssueCode.INVALID_VALUE, scalar.location(), prefix + "a keyword must be a string"
                    + " or a number, not " + value.describe(), reported);
            return null;
        }
        SourceLocation at = chain.isEmpty() ? scalar.location() : chain.get(0).location();
        try {
            for (ModifierRef ref : chain) {
                at = ref.location();
                value = ref.modifier().apply(value, context(scalar, ref.location(), prefix, reported));
                if (value instanceof Value.Alternatives a && a.items().size() > MAX_ALTERNATIVES_PER_VALUE) {
                    throw ModifierException.atValue(IssueCode.VALUE_LIMIT, "the modifiers expand this value into "
                            + a.items().size() + " alternatives; at most " + MAX_ALTERNATIVES_PER_VALUE
                            + " are allowed");
                }
            }
            return ValueLowering.lower(value, context(scalar, at, prefix, reported));
        } catch (ModifierException e) {
            report(Severity.ERROR, e.code(), e.atValue() ? scalar.location() : at, prefix + e.getMessage(),
                    reported);
            return null;
        }
    }

    private ModifierContext context(YScalar scalar, SourceLocation modifierAt, String prefix, Set<String> reported) {
        return new ModifierContext() {
            @Override
            public Limits limits() {
                return limits;
            }

            @Override
            public void warn(IssueCode code, boolean atValue, String message) {
                report(Severity.WARNING, code, atValue ? scalar.location() : modifierAt, prefix + message, reported);
            }
        };
    }

    /** Reports once per item: a chain problem would otherwise repeat for every value of a list. */
    private void report(Severity severity, IssueCode code, SourceLocation at, String message, Set<String> reported) {
        if (reported.add(at + "|" + code + "|" + message)) {
            diag.add(severity, code, at, message);
        }
    }

    private static Value initial(YScalar scalar) {
        Object v = scalar.value();
        if (v == null) {
            return new Value.Null();
        } else if (v instanceof Boolean b) {
            return new Value.Bool(b);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return Value.Str.of(scalar.text());
            }
            return new Value.Num(java.math.BigDecimal.valueOf(d), Numbers.decimalText(d, scalar.text()));
        } else if (v instanceof Number n) {
            java.math.BigDecimal big = new java.math.BigDecimal(n.toString());
            return new Value.Num(big, big.toPlainString());
        }
        return Value.Str.of(scalar.text());
    }
}
