package dev.edr.dsl.internal.detection;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of every Sigma v2.1 value modifier, by name (case-sensitive, as in pySigma). */
final class Modifiers {
    private static final Map<String, Modifier> BY_NAME = List.of(
            PositionModifier.CONTAINS, PositionModifier.STARTSWITH, PositionModifier.ENDSWITH,
            ItemModifier.ALL, ItemModifier.NEQ, ExistsModifier.INSTANCE, CasedModifier.INSTANCE,
            WindashModifier.INSTANCE, RegexModifier.INSTANCE, RegexFlagModifier.IGNORE_CASE,
            RegexFlagModifier.MULTILINE, RegexFlagModifier.DOT_ALL, Base64Modifier.PLAIN, Base64Modifier.OFFSET,
            Utf16Modifier.LE, Utf16Modifier.BE, Utf16Modifier.BOM, Utf16Modifier.WIDE,
            CompareModifier.LT, CompareModifier.LTE, CompareModifier.GT, CompareModifier.GTE,
            TimeModifier.MINUTE, TimeModifier.HOUR, TimeModifier.DAY, TimeModifier.WEEK, TimeModifier.MONTH,
            TimeModifier.YEAR, CidrModifier.INSTANCE, ExpandModifier.INSTANCE, FieldRefModifier.INSTANCE)
            .stream().collect(Collectors.toUnmodifiableMap(Modifier::name, Function.identity()));

    private Modifiers() {}

    /** The modifier called {@code name}, or {@code null}. */
    static Modifier lookup(String name) {
        return BY_NAME.get(name);
    }

    static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }
}
