package dev.edr.core.response;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The response actions the engine knows, with their wire names ({@code isolate_host}, ...) and parameters. The
 * parameter table is shared by the rule language (validation), the playbook resolver and the journal codec, so
 * the three can never disagree.
 */
public enum ActionType {
    ISOLATE_HOST(Kind.HOST_ISOLATION, Param.host()),
    RELEASE_HOST(Kind.HOST_ISOLATION, Param.host()),
    KILL_PROCESS(Kind.REMEDIATION, Param.host(), Param.required("pid", ParamKind.INTEGER),
            Param.optional("tree", ParamKind.BOOLEAN), Param.optional("image", ParamKind.STRING)),
    QUARANTINE_FILE(Kind.REMEDIATION, Param.host(), Param.required("path", ParamKind.STRING),
            Param.optional("sha256", ParamKind.STRING)),
    RESTORE_FILE(Kind.REMEDIATION, Param.host(), Param.required("path", ParamKind.STRING)),
    ROLLBACK_FILE(Kind.REMEDIATION, Param.host(), Param.required("path", ParamKind.STRING),
            Param.optional("version", ParamKind.STRING)),
    REVERT_REGISTRY(Kind.REMEDIATION, Param.host(), Param.required("key", ParamKind.STRING),
            Param.required("value", ParamKind.STRING), Param.optional("previous", ParamKind.STRING)),
    TERMINATE_SESSIONS(Kind.PRIVILEGED_ACCESS, Param.required("account", ParamKind.STRING),
            Param.optional("host", ParamKind.STRING)),
    DISABLE_ACCOUNT(Kind.PRIVILEGED_ACCESS, Param.required("account", ParamKind.STRING)),
    ENABLE_ACCOUNT(Kind.PRIVILEGED_ACCESS, Param.required("account", ParamKind.STRING)),
    ROTATE_CREDENTIAL(Kind.PRIVILEGED_ACCESS, Param.required("account", ParamKind.STRING)),
    REVOKE_PRIVILEGE(Kind.PRIVILEGED_ACCESS, Param.required("account", ParamKind.STRING),
            Param.optional("privilege", ParamKind.STRING));

    /** Which adapter interface carries the action. */
    public enum Kind { HOST_ISOLATION, REMEDIATION, PRIVILEGED_ACCESS }

    public enum ParamKind {
        STRING, INTEGER, BOOLEAN;

        /** Whether a resolved parameter text is acceptable for this kind ({@code 42}, {@code true}/{@code no}). */
        public boolean accepts(String value) {
            return ActionCodec.accepts(this, value);
        }
    }

    /**
     * One parameter. {@code defaultTemplate} is used when a playbook omits the parameter: host-scoped actions act
     * on the detection's host unless told otherwise.
     */
    public record Param(String name, ParamKind kind, boolean required, String defaultTemplate) {
        static Param host() {
            return new Param("host", ParamKind.STRING, true, "%@host%");
        }

        static Param required(String name, ParamKind kind) {
            return new Param(name, kind, true, null);
        }

        static Param optional(String name, ParamKind kind) {
            return new Param(name, kind, false, null);
        }
    }

    private final Kind kind;
    private final List<Param> params;

    ActionType(Kind kind, Param... params) {
        this.kind = kind;
        this.params = List.of(params);
    }

    public Kind kind() {
        return kind;
    }

    public List<Param> params() {
        return params;
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** {@code isolate_host}, {@code kill_process}, ...: the name used in rules, journals and CLI output. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ActionType> fromWireName(String name) {
        for (ActionType t : values()) {
            if (t.wireName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
