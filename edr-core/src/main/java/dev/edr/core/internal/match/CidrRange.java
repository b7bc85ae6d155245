package dev.edr.core.internal.match;

/** An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code fe80::/10}); a bare address means a single host. */
final class CidrRange {
    private final byte[] network;
    private final int prefix;

    private CidrRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code address[/prefix]}, or returns {@code null} when invalid. Host bits are ignored. */
    static CidrRange parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        String addressText = slash < 0 ? s : s.substring(0, slash);
        if (addressText.indexOf('%') >= 0) {
            return null;
        }
        byte[] raw = addressText.indexOf(':') >= 0 ? IpAddress.parse(addressText) : IpAddress.parseV4(addressText);
        if (raw == null) {
            return null;
        }
        int bits = addressText.indexOf(':') >= 0 ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return null;
            }
        }
        if (bits == 128 && raw.length == 4) {
            // ::ffff:a.b.c.d/len was folded to IPv4 by the parser; keep the prefix in IPv4 terms
            if (prefix < 96) {
                return null;
            }
            prefix -= 96;
        }
        return new CidrRange(raw, prefix);
    }

    /** Whether the address (4 or 16 bytes) lies inside this network; IPv4 never matches IPv6 ranges. */
    boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }
}
