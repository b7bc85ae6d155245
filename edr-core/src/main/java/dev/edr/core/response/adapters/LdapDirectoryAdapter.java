package dev.edr.core.response.adapters;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.edr.core.response.ActionContext;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.PrivilegedAccess;
import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.EnableAccount;
import dev.edr.core.response.ResponseAction.RevokePrivilege;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.ResponseAction.TerminateSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Privileged-access response against an LDAP directory (UnboundID LDAP SDK; the dependency is optional, add it
 * to use this class): disable and enable an account, set a new random password, remove it from privileged groups.
 * Active Directory is the same pattern with {@link AccountLock#userAccountControl()},
 * {@link PasswordEncoding#AD_UNICODE_PWD} over LDAPS and {@code sAMAccountName}; see the README, "Response".
 * Connection-level errors fail the stage (the dispatcher retries); directory answers such as "no such account" are
 * FAILED outcomes.
 * An LDAP directory holds no sessions, so terminate_sessions reports FAILED: pair this adapter with a PAM one.
 */
public final class LdapDirectoryAdapter implements PrivilegedAccess, AutoCloseable {
    private final LDAPInterface directory;
    private final String userBase;
    private final String userAttribute;
    private final AccountLock lock;
    private final PasswordEncoding passwordEncoding;
    private final int passwordLength;
    private final BiConsumer<String, char[]> passwordSink;
    private final List<DN> privilegedGroups;
    private final String memberAttribute;
    private final ExecutorService executor;

    private LdapDirectoryAdapter(Builder b) {
        this.directory = b.directory;
        this.userBase = Objects.requireNonNull(b.userBase, "userBase");
        this.userAttribute = b.userAttribute;
        this.lock = b.lock;
        this.passwordEncoding = b.passwordEncoding;
        this.passwordLength = b.passwordLength;
        this.passwordSink = b.passwordSink;
        this.privilegedGroups = List.copyOf(b.privilegedGroups);
        this.memberAttribute = b.memberAttribute;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "edr-ldap-adapter");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code directory} is usually an {@code LDAPConnectionPool} bound as a service account, over LDAPS. */
    public static Builder builder(LDAPInterface directory) {
        return new Builder(directory);
    }

    public static final class Builder {
        private final LDAPInterface directory;
        private String userBase;
        private String userAttribute = "uid";
        private AccountLock lock = AccountLock.attribute("nsAccountLock", "TRUE", "FALSE");
        private PasswordEncoding passwordEncoding = PasswordEncoding.PLAIN_USER_PASSWORD;
        private int passwordLength = 32;
        private BiConsumer<String, char[]> passwordSink = (dn, pw) -> java.util.Arrays.fill(pw, '\0');
        private final List<DN> privilegedGroups = new ArrayList<>();
        private String memberAttribute = "member";

        private Builder(LDAPInterface directory) {
            this.directory = Objects.requireNonNull(directory);
        }

        /** Where accounts live, searched with subtree scope. */
        public Builder userBase(String dn) {
            this.userBase = dn;
            return this;
        }

        /** The attribute an account name is matched against: {@code uid}, AD's {@code sAMAccountName}. */
        public Builder userAttribute(String attribute) {
            this.userAttribute = Objects.requireNonNull(attribute);
            return this;
        }

        public Builder accountLock(AccountLock lock) {
            this.lock = Objects.requireNonNull(lock);
            return this;
        }

        public Builder passwordEncoding(PasswordEncoding encoding) {
            this.passwordEncoding = Objects.requireNonNull(encoding);
            return this;
        }

        public Builder passwordLength(int length) {
            if (length < 16) {
                throw new IllegalArgumentException("a rotated password needs at least 16 characters");
            }
            this.passwordLength = length;
            return this;
        }

        /**
         * Receives each new password (by account DN), e.g. to store it in a vault; it may zero the array afterwards.
         * By default the password is discarded: the attacker's credential is dead and the owner resets it.
         */
        public Builder passwordSink(BiConsumer<String, char[]> sink) {
            this.passwordSink = Objects.requireNonNull(sink);
            return this;
        }

        /** Groups that revoke_privilege removes accounts from; no other group is ever modified. */
        public Builder privilegedGroups(List<String> groupDns) {
            for (String g : groupDns) {
                try {
                    privilegedGroups.add(new DN(g));
                } catch (LDAPException e) {
                    throw new IllegalArgumentException("not a DN: " + g, e);
                }
            }
            return this;
        }

        public Builder memberAttribute(String attribute) {
            this.memberAttribute = Objects.requireNonNull(attribute);
            return this;
        }

        public LdapDirectoryAdapter build() {
            return new LdapDirectoryAdapter(this);
        }
    }

    @Override
    public String name() {
        return "ldap";
    }

    private interface Work {
        Outcome run() throws LDAPException;
    }

    private CompletionStage<Outcome> async(Work work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (LDAPException e) {
                if (transientFailure(e.getResultCode())) {
                    throw new CompletionException(e); // the dispatcher retries these
                }
                return Outcome.failed("LDAP " + e.getResultCode().getName() + ": " + e.getDiagnosticMessage());
            }
        }, executor);
    }

    private static boolean transientFailure(ResultCode rc) {
        return !rc.isConnectionUsable() || rc == ResultCode.BUSY || rc == ResultCode.UNAVAILABLE
                || rc == ResultCode.TIMEOUT || rc == ResultCode.SERVER_DOWN || rc == ResultCode.CONNECT_ERROR;
    }

    /** The account's entry, or {@code null}; {@code CORP\alice} and {@code alice@corp} both look up {@code alice}. */
    private SearchResultEntry find(String account, String... attributes) throws LDAPException {
        String user = userPart(account);
        SearchResult r = directory.search(userBase, SearchScope.SUB, Filter.createEqualityFilter(userAttribute, user),
                attributes);
        return r.getEntryCount() == 1 ? r.getSearchEntries().get(0) : null;
    }

    static String userPart(String account) {
        int slash = account.lastIndexOf('\\');
        String user = slash >= 0 ? account.substring(slash + 1) : account;
        int at = user.indexOf('@');
        return at > 0 ? user.substring(0, at) : user;
    }

    private Outcome noSuchAccount(String account) {
        return Outcome.failed("no single account with " + userAttribute + "=" + userPart(account) + " under "
                + userBase);
    }

    @Override
    public CompletionStage<Outcome> disableAccount(DisableAccount a, ActionContext ctx) {
        return async(() -> setLocked(a.account(), true));
    }

    @Override
    public CompletionStage<Outcome> enableAccount(EnableAccount a, ActionContext ctx) {
        return async(() -> setLocked(a.account(), false));
    }

    private Outcome setLocked(String account, boolean locked) throws LDAPException {
        SearchResultEntry e = find(account, lock.attribute());
        if (e == null) {
            return noSuchAccount(account);
        }
        String current = e.getAttributeValue(lock.attribute());
        String wanted = lock.valueFor(current, locked);
        String verb = locked ? "disabled" : "enabled";
        if (wanted.equalsIgnoreCase(Objects.requireNonNullElse(current, ""))) {
            return Outcome.succeeded(e.getDN() + " already " + verb);
        }
        directory.modify(e.getDN(), new Modification(ModificationType.REPLACE, lock.attribute(), wanted));
        return Outcome.succeeded(verb + " " + e.getDN() + " (" + lock.attribute() + "=" + wanted + ")");
    }

    @Override
    public CompletionStage<Outcome> rotateCredential(RotateCredential a, ActionContext ctx) {
        return async(() -> {
            SearchResultEntry e = find(a.account(), "1.1");
            if (e == null) {
                return noSuchAccount(a.account());
            }
            char[] password = Passwords.random(passwordLength);
            try {
                directory.modify(e.getDN(), passwordEncoding.modification(password));
                passwordSink.accept(e.getDN(), password.clone());
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
            return Outcome.succeeded("new random password set on " + e.getDN()); // never the password itself
        });
    }

    @Override
    public CompletionStage<Outcome> revokePrivilege(RevokePrivilege a, ActionContext ctx) {
        return async(() -> {
            SearchResultEntry user = find(a.account(), "1.1");
            if (user == null) {
                return noSuchAccount(a.account());
            }
            List<DN> targets = new ArrayList<>();
            for (DN g : privilegedGroups) {
                if (a.privilege() == null || a.privilege().equalsIgnoreCase(g.toString())
                        || a.privilege().equalsIgnoreCase(g.getRDN().getAttributeValues()[0])) {
                    targets.add(g);
                }
            }
            if (targets.isEmpty()) {
                return Outcome.failed("'" + a.privilege() + "' is not a configured privileged group");
            }
            List<String> removed = new ArrayList<>();
            for (DN g : targets) {
                SearchResult r = directory.search(g.toString(), SearchScope.BASE,
                        Filter.createEqualityFilter(memberAttribute, user.getDN()), "1.1");
                if (r.getEntryCount() == 1) {
                    directory.modify(g.toString(), new Modification(ModificationType.DELETE, memberAttribute,
                            user.getDN()));
                    removed.add(g.getRDN().getAttributeValues()[0]);
                }
            }
            return Outcome.succeeded(removed.isEmpty() ? user.getDN() + " held none of the privileged groups"
                    : "removed " + user.getDN() + " from " + removed);
        });
    }

    @Override
    public CompletionStage<Outcome> terminateSessions(TerminateSessions a, ActionContext ctx) {
        return CompletableFuture.completedFuture(Outcome.failed("an LDAP directory holds no sessions; use a PAM or"
                + " session-broker adapter (disabling the account or rotating its credential stops new logons)"));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
