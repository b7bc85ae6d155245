package dev.edr.dsl.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.LoadException;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.ResponseAction;
import dev.edr.core.response.adapters.HttpEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseSettingsParserTest {
    private static final Path BASE = Path.of("/etc/edr");

    private static ResponseSettings parse(String yaml) throws LoadException {
        return ResponseSettingsParser.parse("response.yml", yaml, BASE);
    }

    /** {@code line:column message} of every issue the text draws. */
    private static List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (LoadException e) {
            return e.issues().stream().map(i -> i.location().line() + ":" + i.location().column() + " " + i.message())
                    .toList();
        }
        throw new AssertionError("no issue for:\n" + yaml);
    }

    @Test
    void everySettingIsRead() throws LoadException {
        ResponseSettings s = parse("""
                dry_run: true
                approval: [rotate_credential, disable_account]
                protected:
                  hosts: ['dc*']
                  accounts: [breakglass*]
                budget: {max: 20, per: 1h}
                rate_limit: {max: 5, per: 500ms}
                dedup: {window: 30m, across_rules: false}
                adapters:
                  - type: http
                    name: edr-console
                    base_url: https://edr.example/api/
                    token_env: EDR_API_TOKEN
                    headers: {X-Tenant: corp}
                    timeout: 5s
                    endpoints:
                      isolate_host: {path: 'hosts/{host}/isolate', body: {reason: 'rule {rule}'}}
                      release_host:
                        method: DELETE
                        path: 'hosts/{host}/isolation'
                        reference: job.id
                        status: {path: 'jobs/{reference}', field: state, done: [done], failed: [error]}
                  - type: ldap
                    url: ldaps://dc01.corp.example:636
                    bind_dn: CN=svc-edr,OU=Service,DC=corp,DC=example
                    password_env: EDR_LDAP_PASSWORD
                    user_base: OU=Users,DC=corp,DC=example
                    directory: active_directory
                    privileged_groups: ['CN=Domain Admins,CN=Users,DC=corp,DC=example']
                  - type: local
                    quarantine_dir: quarantine
                    host_names: [ws01]
                """);
        assertThat(s.dryRun()).isTrue();
        assertThat(s.approval()).containsExactlyInAnyOrder(ActionType.ROTATE_CREDENTIAL, ActionType.DISABLE_ACCOUNT);
        assertThat(s.protectedAssets().protecting(new ResponseAction.IsolateHost("DC01"))).isEqualTo("dc*");
        assertThat(s.protectedAssets().protecting(new ResponseAction.DisableAccount("CORP\\breakglass2")))
                .isEqualTo("breakglass*");
        assertThat(s.budget()).isEqualTo(new ResponseSettings.Limit(20, Duration.ofHours(1)));
        assertThat(s.rateLimit()).isEqualTo(new ResponseSettings.Limit(5, Duration.ofMillis(500)));
        assertThat(s.dedupWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.dedupAcrossRules()).isFalse();
        assertThat(s.adapters()).hasSize(3);

        ResponseSettings.Http http = (ResponseSettings.Http) s.adapters().get(0);
        assertThat(http.name()).isEqualTo("edr-console");
        assertThat(http.kinds()).containsExactly(ActionType.Kind.HOST_ISOLATION);
        assertThat(http.baseUrl().toString()).isEqualTo("https://edr.example/api/");
        assertThat(http.tokenEnv()).isEqualTo("EDR_API_TOKEN");
        assertThat(http.headers()).containsEntry("X-Tenant", "corp");
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(http.endpoints().get(ActionType.ISOLATE_HOST)).isEqualTo(
                HttpEndpoint.post("hosts/{host}/isolate").withBody(java.util.Map.of("reason", "rule {rule}")));
        assertThat(http.endpoints().get(ActionType.RELEASE_HOST)).isEqualTo(new HttpEndpoint("DELETE",
                "hosts/{host}/isolation", java.util.Map.of(), "job.id", "jobs/{reference}", "state", Set.of("done"),
                Set.of("error")));

        ResponseSettings.Ldap ldap = (ResponseSettings.Ldap) s.adapters().get(1);
        assertThat(ldap.kinds()).containsExactly(ActionType.Kind.PRIVILEGED_ACCESS);
        assertThat(ldap.activeDirectory()).isTrue();
        assertThat(ldap.passwordEnv()).isEqualTo("EDR_LDAP_PASSWORD");
        assertThat(ldap.privilegedGroups()).hasSize(1);

        ResponseSettings.Local local = (ResponseSettings.Local) s.adapters().get(2);
        assertThat(local.quarantineDir()).isEqualTo(BASE.resolve("quarantine"));
        assertThat(local.hostNames()).containsExactly("ws01");
    }

    @Test
    void absentKeysKeepTheDefaults() throws LoadException {
        ResponseSettings s = parse("approval: true\n");
        assertThat(s.approval()).isEqualTo(EnumSet.allOf(ActionType.class));
        assertThat(s).usingRecursiveComparison().ignoringFields("approval").isEqualTo(ResponseSettings.DEFAULTS);
        assertThat(ResponseSettings.DEFAULTS.dedupAcrossRules()).isTrue();
        assertThat(ResponseSettings.DEFAULTS.adapters()).isEmpty();
    }

    @Test
    void problemsAreLocated() {
        assertThat(problems("""
                dryrun: true
                approval: [rotate_credentials]
                budget: {max: -1, per: 1h}
                rate_limit: {max: 5, per: soon}
                """)).containsExactly(
                "1:1 unknown key 'dryrun' in the settings; expected one of [adapters, approval, budget, dedup, dry_run,"
                        + " protected, rate_limit]",
                "2:12 unknown action 'rotate_credentials'; did you mean 'rotate_credential'? Known actions: "
                        + "[isolate_host, release_host, kill_process, quarantine_file, restore_file, rollback_file,"
                        + " revert_registry, terminate_sessions, disable_account, enable_account, rotate_credential,"
                        + " revoke_privilege]",
                "3:15 budget.max must be a positive whole number",
                "4:27 rate_limit.per must be a positive duration: a number and a unit ms, s, m, h or d (e.g. 30s)");
    }

    @Test
    void adapterProblemsAreLocated() {
        assertThat(problems("""
                adapters:
                  - type: http
                    base_url: ftp://edr.example
                    token_env: 'Bearer abc123'
                    endpoints:
                      isolate_host: {path: 'hosts/{hostname}/isolate'}
                      release_host: {path: 'hosts/{host}/release'}
                      nuke_host: {path: x}
                  - type: ldap
                    url: ldaps://dc01
                  - type: logging
                    for: [host_isolation]
                  - type: smtp
                """)).containsExactly(
                "3:15 'base_url' must be an absolute http or https URL with a host",
                "4:16 'token_env' names an environment variable (letters, digits, '_'); secrets never go into this file",
                "6:35 {hostname} is not a parameter of isolate_host; use one of [host] or {key}, {type}, {rule},"
                        + " {reference}",
                "8:7 unknown action 'nuke_host' Known actions: [isolate_host,"
                        + " release_host, kill_process, quarantine_file, restore_file, rollback_file, revert_registry,"
                        + " terminate_sessions, disable_account, enable_account, rotate_credential, revoke_privilege]",
                "9:5 'bind_dn' is required here",
                "9:5 'password_env' is required here",
                "9:5 'user_base' is required here",
                "11:5 host_isolation actions already go to the adapter at line 2; add 'for:' to split the kinds"
                        + " between adapters",
                "13:11 an adapter needs a 'type': http, ldap, local or logging");
    }

    @Test
    void anAdapterCanOnlyCarryItsOwnKinds() {
        assertThat(problems("""
                adapters:
                  - type: local
                    quarantine_dir: q
                    for: [host_isolation]
                """)).containsExactly("4:11 'host_isolation' is not a kind this adapter can carry; one of [remediation]");
    }

    @Test
    void yamlProblemsAndEmptyFilesAreErrors() {
        assertThat(problems("budget: {max: 1, per: 1h}\nbudget: {max: 2, per: 1h}\n")).singleElement()
                .asString().startsWith("2:1 ");
        assertThat(problems("# nothing\n")).containsExactly("1:1 the settings file is empty");
        assertThat(problems("- a\n")).containsExactly("1:1 the settings file must be a mapping, not a list");
        assertThat(problems("dry_run: !!python/object x\n")).anySatisfy(p -> assertThat(p).startsWith("1:10 ")
                .contains("tag"));
    }

    @Test
    void loadReadsAFileAndResolvesPathsAgainstItsDirectory(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("response.yml");
        Files.writeString(f, "adapters:\n  - {type: local, quarantine_dir: q}\n");
        ResponseSettings s = ResponseSettingsParser.load(f);
        assertThat(((ResponseSettings.Local) s.adapters().get(0)).quarantineDir()).isEqualTo(dir.toAbsolutePath()
                .resolve("q"));
        Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xC3});
        assertThatThrownBy(() -> ResponseSettingsParser.load(f)).isInstanceOfSatisfying(LoadException.class,
                e -> assertThat(e.issues()).extracting(Issue::message).containsExactly("the file is not valid UTF-8"));
        assertThatThrownBy(() -> ResponseSettingsParser.load(dir.resolve("absent.yml")))
                .isInstanceOf(LoadException.class);
    }

    @Test
    void anyOutcomeIsSettingsOrALoadException() throws IOException {
        // fragments of a valid file in every order: never another exception
        String[] lines = {"dry_run: true", "approval: [x]", "budget: {max: 1}", "adapters: [{type: http}]",
                "adapters: [{type: ldap, url: 'ldap://h', bind_dn: a, password_env: B, user_base: c}]",
                "dedup: {window: 0s}", "protected: {hosts: [[a]]}", "rate_limit: 5"};
        for (int i = 0; i < lines.length; i++) {
            for (int j = 0; j < lines.length; j++) {
                String yaml = lines[i] + "\n" + (i == j ? "" : lines[j] + "\n");
                try {
                    parse(yaml);
                } catch (LoadException e) {
                    assertThat(e.issues()).allSatisfy(issue -> assertThat(issue.location().line()).isPositive());
                }
            }
        }
    }
}
