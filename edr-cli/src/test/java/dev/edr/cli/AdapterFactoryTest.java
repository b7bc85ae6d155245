package dev.edr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.DispatcherBuilder;
import dev.edr.core.response.ResponseAction;
import dev.edr.core.response.Trigger;
import dev.edr.dsl.response.ResponseSettings;
import dev.edr.dsl.response.ResponseSettingsParser;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings files turned into adapters, against UnboundID's in-memory directory on loopback. */
class AdapterFactoryTest {
    static final String BASE = "dc=corp,dc=example";
    static final String ALICE = "uid=alice,ou=people," + BASE;

    @TempDir
    Path dir;
    InMemoryDirectoryServer server;
    final List<String> logged = new CopyOnWriteArrayList<>();
    final List<AuditEntry> audit = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        cfg.addAdditionalBindCredentials("cn=edr-responder", "s3rvice");
        cfg.setSchema(null);
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        server = new InMemoryDirectoryServer(cfg);
        server.add("dn: " + BASE, "objectClass: domain", "dc: corp");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + ALICE, "objectClass: inetOrgPerson", "uid: alice", "cn: Alice", "sn: A",
                "nsAccountLock: FALSE");
        server.startListening();
    }

    @AfterEach
    void stop() {
        server.shutDown(true);
    }

    private ResponseSettings settings(String extra) throws Exception {
        return ResponseSettingsParser.parse("response.yml", """
                adapters:
                  - type: ldap
                    url: ldap://127.0.0.1:%d
                    bind_dn: cn=edr-responder
                    password_env: EDR_LDAP_PASSWORD
                    user_base: ou=people,%s
                """.formatted(server.getListenPort(), BASE) + extra, dir);
    }

    private static Trigger trigger() {
        return Trigger.builder().rule("r1", "Rule", "high").host("ws01").eventTime(Instant.parse("2026-01-02T03:04:05Z"))
                .build();
    }

    @Test
    void privilegedAccessGoesToTheDirectoryAndTheRestIsLoggedOnly() throws Exception {
        AdapterFactory f = new AdapterFactory(Map.of("EDR_LDAP_PASSWORD", "s3rvice")::get, logged::add);
        DispatcherBuilder b = Dispatcher.builder().auditListener(audit::add);
        f.configure(b, settings(""));
        try (Dispatcher d = b.build()) {
            d.submit(ActionRequest.of(new ResponseAction.DisableAccount("CORP\\alice"), trigger()));
            d.submit(ActionRequest.of(new ResponseAction.IsolateHost("ws01"), trigger()));
            assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();
        } finally {
            ResponseOptions.closeAll(f.resources());
        }
        assertThat(server.getEntry(ALICE).getAttributeValue("nsAccountLock")).isEqualTo("TRUE");
        assertThat(audit).filteredOn(e -> e.state().isFinal()).extracting(e -> e.type().wireName() + " "
                + e.state().wireName() + " " + e.adapter()).containsExactlyInAnyOrder(
                "disable_account succeeded ldap", "isolate_host accepted logging");
        assertThat(logged).singleElement().asString().contains("isolate_host host:ws01");
    }

    @Test
    void policySettingsReachTheDispatcher() throws Exception {
        AdapterFactory f = new AdapterFactory(name -> null, logged::add);
        DispatcherBuilder b = Dispatcher.builder().auditListener(audit::add);
        f.configure(b, ResponseSettingsParser.parse("s.yml", """
                approval: [disable_account]
                protected: {accounts: ['break*']}
                budget: {max: 1, per: 1h}
                """, dir));
        try (Dispatcher d = b.build()) {
            d.submit(ActionRequest.of(new ResponseAction.DisableAccount("CORP\\breakglass"), trigger()));
            d.submit(ActionRequest.of(new ResponseAction.DisableAccount("bob"), trigger()));
            d.submit(ActionRequest.of(new ResponseAction.IsolateHost("ws01"), trigger()));
            assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(audit).extracting(e -> e.type().wireName() + " " + e.state().wireName()).containsExactly(
                "disable_account suppressed_protected", "disable_account pending_approval",
                "isolate_host suppressed_budget");
    }

    @Test
    void setupProblemsNameTheAdapterAndKeepSecretsOut() throws Exception {
        ResponseSettings s = settings("");
        AdapterFactory unset = new AdapterFactory(name -> null, logged::add);
        assertThatThrownBy(() -> unset.configure(Dispatcher.builder(), s)).isInstanceOf(
                AdapterFactory.SetupException.class).hasMessage(
                "response.yml:2:5: environment variable EDR_LDAP_PASSWORD (password_env) is not set");

        AdapterFactory wrong = new AdapterFactory(Map.of("EDR_LDAP_PASSWORD", "guess")::get, logged::add);
        assertThatThrownBy(() -> wrong.configure(Dispatcher.builder(), s)).isInstanceOf(
                AdapterFactory.SetupException.class).hasMessageStartingWith("response.yml:2:5: cannot bind to ldap://")
                .hasMessageNotContaining("guess");
    }

    @Test
    void theLocalAdapterCarriesRemediationWithItsQuarantine() throws Exception {
        AdapterFactory f = new AdapterFactory(name -> null, logged::add);
        DispatcherBuilder b = Dispatcher.builder().auditListener(audit::add);
        f.configure(b, ResponseSettingsParser.parse("s.yml", """
                adapters:
                  - {type: local, quarantine_dir: q, host_names: [ws01]}
                """, dir));
        try (Dispatcher d = b.build()) {
            d.submit(ActionRequest.of(new ResponseAction.QuarantineFile("ws01", dir.resolve("absent.exe").toString(),
                    null), trigger()));
            assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();
        } finally {
            ResponseOptions.closeAll(f.resources());
        }
        assertThat(dir.resolve("q")).isDirectory();
        assertThat(audit).filteredOn(e -> e.state() == ActionState.FAILED).singleElement()
                .satisfies(e -> assertThat(e.adapter()).isEqualTo("local"));
    }
}
