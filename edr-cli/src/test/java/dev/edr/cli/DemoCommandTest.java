package dev.edr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void demoTellsTheIntrusion() {
        CliRunner r = CliRunner.run("demo");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Office Application Spawns a Script Interpreter")
                .contains("Unusual Process Reads LSASS Memory")
                .contains("Remote Execution Service Spawns a Shell")
                .contains("credential access")
                .contains("lateral movement")
                .contains("on 2 hosts: WS-FIN-07, SRV-FILE-01");
    }

    @Test
    void demoJsonlIsTheScanFormat() {
        CliRunner r = CliRunner.run("demo", "--format", "jsonl");
        assertThat(r.exit()).isZero();
        assertThat(r.json()).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(d -> assertThat(CliRunner.<String>at(d, "source", "file")).endsWith("demo/intrusion.jsonl"));
    }
}
