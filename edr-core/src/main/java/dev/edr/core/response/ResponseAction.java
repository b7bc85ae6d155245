package dev.edr.core.response;

import java.util.Locale;
import java.util.Map;

/**
 * One response action, fully parameterised. {@link #target()} is the canonical identity of what is acted on (host
 * and account names lower-cased, since both are case-insensitive where they matter); it feeds the idempotency key.
 * {@link #params()} is the wire form, {@link #of} its inverse.
 */
public sealed interface ResponseAction {
    ActionType type();

    String target();

    /** Parameters by name, as strings, in {@link ActionType#params()} order; absent optionals are left out. */
    Map<String, String> params();

    /** The host acted on, or {@code null} when the action is not host-scoped. */
    default String host() {
        return null;
    }

    /** The account acted on, or {@code null}. */
    default String account() {
        return null;
    }

    /**
     * Builds an action from wire parameters.
     *
     * @throws IllegalArgumentException when a required parameter is missing or a value has the wrong kind
     */
    static ResponseAction of(ActionType type, Map<String, String> params) {
        return ActionCodec.decode(type, params);
    }

    record IsolateHost(String host) implements ResponseAction {
        public IsolateHost {
            host = ActionCodec.required("host", host);
        }

        public ActionType type() { return ActionType.ISOLATE_HOST; }
        public String target() { return "host:" + lower(host); }
        public Map<String, String> params() { return ActionCodec.map("host", host); }
    }

    record ReleaseHost(String host) implements ResponseAction {
        public ReleaseHost {
            host = ActionCodec.required("host", host);
        }

        public ActionType type() { return ActionType.RELEASE_HOST; }
        public String target() { return "host:" + lower(host); }
        public Map<String, String> params() { return ActionCodec.map("host", host); }
    }

    /** {@code image}, when given, must match the running process before it is killed (guards against pid reuse). */
    record KillProcess(String host, long pid, boolean tree, String image) implements ResponseAction {
        public KillProcess {
            host = ActionCodec.required("host", host);
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be positive: " + pid);
            }
        }

        public ActionType type() { return ActionType.KILL_PROCESS; }
        public String target() { return "process:" + lower(host) + "/" + pid; }
        public Map<String, String> params() {
            return ActionCodec.map("host", host, "pid", Long.toString(pid), "tree", Boolean.toString(tree), "image",
                    image);
        }
    }

    /** {@code sha256}, when given, must match the file's content before it is quarantined. */
    record QuarantineFile(String host, String path, String sha256) implements ResponseAction {
        public QuarantineFile {
            host = ActionCodec.required("host", host);
            path = ActionCodec.required("path", path);
        }

        public ActionType type() { return ActionType.QUARANTINE_FILE; }
        public String target() { return "file:" + lower(host) + "/" + path; }
        public Map<String, String> params() { return ActionCodec.map("host", host, "path", path, "sha256", sha256); }
    }

    record RestoreFile(String host, String path) implements ResponseAction {
        public RestoreFile {
            host = ActionCodec.required("host", host);
            path = ActionCodec.required("path", path);
        }

        public ActionType type() { return ActionType.RESTORE_FILE; }
        public String target() { return "file:" + lower(host) + "/" + path; }
        public Map<String, String> params() { return ActionCodec.map("host", host, "path", path); }
    }

    /** {@code version} names the snapshot to return to; {@code null} means the one before the detection. */
    record RollbackFile(String host, String path, String version) implements ResponseAction {
        public RollbackFile {
            host = ActionCodec.required("host", host);
            path = ActionCodec.required("path", path);
        }

        public ActionType type() { return ActionType.ROLLBACK_FILE; }
        public String target() { return "file:" + lower(host) + "/" + path; }
        public Map<String, String> params() { return ActionCodec.map("host", host, "path", path, "version", version); }
    }

    /** {@code previous}, when known from the event, is the data to restore; else the adapter finds it. */
    record RevertRegistry(String host, String key, String value, String previous) implements ResponseAction {
        public RevertRegistry {
            host = ActionCodec.required("host", host);
            key = ActionCodec.required("key", key);
            value = ActionCodec.required("value", value);
        }

        public ActionType type() { return ActionType.REVERT_REGISTRY; }
        public String target() { return "registry:" + lower(host) + "/" + key + "/" + value; }
        public Map<String, String> params() {
            return ActionCodec.map("host", host, "key", key, "value", value, "previous", previous);
        }
    }

    /** Without a host, every session of the account everywhere. */
    record TerminateSessions(String account, String host) implements ResponseAction {
        public TerminateSessions {
            account = ActionCodec.required("account", account);
        }

        public ActionType type() { return ActionType.TERMINATE_SESSIONS; }
        public String target() { return "account:" + lower(account) + (host == null ? "" : "@" + lower(host)); }
        public Map<String, String> params() { return ActionCodec.map("account", account, "host", host); }
    }

    record DisableAccount(String account) implements ResponseAction {
        public DisableAccount {
            account = ActionCodec.required("account", account);
        }

        public ActionType type() { return ActionType.DISABLE_ACCOUNT; }
        public String target() { return "account:" + lower(account); }
        public Map<String, String> params() { return ActionCodec.map("account", account); }
    }

    record EnableAccount(String account) implements ResponseAction {
        public EnableAccount {
            account = ActionCodec.required("account", account);
        }

        public ActionType type() { return ActionType.ENABLE_ACCOUNT; }
        public String target() { return "account:" + lower(account); }
        public Map<String, String> params() { return ActionCodec.map("account", account); }
    }

    record RotateCredential(String account) implements ResponseAction {
        public RotateCredential {
            account = ActionCodec.required("account", account);
        }

        public ActionType type() { return ActionType.ROTATE_CREDENTIAL; }
        public String target() { return "account:" + lower(account); }
        public Map<String, String> params() { return ActionCodec.map("account", account); }
    }

    /** {@code privilege} names a group or elevation grant; {@code null} means every privileged membership. */
    record RevokePrivilege(String account, String privilege) implements ResponseAction {
        public RevokePrivilege {
            account = ActionCodec.required("account", account);
        }

        public ActionType type() { return ActionType.REVOKE_PRIVILEGE; }
        public String target() {
            return "account:" + lower(account) + (privilege == null ? "" : "/" + privilege.toLowerCase(Locale.ROOT));
        }
        public Map<String, String> params() { return ActionCodec.map("account", account, "privilege", privilege); }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
