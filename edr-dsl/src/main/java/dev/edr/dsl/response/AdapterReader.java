package dev.edr.dsl.response;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.adapters.HttpEndpoint;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code adapters:} list of a settings file; each kind of action may be claimed by one adapter only. */
final class AdapterReader {
    private static final Set<String> COMMON = Set.of("type", "for");
    private static final Set<String> HTTP = Set.of("name", "base_url", "headers", "token_env", "endpoints", "timeout");
    private static final Set<String> LDAP = Set.of("url", "bind_dn", "password_env", "user_base", "directory",
            "user_attribute", "privileged_groups");
    private static final Set<String> LOCAL = Set.of("quarantine_dir", "host_names");
    private static final Set<String> ENDPOINT = Set.of("method", "path", "body", "reference", "status");
    private static final Set<String> STATUS = Set.of("path", "field", "done", "failed");
    private static final Set<String> ALWAYS_PLACEHOLDERS = Set.of("key", "type", "rule", "reference");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final ActionsReader r;
    private final Diagnostics d;
    private final Path baseDir;
    private final Map<ActionType.Kind, YNode> claimed = new EnumMap<>(ActionType.Kind.class);

    AdapterReader(ActionsReader r, Diagnostics d, Path baseDir) {
        this.r = r;
        this.d = d;
        this.baseDir = baseDir;
    }

    List<ResponseSettings.Adapter> adapters(YNode n) {
        if (!(n instanceof YSeq seq)) {
            d.error(IssueCode.INVALID_ATTRIBUTE, n.location(), "adapters must be a list of {type: ...} mappings");
            return List.of();
        }
        List<ResponseSettings.Adapter> out = new ArrayList<>();
        for (YNode item : seq.items()) {
            ResponseSettings.Adapter a = adapter(item);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    private ResponseSettings.Adapter adapter(YNode n) {
        YMap m = r.map(n, "an adapter");
        if (m == null) {
            return null;
        }
        String type = m.get("type") instanceof YScalar s && s.isString() ? s.text() : null;
        Set<String> keys = switch (type == null ? "" : type) {
            case "http" -> HTTP;
            case "ldap" -> LDAP;
            case "local" -> LOCAL;
            case "logging" -> Set.of();
            default -> null;
        };
        if (keys == null) {
            d.error(m.get("type") == null ? IssueCode.MISSING_ATTRIBUTE : IssueCode.INVALID_ATTRIBUTE,
                    m.get("type") == null ? m.location() : m.get("type").location(),
                    "an adapter needs a 'type': http, ldap, local or logging");
            return null;
        }
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(keys);
        r.onlyKeys(m, allowed, "a " + type + " adapter");
        return switch (type) {
            case "http" -> http(m);
            case "ldap" -> new ResponseSettings.Ldap(kinds(m, EnumSet.of(ActionType.Kind.PRIVILEGED_ACCESS),
                    EnumSet.of(ActionType.Kind.PRIVILEGED_ACCESS)), uri(m, "url", Set.of("ldap", "ldaps")),
                    text(m, "bind_dn", true), env(m, "password_env", true), text(m, "user_base", true),
                    directory(m), text(m, "user_attribute", false),
                    ResponseSettingsParser.texts(r, m.get("privileged_groups"), "privileged_groups"), m.location());
            case "local" -> new ResponseSettings.Local(kinds(m, EnumSet.of(ActionType.Kind.REMEDIATION),
                    EnumSet.of(ActionType.Kind.REMEDIATION)), path(m, "quarantine_dir"),
                    Set.copyOf(ResponseSettingsParser.texts(r, m.get("host_names"), "host_names")), m.location());
            default -> new ResponseSettings.Logging(kinds(m, EnumSet.allOf(ActionType.Kind.class),
                    EnumSet.allOf(ActionType.Kind.class)), m.location());
        };
    }

    private ResponseSettings.Http http(YMap m) {
        Map<ActionType, HttpEndpoint> endpoints = new LinkedHashMap<>();
        YMap em = m.get("endpoints") == null ? null : r.map(m.get("endpoints"), "endpoints");
        if (em == null && m.get("endpoints") == null) {
            d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "an http adapter needs 'endpoints': action types"
                    + " mapped to {method, path, body, reference, status}");
        }
        if (em != null) {
            for (YMap.Entry e : em.entries()) {
                ActionType type = r.actionType(e.key());
                HttpEndpoint endpoint = type == null ? null : endpoint(type, e.value());
                if (endpoint != null) {
                    endpoints.put(type, endpoint);
                }
            }
        }
        Set<ActionType.Kind> own = EnumSet.noneOf(ActionType.Kind.class);
        endpoints.keySet().forEach(t -> own.add(t.kind()));
        Map<String, String> headers = new LinkedHashMap<>();
        YMap hm = m.get("headers") == null ? null : r.map(m.get("headers"), "headers");
        if (hm != null) {
            for (YMap.Entry e : hm.entries()) {
                if (!HEADER_NAME.matcher(e.key().text()).matches()) {
                    d.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(), "'" + e.key().text() + "' is not an"
                            + " HTTP header name");
                } else if (e.value() instanceof YScalar s && !s.isNull() && s.text().indexOf('\n') < 0) {
                    headers.put(e.key().text(), s.text());
                } else {
                    d.error(IssueCode.INVALID_ATTRIBUTE, e.value().location(), "a header value must be one line of"
                            + " text");
                }
            }
        }
        Duration timeout = m.get("timeout") == null ? Duration.ofSeconds(10)
                : ResponseSettingsParser.duration(d, m.get("timeout"), "timeout");
        String name = m.get("name") == null ? "http" : text(m, "name", true);
        return new ResponseSettings.Http(name == null ? "http" : name, kinds(m, own,
                EnumSet.allOf(ActionType.Kind.class)), uri(m, "base_url", Set.of("http", "https")), headers,
                env(m, "token_env", false), endpoints, timeout == null ? Duration.ofSeconds(10) : timeout,
                m.location());
    }

