package dev.edr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as a user would, so the README's code keeps working. */
class EmbeddingExampleTest {
    @TempDir
    Path dir;

    @Test
    void exampleDetectsFromFileAndFromCode() throws IOException {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("whoami.yml"), """
                title: Whoami Execution
                id: 5f4d3c63-6b4b-4b8e-9d53-1e0b7e2c1a09
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        Image|endswith: '\\whoami.exe'
                    condition: selection
                level: low
                """);
        Path events = Files.writeString(dir.resolve("events.jsonl"),
                "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                        + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws-7\"},"
                        + "\"EventData\":{\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"}}}\n");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddingExample.main(new String[] {rules.toString(), events.toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("1 rules ready")
                .contains("[low] Whoami Execution (5f4d3c63-6b4b-4b8e-9d53-1e0b7e2c1a09) on ws-7")
                .contains("[low] Whoami Execution (5f4d3c63-6b4b-4b8e-9d53-1e0b7e2c1a09) on ws-42");
    }
}
