package dev.edr.core.response;

import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.EnableAccount;
import dev.edr.core.response.ResponseAction.IsolateHost;
import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.QuarantineFile;
import dev.edr.core.response.ResponseAction.ReleaseHost;
import dev.edr.core.response.ResponseAction.RestoreFile;
import dev.edr.core.response.ResponseAction.RevertRegistry;
import dev.edr.core.response.ResponseAction.RevokePrivilege;
import dev.edr.core.response.ResponseAction.RollbackFile;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.ResponseAction.TerminateSessions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Validation and wire (de)coding shared by the {@link ResponseAction} records. */
final class ActionCodec {
    private ActionCodec() {}

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing parameter '" + name + "'");
        }
        return value;
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    static ResponseAction decode(ActionType type, Map<String, String> p) {
        for (String name : p.keySet()) {
            if (type.param(name).isEmpty()) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' for " + type.wireName());
            }
        }
        return switch (type) {
            case ISOLATE_HOST -> new IsolateHost(p.get("host"));
            case RELEASE_HOST -> new ReleaseHost(p.get("host"));
            case KILL_PROCESS -> new KillProcess(p.get("host"), integer("pid", required("pid", p.get("pid"))),
                    bool("tree", p.get("tree")), p.get("image"));
            case QUARANTINE_FILE -> new QuarantineFile(p.get("host"), p.get("path"), p.get("sha256"));
            case RESTORE_FILE -> new RestoreFile(p.get("host"), p.get("path"));
            case ROLLBACK_FILE -> new RollbackFile(p.get("host"), p.get("path"), p.get("version"));
            case REVERT_REGISTRY -> new RevertRegistry(p.get("host"), p.get("key"), p.get("value"),
                    p.get("previous"));
            case TERMINATE_SESSIONS -> new TerminateSessions(p.get("account"), p.get("host"));
            case DISABLE_ACCOUNT -> new DisableAccount(p.get("account"));
            case ENABLE_ACCOUNT -> new EnableAccount(p.get("account"));
            case ROTATE_CREDENTIAL -> new RotateCredential(p.get("account"));
            case REVOKE_PRIVILEGE -> new RevokePrivilege(p.get("account"), p.get("privilege"));
        };
    }

    /** Whether {@code value} is acceptable for a parameter of {@code kind}; used by validation too. */
    static boolean accepts(ActionType.ParamKind kind, String value) {
        try {
            switch (kind) {
                case INTEGER -> integer("x", value);
                case BOOLEAN -> bool("x", value);
                default -> { }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long integer(String name, String v) {
        if (v == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is missing");
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' is not an integer: '" + v + "'");
        }
    }

    private static boolean bool(String name, String v) {
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new IllegalArgumentException("parameter '" + name + "' is not a boolean: '" + v + "'");
        };
    }
}
