package dev.edr.core.response;

import java.util.List;

/**
 * Hosts and accounts that response never touches, whatever a rule or playbook says: domain controllers,
 * break-glass accounts, the responders' own jump hosts. Patterns are case-insensitive globs ({@code *} any run,
 * {@code ?} one character). An account pattern matches the whole name ({@code CORP\alice}, {@code alice@corp})
 * and also the bare user part, so {@code breakglass*} protects {@code CORP\breakglass01} too.
 */
public record ProtectedAssets(List<String> hostPatterns, List<String> accountPatterns) {
    public static final ProtectedAssets NONE = new ProtectedAssets(List.of(), List.of());

    public ProtectedAssets {
        hostPatterns = List.copyOf(hostPatterns);
        accountPatterns = List.copyOf(accountPatterns);
    }

    /** The pattern that protects something this action would touch, or {@code null} when it may proceed. */
    public String protecting(ResponseAction action) {
        if (action.host() != null) {
            String hit = first(hostPatterns, action.host());
            if (hit != null) {
                return hit;
            }
        }
        if (action.account() != null) {
            String account = action.account();
            String hit = first(accountPatterns, account);
            return hit != null ? hit : first(accountPatterns, userPart(account));
        }
        return null;
    }

    private static String first(List<String> patterns, String value) {
        for (String p : patterns) {
            if (Globs.matchesIgnoreCase(p, value)) {
                return p;
            }
        }
        return null;
    }

    static String userPart(String account) {
        int slash = account.lastIndexOf('\\');
        String user = slash >= 0 ? account.substring(slash + 1) : account;
        int at = user.indexOf('@');
        return at > 0 ? user.substring(0, at) : user;
    }
}
