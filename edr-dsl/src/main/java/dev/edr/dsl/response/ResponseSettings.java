package dev.edr.dsl.response;

import dev.edr.core.diag.SourceLocation;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.ProtectedAssets;
import dev.edr.core.response.adapters.HttpEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a command-line response run acts: the dispatcher's policy and which adapter carries each kind of action.
 * Read from a YAML file by {@link ResponseSettingsParser}; {@link #DEFAULTS} when there is none: logging adapters
 * that touch nothing, no approval, no protected assets, the dispatcher's default budget and rate limit, a dedup
 * window of one hour across rules. Secrets are never part of the settings: adapters name the environment
 * variables that hold them.
 *
 * @param adapters each kind is carried by at most one of them; kinds none claims go to the logging adapter
 */
public record ResponseSettings(boolean dryRun, Set<ActionType> approval, ProtectedAssets protectedAssets,
        Limit budget, Limit rateLimit, Duration dedupWindow, boolean dedupAcrossRules, List<Adapter> adapters) {

    public static final ResponseSettings DEFAULTS = new ResponseSettings(false, Set.of(), ProtectedAssets.NONE,
            new Limit(100, Duration.ofMinutes(5)), new Limit(10, Duration.ofSeconds(1)), Duration.ofHours(1), true,
            List.of());

    public ResponseSettings {
        approval = approval.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(approval));
        Objects.requireNonNull(protectedAssets, "protectedAssets");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        adapters = List.copyOf(adapters);
    }

    /** At most {@code max} per {@code per}. */
    public record Limit(int max, Duration per) {}

    /** One configured adapter; {@code location} is where the file declares it, for messages about it. */
    public sealed interface Adapter permits Logging, Http, Ldap, Local {
        Set<ActionType.Kind> kinds();

        SourceLocation location();
    }

    /** Writes what it would do and touches nothing. */
    public record Logging(Set<ActionType.Kind> kinds, SourceLocation location) implements Adapter {
        public Logging {
            kinds = Set.copyOf(kinds);
        }
    }

    /**
     * A REST/JSON API. {@code tokenEnv}, when set, names the environment variable whose value is sent as
     * {@code Authorization: Bearer ...}; {@code headers} are sent as written.
     */
    public record Http(String name, Set<ActionType.Kind> kinds, URI baseUrl, Map<String, String> headers,
            String tokenEnv, Map<ActionType, HttpEndpoint> endpoints, Duration timeout, SourceLocation location)
            implements Adapter {
        public Http {
            kinds = Set.copyOf(kinds);
            headers = Map.copyOf(headers);
            endpoints = endpoints.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(endpoints));
        }
    }

    /**
     * An LDAP directory for privileged-access actions. {@code activeDirectory} selects AD's attributes
     * (sAMAccountName, userAccountControl, unicodePwd) over the generic ones (uid, nsAccountLock, userPassword);
     * {@code userAttribute}, when set, overrides the attribute account names are matched against.
     */
    public record Ldap(Set<ActionType.Kind> kinds, URI url, String bindDn, String passwordEnv, String userBase,
            boolean activeDirectory, String userAttribute, List<String> privilegedGroups, SourceLocation location)
            implements Adapter {
        public Ldap {
            kinds = Set.copyOf(kinds);
            privilegedGroups = List.copyOf(privilegedGroups);
        }
    }

    /** Remediation on this machine: kills processes and quarantines files into {@code quarantineDir}. */
    public record Local(Set<ActionType.Kind> kinds, Path quarantineDir, Set<String> hostNames,
            SourceLocation location) implements Adapter {
        public Local {
            kinds = Set.copyOf(kinds);
            hostNames = Set.copyOf(hostNames);
        }
    }
}
