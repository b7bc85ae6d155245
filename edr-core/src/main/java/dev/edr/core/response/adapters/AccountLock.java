package dev.edr.core.response.adapters;

import java.util.Objects;

/**
 * How a directory marks an account disabled. Either an attribute with two values (389/OpenDJ
 * {@code nsAccountLock: TRUE|FALSE}, or any site-specific flag), or a bit in an integer attribute (Active
 * Directory's {@code userAccountControl}, bit {@code 0x2} ACCOUNTDISABLE), where the other bits are preserved.
 */
public record AccountLock(String attribute, String lockedValue, String unlockedValue, int bit) {
    public AccountLock {
        Objects.requireNonNull(attribute, "attribute");
    }

    public static AccountLock attribute(String attribute, String lockedValue, String unlockedValue) {
        return new AccountLock(attribute, Objects.requireNonNull(lockedValue), Objects.requireNonNull(unlockedValue), 0);
    }

    /** Active Directory: {@code userAccountControl} with ACCOUNTDISABLE (0x2); absent means 512 (normal account). */
    public static AccountLock userAccountControl() {
        return new AccountLock("userAccountControl", null, null, 0x2);
    }

    String valueFor(String current, boolean locked) {
        if (bit == 0) {
            return locked ? lockedValue : unlockedValue;
        }
        long flags;
        try {
            flags = current == null ? 512 : Long.parseLong(current.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(attribute + " is not a number: " + current, e);
        }
        return Long.toString(locked ? flags | bit : flags & ~bit);
    }
}
