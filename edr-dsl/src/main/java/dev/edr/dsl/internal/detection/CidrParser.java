package dev.edr.dsl.internal.detection;

/**
 * Validates IPv4 and IPv6 networks ({@code address[/prefix]}) by hand: no {@code InetAddress}, so nothing can
 * ever trigger a DNS lookup. Host bits below the prefix are allowed (as in {@code 10.1.2.3/8}); engines mask
 * them.
 */
final class CidrParser {
    private CidrParser() {}

    /** Why {@code cidr} is invalid, or {@code null} when it is a valid network. */
    static String problem(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        String addressProblem = v6 ? ipv6Problem(address) : ipv4Problem(address);
        if (addressProblem != null) {
            return addressProblem;
        }
        if (slash >= 0) {
            String prefix = cidr.substring(slash + 1);
            int max = v6 ? 128 : 32;
            if (!prefix.matches("\\d{1,3}") || (prefix.length() > 1 && prefix.charAt(0) == '0')
                    || Integer.parseInt(prefix) > max) {
                return "the prefix length '" + prefix + "' is not a number from 0 to " + max;
            }
        }
        return null;
    }

    private static String ipv4Problem(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return "'" + address + "' is not an IPv4 address (four dot-separated numbers) or an IPv6 address";
        }
        for (String p : parts) {
            if (!isOctet(p)) {
                return "'" + p + "' in '" + address + "' is not a number from 0 to 255 (without leading zeros)";
            }
        }
        return null;
    }

    private static boolean isOctet(String p) {
        return p.matches("\\d{1,3}") && !(p.length() > 1 && p.charAt(0) == '0') && Integer.parseInt(p) <= 255;
    }

    private static String ipv6Problem(String address) {
        String bad = "'" + address + "' is not a valid IPv6 address";
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return bad + " ('::' may appear only once)";
        }
        String head = doubleColon >= 0 ? address.substring(0, doubleColon) : address;
        String tail = doubleColon >= 0 ? address.substring(doubleColon + 2) : "";
        int groups = 0;
        String[] headParts = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] tailParts = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        String[][] halves = {headParts, tailParts};
        for (int h = 0; h < 2; h++) {
            String[] parts = halves[h];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = i == parts.length - 1 && (h == 1 || doubleColon < 0);
                if (last && p.indexOf('.') >= 0) {
                    if (ipv4Problem(p) != null) {
                        return bad + " (embedded IPv4 part '" + p + "')";
                    }
                    groups += 2;
                } else if (p.matches("[0-9A-Fa-f]{1,4}")) {
                    groups++;
                } else {
                    return bad + " (group '" + p + "')";
                }
            }
        }
        if (doubleColon >= 0 ? groups > 7 : groups != 8) {
            return bad + " (wrong number of groups)";
        }
        return null;
    }
}
