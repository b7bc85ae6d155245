package dev.edr.core.internal.match;

import java.util.Arrays;

/**
 * Parses IP address literals without ever touching DNS (unlike {@code InetAddress.getByName}). IPv4 is strict
 * dotted decimal (no leading zeros, which some stacks read as octal); IPv6 is RFC 4291 text with optional
 * {@code ::}, an embedded IPv4 tail and a {@code %zone} suffix (ignored). An IPv4-mapped IPv6 address
 * ({@code ::ffff:a.b.c.d}, as Windows logs IPv4 peers) is returned as the IPv4 address, so IPv4 ranges match it.
 */
final class IpAddress {
    private IpAddress() {}

    /** 4 or 16 bytes, or {@code null} when {@code s} is not an IP literal. */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseV4(s);
        }
        int zone = s.indexOf('%');
        byte[] v6 = parseV6(zone >= 0 ? s.substring(0, zone) : s);
        if (v6 != null && isV4Mapped(v6)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return v6;
    }

    static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) return false;
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = s.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || s.charAt(i) != '.') return null;
                i++;
            }
        }
        return i == n ? out : null;
    }

    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(s) : groups(s.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : groups(s.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int k = 0; k < head.length; k++) {
            put(out, k, head[k]);
        }
        for (int k = 0; k < tail.length; k++) {
            put(out, 8 - tail.length + k, tail[k]);
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[2 * group] = (byte) (value >> 8);
        out[2 * group + 1] = (byte) value;
    }

    /** 16-bit groups of a colon-separated run; an IPv4 tail counts as two groups. {@code null} if invalid. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int count = parts.length;
        boolean v4Tail = parts[count - 1].indexOf('.') >= 0;
        int[] out = new int[count + (v4Tail ? 1 : 0)];
        for (int k = 0; k < count; k++) {
            String p = parts[k];
            if (k == count - 1 && v4Tail) {
                byte[] v4 = parseV4(p);
                if (v4 == null) return null;
                out[k] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[k + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else {
                if (p.isEmpty() || p.length() > 4) return null;
                int v = 0;
                for (int c = 0; c < p.length(); c++) {
                    int d = Character.digit(p.charAt(c), 16);
                    if (d < 0 || p.charAt(c) > 'f') return null; // ASCII hex only
                    v = (v << 4) | d;
                }
                out[k] = v;
            }
        }
        return out;
    }
}
