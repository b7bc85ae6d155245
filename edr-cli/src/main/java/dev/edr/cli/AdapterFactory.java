package dev.edr.cli;

import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.DispatcherBuilder;
import dev.edr.core.response.HostIsolation;
import dev.edr.core.response.PrivilegedAccess;
import dev.edr.core.response.Remediation;
import dev.edr.core.response.adapters.AccountLock;
import dev.edr.core.response.adapters.HttpJsonAdapter;
import dev.edr.core.response.adapters.LdapDirectoryAdapter;
import dev.edr.core.response.adapters.LocalRemediation;
import dev.edr.core.response.adapters.LoggingAdapter;
import dev.edr.core.response.adapters.PasswordEncoding;
import dev.edr.dsl.response.ResponseSettings;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.SocketFactory;

/**
 * Builds the adapters of a settings file and routes each kind of action to one of them; kinds no adapter claims
 * go to a logging adapter that touches nothing. Secrets come from the environment variables the file names.
 */
final class AdapterFactory {
    /** An adapter that cannot be set up; the message names where the settings file declares it. */
    static final class SetupException extends Exception {
        SetupException(String message) {
            super(message);
        }
    }

    private final UnaryOperator<String> env;
    private final Consumer<String> log;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * @param env reads an environment variable ({@code System::getenv})
     * @param log receives the logging adapter's lines
     */
    AdapterFactory(UnaryOperator<String> env, Consumer<String> log) {
        this.env = env;
        this.log = log;
    }

    /** What must be closed after the dispatcher: connection pools, adapter threads. */
    List<AutoCloseable> resources() {
        return List.copyOf(resources);
    }

    void configure(DispatcherBuilder b, ResponseSettings settings) throws SetupException {
        Set<ActionType.Kind> unclaimed = EnumSet.allOf(ActionType.Kind.class);
        for (ResponseSettings.Adapter spec : settings.adapters()) {
            Object adapter = build(spec);
            for (ActionType.Kind k : spec.kinds()) {
                unclaimed.remove(k);
                switch (k) {
                    case HOST_ISOLATION -> b.hostIsolation((HostIsolation) adapter);
                    case REMEDIATION -> b.remediation((Remediation) adapter);
                    case PRIVILEGED_ACCESS -> b.privilegedAccess((PrivilegedAccess) adapter);
                }
            }
        }
        // explicitly: the dispatcher's own default logs through the platform logger, onto the user's terminal
        LoggingAdapter logging = LoggingAdapter.to(log);
        unclaimed.forEach(k -> {
            switch (k) {
                case HOST_ISOLATION -> b.hostIsolation(logging);
                case REMEDIATION -> b.remediation(logging);
                case PRIVILEGED_ACCESS -> b.privilegedAccess(logging);
            }
        });
        b.dryRun(settings.dryRun()).requireApproval(settings.approval().toArray(ActionType[]::new))
                .protectedAssets(settings.protectedAssets())
                .budget(settings.budget().max(), settings.budget().per())
                .rateLimit(settings.rateLimit().max(), settings.rateLimit().per())
                .dedupWindow(settings.dedupWindow()).dedupAcrossRules(settings.dedupAcrossRules());
    }

    private Object build(ResponseSettings.Adapter spec) throws SetupException {
        if (spec instanceof ResponseSettings.Logging) {
            return LoggingAdapter.to(log);
        }
        if (spec instanceof ResponseSettings.Http h) {
            return http(h);
        }
        if (spec instanceof ResponseSettings.Ldap l) {
            return ldap(l);
        }
        ResponseSettings.Local l = (ResponseSettings.Local) spec;
        try {
            LocalRemediation.Builder b = LocalRemediation.builder(l.quarantineDir());
            if (!l.hostNames().isEmpty()) {
                b.hostNames(l.hostNames());
            }
            return keep(b.build());
        } catch (java.io.UncheckedIOException e) {
            throw new SetupException(where(spec) + "the local adapter cannot use " + l.quarantineDir() + ": "
                    + e.getCause().getMessage());
        }
    }

    private HttpJsonAdapter http(ResponseSettings.Http h) throws SetupException {
        HttpJsonAdapter.Builder b = HttpJsonAdapter.builder(h.baseUrl()).name(h.name()).requestTimeout(h.timeout());
        h.headers().forEach(b::header);
        if (h.tokenEnv() != null) {
            b.header("Authorization", "Bearer " + secret(h, h.tokenEnv(), "token_env"));
        }
        try {
            h.endpoints().forEach(b::endpoint);
        } catch (IllegalArgumentException e) {
            throw new SetupException(where(h) + e.getMessage()); // the parser checks placeholders already
        }
        return keep(b.build());
    }

    private LdapDirectoryAdapter ldap(ResponseSettings.Ldap l) throws SetupException {
        String password = secret(l, l.passwordEnv(), "password_env");
        boolean tls = l.url().getScheme().toLowerCase(Locale.ROOT).equals("ldaps");
        int port = l.url().getPort() > 0 ? l.url().getPort() : tls ? 636 : 389;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(10_000);
        options.setResponseTimeoutMillis(30_000);
        LDAPConnectionPool pool;
        try {
            SocketFactory sockets = null;
            if (tls) {
                sockets = new SSLUtil(JVMDefaultTrustManager.getInstance()).createSSLSocketFactory();
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            }
            pool = new LDAPConnectionPool(new SingleServerSet(l.url().getHost(), port, sockets, options),
                    new SimpleBindRequest(l.bindDn(), password), 1, 4);
        } catch (LDAPException | GeneralSecurityException e) {
            throw new SetupException(where(l) + "cannot bind to " + l.url() + " as " + l.bindDn() + ": "
                    + e.getMessage());
        }
        resources.add(pool);
        try {
            LdapDirectoryAdapter.Builder b = LdapDirectoryAdapter.builder(pool).userBase(l.userBase())
                    .privilegedGroups(l.privilegedGroups());
            if (l.activeDirectory()) {
                b.userAttribute("sAMAccountName").accountLock(AccountLock.userAccountControl())
                        .passwordEncoding(PasswordEncoding.AD_UNICODE_PWD);
            }
            if (l.userAttribute() != null) {
                b.userAttribute(l.userAttribute());
            }
            return keep(b.build());
        } catch (IllegalArgumentException e) {
            throw new SetupException(where(l) + e.getMessage());
        }
    }

    private String secret(ResponseSettings.Adapter spec, String variable, String key) throws SetupException {
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new SetupException(where(spec) + "environment variable " + variable + " (" + key + ") is not set");
        }
        return value;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private static String where(ResponseSettings.Adapter spec) {
        return spec.location().source() + ":" + spec.location().line() + ":" + spec.location().column() + ": ";
    }
}