    private HttpEndpoint endpoint(ActionType type, YNode n) {
        YMap m = r.map(n, type.wireName() + " endpoint");
        if (m == null) {
            return null;
        }
        int errors = d.errorCount();
        r.onlyKeys(m, ENDPOINT, "an endpoint");
        String method = m.get("method") == null ? "POST" : text(m, "method", true);
        if (method != null && !Set.of("POST", "PUT", "PATCH", "DELETE", "GET").contains(method)) {
            d.error(IssueCode.INVALID_ATTRIBUTE, m.get("method").location(), "method must be POST, PUT, PATCH,"
                    + " DELETE or GET");
        }
        String path = text(m, "path", true);
        placeholders(type, m.get("path"));
        Map<String, String> body = new LinkedHashMap<>();
        YMap bm = m.get("body") == null ? null : r.map(m.get("body"), "body");
        if (bm != null) {
            for (YMap.Entry e : bm.entries()) {
                if (e.value() instanceof YScalar s && !s.isNull()) {
                    body.put(e.key().text(), s.text());
                    placeholders(type, s);
                } else {
                    d.error(IssueCode.INVALID_ATTRIBUTE, e.value().location(), "a body value must be a text template");
                }
            }
        }
        String reference = m.get("reference") == null ? null : text(m, "reference", true);
        YMap status = m.get("status") == null ? null : r.map(m.get("status"), "status");
        HttpEndpoint endpoint = null;
        if (d.errorCount() == errors && path != null && method != null) {
            endpoint = new HttpEndpoint(method, path, body, null, null, null, Set.of(), Set.of());
        }
        if (status != null) {
            r.onlyKeys(status, STATUS, "status");
            String statusPath = text(status, "path", true);
            placeholders(type, status.get("path"));
            String field = text(status, "field", true);
            List<String> done = ResponseSettingsParser.texts(r, status.get("done"), "done");
            List<String> failed = ResponseSettingsParser.texts(r, status.get("failed"), "failed");
            if (reference == null) {
                d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "polling a status needs 'reference': the field"
                        + " of the response that holds the job id (e.g. job.id)");
            }
            if (done.isEmpty()) {
                d.error(IssueCode.MISSING_ATTRIBUTE, status.location(), "status needs 'done': the values that mean"
                        + " the job succeeded");
            }
            if (endpoint != null && d.errorCount() == errors) {
                return endpoint.polling(reference, statusPath, field, Set.copyOf(done), Set.copyOf(failed));
            }
            return null;
        }
        if (endpoint != null && reference != null) {
            return new HttpEndpoint(method, path, body, reference, null, null, Set.of(), Set.of());
        }
        return d.errorCount() == errors ? endpoint : null;
    }

    /** Placeholders must be parameters of the action or {key}, {type}, {rule}, {reference}. */
    private void placeholders(ActionType type, YNode n) {
        if (!(n instanceof YScalar s)) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(s.text());
        while (m.find()) {
            String p = m.group(1);
            if (type.param(p).isEmpty() && !ALWAYS_PLACEHOLDERS.contains(p)) {
                d.error(IssueCode.INVALID_ATTRIBUTE, s.location().shift(0, s.contentColumnOffset() + m.start()),
                        "{" + p + "} is not a parameter of " + type.wireName() + "; use one of "
                                + type.params().stream().map(ActionType.Param::name).toList()
                                + " or {key}, {type}, {rule}, {reference}");
            }
        }
    }

    /** The kinds the adapter carries: {@code for:} if given (within {@code possible}), else {@code own}. */
    private Set<ActionType.Kind> kinds(YMap m, Set<ActionType.Kind> own, Set<ActionType.Kind> possible) {
        Set<ActionType.Kind> kinds = EnumSet.noneOf(ActionType.Kind.class);
        YNode forNode = m.get("for");
        if (forNode == null) {
            kinds.addAll(own);
        } else {
            for (YScalar s : r.scalars(forNode, "for")) {
                ActionType.Kind k = kind(s.text());
                if (k == null || !possible.contains(k)) {
                    d.error(IssueCode.INVALID_ATTRIBUTE, s.location(), "'" + s.text() + "' is not a kind this adapter"
                            + " can carry; one of " + possible.stream().map(AdapterReader::kindName).toList());
                } else {
                    kinds.add(k);
                }
            }
        }
        for (ActionType.Kind k : kinds) {
            YNode first = claimed.putIfAbsent(k, m);
            if (first != null) {
                d.error(IssueCode.INVALID_ATTRIBUTE, m.location(), kindName(k) + " actions already go to the adapter"
                        + " at line " + first.location().line() + "; add 'for:' to split the kinds between adapters");
            }
        }
        return kinds;
    }

    private static ActionType.Kind kind(String name) {
        for (ActionType.Kind k : ActionType.Kind.values()) {
            if (kindName(k).equals(name)) {
                return k;
            }
        }
        return null;
    }

    static String kindName(ActionType.Kind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private boolean directory(YMap m) {
        YNode n = m.get("directory");
        if (n == null) {
            return false;
        }
        String v = n instanceof YScalar s ? s.text() : "";
        if (!v.equals("active_directory") && !v.equals("generic")) {
            d.error(IssueCode.INVALID_ATTRIBUTE, n.location(), "directory must be active_directory (sAMAccountName,"
                    + " userAccountControl, unicodePwd) or generic (uid, nsAccountLock, userPassword)");
        }
        return v.equals("active_directory");
    }

    private String text(YMap m, String key, boolean required) {
        YNode n = m.get(key);
        if (n == null) {
            if (required) {
                d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "'" + key + "' is required here");
            }
            return null;
        }
        if (n instanceof YScalar s && s.isString() && !s.text().isBlank()) {
            return s.text();
        }
        d.error(IssueCode.INVALID_ATTRIBUTE, n.location(), "'" + key + "' must be a non-empty text");
        return null;
    }

    /** The name of an environment variable: never the secret itself. */
    private String env(YMap m, String key, boolean required) {
        String name = text(m, key, required);
        if (name != null && !ENV_NAME.matcher(name).matches()) {
            d.error(IssueCode.INVALID_ATTRIBUTE, m.get(key).location(), "'" + key + "' names an environment variable"
                    + " (letters, digits, '_'); secrets never go into this file");
            return null;
        }
        return name;
    }

    private URI uri(YMap m, String key, Set<String> schemes) {
        String text = text(m, key, true);
        if (text == null) {
            return null;
        }
        try {
            URI u = new URI(text);
            if (u.getScheme() != null && schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
                    && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        d.error(IssueCode.INVALID_ATTRIBUTE, m.get(key).location(), "'" + key + "' must be an absolute "
                + String.join(" or ", schemes.stream().sorted().toList()) + " URL with a host");
        return null;
    }

    private Path path(YMap m, String key) {
        String text = text(m, key, true);
        if (text == null) {
            return null;
        }
        try {
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            d.error(IssueCode.INVALID_ATTRIBUTE, m.get(key).location(), "not a usable path: " + e.getMessage());
            return null;
        }
    }
}
