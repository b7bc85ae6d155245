package dev.edr.core.response.adapters;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.charset.StandardCharsets;

/** How a new password is written to the directory. */
public enum PasswordEncoding {
    /** {@code userPassword} as given; the server hashes it (OpenLDAP, 389, OpenDJ with a password policy). */
    PLAIN_USER_PASSWORD {
        @Override
        Modification modification(char[] password) {
            return new Modification(ModificationType.REPLACE, "userPassword", new String(password));
        }
    },
    /** Active Directory: {@code unicodePwd}, the password in double quotes as UTF-16LE; AD requires LDAPS for it. */
    AD_UNICODE_PWD {
        @Override
        Modification modification(char[] password) {
            byte[] quoted = ("\"" + new String(password) + "\"").getBytes(StandardCharsets.UTF_16LE);
            return new Modification(ModificationType.REPLACE, "unicodePwd", quoted);
        }
    };

    abstract Modification modification(char[] password);
}
