package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;

/**
 * {@code re}: the raw YAML text is an RE2J pattern (no Sigma wildcard or escape processing). It must be the
 * first string modifier, since the pattern is the value as written. Flags come from the {@code i m s}
 * sub-modifiers ({@link RegexFlagModifier}).
 */
final class RegexModifier implements Modifier {
    static final RegexModifier INSTANCE = new RegexModifier();

    @Override
    public String name() {
        return "re";
    }

    @Override
    public Value apply(Value value, ModifierContext ctx) throws ModifierException {
        String pattern;
        if (value instanceof Value.Num n) {
            pattern = n.text();
        } else if (value instanceof Value.Str s && !s.transformed() && !s.cased()) {
            pattern = s.raw();
        } else if (value instanceof Value.Str s && s.cased()) {
            throw ModifierException.atModifier(IssueCode.INVALID_MODIFIER,
                    "'re' cannot follow 'cased': a regular expression is case-sensitive unless 'i' is given");
        } else {
            throw notApplicable(value, "a plain string (the pattern as written)");
        }
        int max = ctx.limits().maxRegexChars();
        if (pattern.length() > max) {
            throw ModifierException.atValue(IssueCode.INVALID_REGEX,
                    "the regular expression has " + pattern.length() + " characters; at most " + max + " are allowed");
        }
        String error = RegexCheck.compileError(pattern);
        if (error != null) {
            throw ModifierException.atValue(IssueCode.INVALID_REGEX, "the regular expression does not compile"
                    + " under RE2 (no lookaround, no backreferences): " + error);
        }
        String construct = RegexCheck.firstNonStandardConstruct(pattern);
        if (construct != null) {
            ctx.warn(IssueCode.INVALID_REGEX, true, "the regular expression uses " + construct
                    + ", which is outside the Sigma regex subset; other Sigma tools may not support it");
        }
        return new Value.Regex(pattern, false, false, false);
    }
}
