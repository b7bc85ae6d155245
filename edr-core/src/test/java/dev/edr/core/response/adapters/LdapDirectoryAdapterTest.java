package dev.edr.core.response.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.edr.core.response.ActionContext;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.EnableAccount;
import dev.edr.core.response.ResponseAction.RevokePrivilege;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.ResponseAction.TerminateSessions;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against UnboundID's in-memory directory server, listening on 127.0.0.1, reached over a real LDAP socket. */
class LdapDirectoryAdapterTest {
    static final String BASE = "dc=corp,dc=example";
    static final String ALICE = "uid=alice,ou=people," + BASE;
    static final String ADMINS = "cn=Domain Admins,ou=groups," + BASE;
    static final String HELPDESK = "cn=Helpdesk,ou=groups," + BASE;
    static final String BACKUP = "cn=Backup Operators,ou=groups," + BASE;

    InMemoryDirectoryServer server;
    LDAPConnectionPool pool;
    final Map<String, String> vault = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        cfg.addAdditionalBindCredentials("cn=edr-responder", "s3rvice");
        cfg.setSchema(null); // AD-style attributes (userAccountControl, sAMAccountName) without an AD schema
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        server = new InMemoryDirectoryServer(cfg);
        server.add("dn: " + BASE, "objectClass: domain", "dc: corp");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: " + ALICE, "objectClass: inetOrgPerson", "uid: alice", "sAMAccountName: alice", "cn: Alice",
                "sn: A", "userPassword: old-pass", "nsAccountLock: FALSE", "userAccountControl: 66048");
        server.add("dn: " + ADMINS, "objectClass: groupOfNames", "cn: Domain Admins", "member: " + ALICE);
        server.add("dn: " + HELPDESK, "objectClass: groupOfNames", "cn: Helpdesk", "member: " + ALICE);
        server.add("dn: " + BACKUP, "objectClass: groupOfNames", "cn: Backup Operators", "member: cn=nobody");
        server.startListening();
        LDAPConnection c = new LDAPConnection("127.0.0.1", server.getListenPort(), "cn=edr-responder", "s3rvice");
        pool = new LDAPConnectionPool(c, 2);
    }

    @AfterEach
    void stop() {
        pool.close();
        server.shutDown(true);
    }

    LdapDirectoryAdapter.Builder adapter() {
        return LdapDirectoryAdapter.builder(pool).userBase("ou=people," + BASE)
                .privilegedGroups(List.of(ADMINS, BACKUP))
                .passwordSink((dn, pw) -> vault.put(dn, new String(pw)));
    }

    static Outcome get(CompletionStage<Outcome> s) throws Exception {
        return s.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static final ActionContext CTX = new ActionContext("k", 1, "rule", false);

    String attr(String name) throws LDAPException {
        return server.getEntry(ALICE).getAttributeValue(name);
    }

    @Test
    void disablesAndEnablesThroughALockAttribute() throws Exception {
        try (LdapDirectoryAdapter a = adapter().build()) {
            Outcome off = get(a.disableAccount(new DisableAccount("CORP\\alice"), CTX));
            assertThat(off.status()).isEqualTo(Outcome.Status.SUCCEEDED);
            assertThat(attr("nsAccountLock")).isEqualTo("TRUE");
            assertThat(get(a.disableAccount(new DisableAccount("alice@corp.example"), CTX)).detail())
                    .endsWith("already disabled");
            get(a.enableAccount(new EnableAccount("alice"), CTX));
            assertThat(attr("nsAccountLock")).isEqualTo("FALSE");
        }
    }

    @Test
    void activeDirectoryStyleFlipsOnlyTheDisableBitOfUserAccountControl() throws Exception {
        try (LdapDirectoryAdapter a = adapter().userAttribute("sAMAccountName")
                .accountLock(AccountLock.userAccountControl()).build()) {
            get(a.disableAccount(new DisableAccount("CORP\\alice"), CTX));
            assertThat(attr("userAccountControl")).isEqualTo("66050"); // 66048 | 0x2: DONT_EXPIRE_PASSWORD kept
            get(a.enableAccount(new EnableAccount("CORP\\alice"), CTX));
            assertThat(attr("userAccountControl")).isEqualTo("66048");
        }
    }

    @Test
    void rotationSetsARandomPasswordThatOnlyTheVaultLearns() throws Exception {
        try (LdapDirectoryAdapter a = adapter().build()) {
            Outcome o = get(a.rotateCredential(new RotateCredential("alice"), CTX));
            assertThat(o.status()).isEqualTo(Outcome.Status.SUCCEEDED);
            String fresh = vault.get(ALICE);
            assertThat(fresh).hasSize(32).isNotEqualTo("old-pass");
            assertThat(o.detail()).doesNotContain(fresh);
            assertThatThrownBy(() -> new LDAPConnection("127.0.0.1", server.getListenPort(), ALICE, "old-pass"))
                    .isInstanceOf(LDAPException.class)
                    .extracting(e -> ((LDAPException) e).getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            try (LDAPConnection asAlice = new LDAPConnection("127.0.0.1", server.getListenPort(), ALICE, fresh)) {
                assertThat(asAlice.isConnected()).isTrue();
            }
            get(a.rotateCredential(new RotateCredential("alice"), CTX));
            assertThat(vault.get(ALICE)).isNotEqualTo(fresh);
        }
    }

    @Test
    void revocationRemovesOnlyConfiguredPrivilegedGroups() throws Exception {
        try (LdapDirectoryAdapter a = adapter().build()) {
            Outcome notPrivileged = get(a.revokePrivilege(new RevokePrivilege("alice", "Helpdesk"), CTX));
            assertThat(notPrivileged.status()).isEqualTo(Outcome.Status.FAILED);
            Outcome o = get(a.revokePrivilege(new RevokePrivilege("alice", null), CTX));
            assertThat(o.detail()).isEqualTo("removed " + ALICE + " from [Domain Admins]");
            assertThat(server.getEntry(ADMINS).getAttributeValues("member")).isNull();
            assertThat(server.getEntry(HELPDESK).getAttributeValues("member")).containsExactly(ALICE);
            assertThat(server.getEntry(BACKUP).getAttributeValues("member")).containsExactly("cn=nobody");
            assertThat(get(a.revokePrivilege(new RevokePrivilege("alice", "domain admins"), CTX)).detail())
                    .contains("held none");
        }
    }

    @Test
    void unknownAccountsFailAndSessionsAreNotADirectoryThing() throws Exception {
        try (LdapDirectoryAdapter a = adapter().build()) {
            assertThat(get(a.disableAccount(new DisableAccount("mallory"), CTX)).detail())
                    .startsWith("no single account with uid=mallory");
            assertThat(get(a.terminateSessions(new TerminateSessions("alice", null), CTX)).status())
                    .isEqualTo(Outcome.Status.FAILED);
        }
    }

    @Test
    void aDirectoryThatIsDownIsATransientFailure() throws Exception {
        try (LdapDirectoryAdapter a = adapter().build()) {
            server.shutDown(true);
            assertThatThrownBy(() -> get(a.disableAccount(new DisableAccount("alice"), CTX)))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LDAPException.class);
        }
    }
}
