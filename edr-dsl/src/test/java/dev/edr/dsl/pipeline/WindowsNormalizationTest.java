package dev.edr.dsl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hand-written Windows events through the shipped pipeline. */
class WindowsNormalizationTest {
    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    private final EventNormalizer normalizer = Normalizers.auto(Pipelines.windowsDefault());

    private Event event(String provider, String channel, Object eventId, String eventData) {
        String text = "{\"Event\": {\"#attributes\": {\"xmlns\": \"http://schemas.microsoft.com/win/2004/08/events/event\"},"
                + " \"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"" + provider + "\"}},"
                + " \"EventID\": " + eventId + ", \"Level\": 4,"
                + " \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2025-11-27T07:40:10.165324Z\"}},"
                + " \"EventRecordID\": 571146, \"Execution\": {\"#attributes\": {\"ProcessID\": 3544, \"ThreadID\": 4272}},"
                + " \"Channel\": \"" + channel + "\", \"Computer\": \"ws1\","
                + " \"Security\": {\"#attributes\": {\"UserID\": \"S-1-5-18\"}}},"
                + " \"EventData\": " + eventData + "}}";
        List<EventRecord> records = EventReader.create()
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.json", i -> {
                    throw new AssertionError(i.headline());
                })
                .collect(Collectors.toList());
        return normalizer.normalize(records.get(0).json());
    }

    private Event sysmon(int id, String eventData) {
        return event("Microsoft-Windows-Sysmon", SYSMON, id, eventData);
    }

    @Test
    void sysmonProcessCreation() {
        Event e = sysmon(1, "{\"Image\": \"C:\\\\Windows\\\\System32\\\\cmd.exe\", \"CommandLine\": \"cmd /c whoami\","
                + " \"ParentImage\": \"C:\\\\Windows\\\\explorer.exe\", \"User\": \"WS1\\\\bob\", \"ProcessId\": 4460}");
        assertThat(e.product()).isEqualTo("windows");
        assertThat(e.services()).containsExactly("sysmon");
        assertThat(e.categories()).containsExactly("process_creation");
        assertThat(e.get("CommandLine")).isEqualTo("cmd /c whoami");
        assertThat(e.get("ProcessId")).isEqualTo(4460L);
        assertThat(e.get("EventID")).isEqualTo(1L);
        assertThat(e.get("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.get("Execution_ProcessID")).isEqualTo(3544L);
        assertThat(e.get("commandline")).as("case-insensitive lookup").isEqualTo("cmd /c whoami");
        assertThat(e.time()).isEqualTo(Instant.parse("2025-11-27T07:40:10.165324Z"));
        assertThat(e.host()).isEqualTo("ws1");
    }

    @Test
    void sysmonNetworkFileAndRegistry() {
        Event net = sysmon(3, "{\"Image\": \"C:\\\\x.exe\", \"DestinationIp\": \"10.0.0.5\", \"DestinationPort\": \"445\","
                + " \"Initiated\": \"true\"}");
        assertThat(net.categories()).containsExactly("network_connection");
        assertThat(net.get("DestinationIp")).isEqualTo("10.0.0.5");

        Event file = sysmon(11, "{\"Image\": \"C:\\\\x.exe\", \"TargetFilename\": \"C:\\\\Users\\\\a\\\\evil.dll\"}");
        assertThat(file.categories()).containsExactly("file_event");

        Event set = sysmon(13, "{\"EventType\": \"SetValue\", \"TargetObject\": \"HKLM\\\\Software\\\\Run\\\\x\","
                + " \"Details\": \"C:\\\\x.exe\"}");
        assertThat(set.categories()).containsExactly("registry_event", "registry_set");
        assertThat(set.get("Details")).isEqualTo("C:\\x.exe");

        Event add = sysmon(12, "{\"EventType\": \"CreateKey\", \"TargetObject\": \"HKLM\\\\x\"}");
        assertThat(add.categories()).containsExactlyInAnyOrder("registry_event", "registry_add");
        Event delete = sysmon(12, "{\"EventType\": \"DeleteValue\", \"TargetObject\": \"HKLM\\\\x\"}");
        assertThat(delete.categories()).containsExactlyInAnyOrder("registry_event", "registry_delete");

        assertThat(sysmon(26, "{}").categories()).containsExactlyInAnyOrder("file_delete", "file_delete_detected");
        assertThat(sysmon(18, "{}").categories()).containsExactly("pipe_created");
        assertThat(sysmon(255, "{}").categories()).containsExactly("sysmon_error");
        assertThat(sysmon(999, "{}").categories()).isEmpty();
        assertThat(sysmon(999, "{}").services()).containsExactly("sysmon");
    }

    @Test
    void security4688GetsTheProcessCreationNamesAndKeepsItsOwn() {
        Event e = event("Microsoft-Windows-Security-Auditing", "Security", "{\"#text\": 4688}",
                "{\"SubjectUserName\": \"PC01$\", \"NewProcessName\": \"C:\\\\Windows\\\\System32\\\\TSTheme.exe\","
                        + " \"ParentProcessName\": \"C:\\\\Windows\\\\System32\\\\svchost.exe\", \"CommandLine\": null}");
        assertThat(e.services()).containsExactly("security");
        assertThat(e.categories()).containsExactly("process_creation");
        assertThat(e.fields()).containsEntry("Image", "C:\\Windows\\System32\\TSTheme.exe")
                .containsEntry("NewProcessName", "C:\\Windows\\System32\\TSTheme.exe")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\svchost.exe")
                .containsEntry("ParentProcessName", "C:\\Windows\\System32\\svchost.exe")
                .containsEntry("CommandLine", null);
    }

    @Test
    void security4624IsServiceOnly() {
        Event e = event("Microsoft-Windows-Security-Auditing", "Security", 4624,
                "{\"LogonType\": \"10\", \"TargetUserName\": \"bob\", \"IpAddress\": \"10.1.1.1\"}");
        assertThat(e.services()).containsExactly("security");
        assertThat(e.categories()).isEmpty();
        assertThat(e.get("LogonType")).isEqualTo("10");
        assertThat(e.has("Image")).isFalse();
    }

    @Test
    void powershellScriptModuleAndClassic() {
        Event script = event("Microsoft-Windows-PowerShell", "Microsoft-Windows-PowerShell/Operational", 4104,
                "{\"MessageNumber\": \"1\", \"ScriptBlockText\": \"IEX (New-Object Net.WebClient)\", \"Path\": \"\"}");
        assertThat(script.services()).containsExactly("powershell");
        assertThat(script.categories()).containsExactly("ps_script");
        assertThat(script.get("ScriptBlockText")).isEqualTo("IEX (New-Object Net.WebClient)");
        assertThat(event("PowerShellCore", "PowerShellCore/Operational", 4103, "{}").categories())
                .containsExactly("ps_module");
        Event classic = event("PowerShell", "Windows PowerShell", "{\"#attributes\": {\"Qualifiers\": \"0\"}, \"#text\": 400}",
                "{\"Data\": [\"Available\", \"None\", \"\\tHostName=ConsoleHost\"]}");
        assertThat(classic.services()).containsExactly("powershell-classic");
        assertThat(classic.categories()).containsExactly("ps_classic_start");
        assertThat(classic.get("Data")).isEqualTo(List.of("Available", "None", "\tHostName=ConsoleHost"));
    }

    @Test
    void defenderDetectionIsAntivirusWithMappedNames() {
        Event e = event("Microsoft-Windows-Windows Defender", "Microsoft-Windows-Windows Defender/Operational", 1116,
                "{\"Threat Name\": \"Virus:DOS/EICAR_Test_File\", \"Path\": \"file:_C:\\\\eicar.com\"}");
        assertThat(e.services()).containsExactly("windefend");
        assertThat(e.categories()).containsExactly("antivirus");
        assertThat(e.fields()).containsEntry("ThreatName", "Virus:DOS/EICAR_Test_File")
                .containsEntry("Signature", "Virus:DOS/EICAR_Test_File")
                .containsEntry("Filename", "file:_C:\\eicar.com");
        assertThat(event("Microsoft-Windows-Windows Defender", "Microsoft-Windows-Windows Defender/Operational", 5001,
                "{}").categories()).isEmpty();
    }

    @Test
    void otherChannelsGetTheirService() {
        Map<String, String> channelToService = Map.of(
                "System", "system",
                "Application", "application",
                "Microsoft-Windows-TaskScheduler/Operational", "taskscheduler",
                "Microsoft-Windows-Bits-Client/Operational", "bits-client",
                "Microsoft-Windows-CodeIntegrity/Operational", "codeintegrity-operational",
                "Microsoft-Windows-AppLocker/EXE and DLL", "applocker",
                "Microsoft-Windows-DriverFrameworks-UserMode/Operational", "driver-framework",
                "DNS Server", "dns-server",
                "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall", "firewall-as",
                "Microsoft-Windows-NTLM/Operational", "ntlm");
        channelToService.forEach((channel, service) ->
                assertThat(event("P", channel, 1, "{}").services()).as(channel).containsExactly(service));
    }

    @Test
    void mappingsCanBeExtendedByTheUser() throws Exception {
        var mapping = Pipelines.parse("mine.yml", "kind: windows\nextends: default\nsources:\n"
                + "  security-wfp:\n    channels: Security\n    categories:\n"
                + "      network_connection:\n        event_ids: 5156\n"
                + "        fields: {DestinationIp: DestAddress, Image: Application}\n");
        Event e = Normalizers.auto(mapping).normalize(Map.of("Event", Map.of(
                "System", Map.of("EventID", 5156L, "Channel", "Security"),
                "EventData", Map.of("DestAddress", "10.0.0.1", "Application", "\\device\\x.exe"))));
        assertThat(e.services()).containsExactly("security");
        assertThat(e.categories()).containsExactly("network_connection");
        assertThat(e.get("DestinationIp")).isEqualTo("10.0.0.1");
    }
}
