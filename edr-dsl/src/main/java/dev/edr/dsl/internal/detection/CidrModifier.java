package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;

/** {@code cidr}: the value as written is an IPv4 or IPv6 network; it must parse. */
final class CidrModifier implements Modifier {
    static final CidrModifier INSTANCE = new CidrModifier();

    @Override
    public String name() {
        return "cidr";
    }

    @Override
    public boolean appliesToKeywords() {
        return false;
    }

    @Override
    public Value apply(Value value, ModifierContext ctx) throws ModifierException {
        if (!(value instanceof Value.Str s) || s.transformed() || s.cased()) {
            throw notApplicable(value, "a plain string holding a network such as 10.0.0.0/8 or fd00::/8");
        }
        String cidr = s.raw().strip();
        String problem = CidrParser.problem(cidr);
        if (problem != null) {
            throw ModifierException.atValue(IssueCode.INVALID_CIDR, "invalid CIDR range '" + s.raw() + "': " + problem);
        }
        return new Value.Cidr(cidr);
    }
}
