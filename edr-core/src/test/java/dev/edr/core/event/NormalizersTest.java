package dev.edr.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edr.core.event.WindowsMapping.Source;
import dev.edr.core.rule.LogSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Normalizer mechanics with a small hand-made mapping; the shipped pipeline is tested in edr-dsl. */
class NormalizersTest {
    private static final WindowsMapping MAPPING = TestMappings.SMALL;

    private static Map<String, Object> json(String text) {
        List<EventRecord> records = EventReader.create()
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", i -> {
                    throw new AssertionError(i.headline());
                })
                .collect(Collectors.toList());
        assertThat(records).hasSize(1);
        return records.get(0).json();
    }

    private static String system(String eventId, String channel, String provider) {
        return "\"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"" + provider + "\", \"Guid\": \"{g}\"}},"
                + " \"EventID\": " + eventId + ", \"Version\": 5, \"Level\": 4,"
                + " \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2019-08-14 14:06:44.495674\"}},"
                + " \"EventRecordID\": 77, \"Correlation\": {\"#attributes\": {\"ActivityID\": \"{a}\"}},"
                + " \"Execution\": {\"#attributes\": {\"ProcessID\": \"4\", \"ThreadID\": \"6700\"}},"
                + " \"Channel\": \"" + channel + "\", \"Computer\": \"PC01\","
                + " \"Security\": {\"#attributes\": {\"UserID\": \"S-1-5-18\"}}}";
    }

    private static Event windows(String eventId, String channel, String provider, String rest) {
        return Normalizers.windows(MAPPING).normalize(json("{\"Event\": {" + system(eventId, channel, provider)
                + (rest.isEmpty() ? "" : ", " + rest) + "}}"));
    }

    @Test
    void systemElementsBecomeElementAttributeFields() {
        Event e = windows("1", "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon",
                "\"EventData\": {\"Image\": \"C:\\\\x.exe\"}");
        assertThat(e.fields()).containsEntry("EventID", 1L)
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Provider_Guid", "{g}")
                .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Computer", "PC01")
                .containsEntry("EventRecordID", 77L)
                .containsEntry("Level", 4L)
                .containsEntry("Version", 5L)
                .containsEntry("TimeCreated_SystemTime", "2019-08-14 14:06:44.495674")
                .containsEntry("Execution_ProcessID", "4")
                .containsEntry("Execution_ThreadID", "6700")
                .containsEntry("Security_UserID", "S-1-5-18")
                .containsEntry("Correlation_ActivityID", "{a}")
                .containsEntry("Image", "C:\\x.exe");
        assertThat(e.product()).isEqualTo("windows");
        assertThat(e.services()).containsExactly("sysmon");
        assertThat(e.categories()).containsExactly("process_creation");
        assertThat(e.host()).isEqualTo("PC01");
        assertThat(e.time()).isEqualTo(Instant.parse("2019-08-14T14:06:44.495674Z"));
        assertThat(e.original()).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("Event");
    }

    @Test
    void eventIdShapes() {
        String ch = "Microsoft-Windows-Sysmon/Operational";
        String p = "Microsoft-Windows-Sysmon";
        for (String id : List.of("1", "\"1\"", "\" 1 \"", "{\"#text\": 1, \"#attributes\": {\"Qualifiers\": \"\"}}",
                "{\"#attributes\": {\"Qualifiers\": \"16384\"}, \"#text\": \"1\"}")) {
            Event e = windows(id, ch, p, "");
            assertThat(e.get("EventID")).as(id).isEqualTo(1L);
            assertThat(e.categories()).as(id).containsExactly("process_creation");
        }
        assertThat(windows("{\"#attributes\": {\"Qualifiers\": \"16384\"}, \"#text\": 1}", ch, p, "").fields())
                .containsEntry("EventID_Qualifiers", "16384");
        Event odd = windows("\"x1\"", ch, p, "");
        assertThat(odd.get("EventID")).isEqualTo("x1");
        assertThat(odd.categories()).isEmpty();
        assertThat(odd.services()).containsExactly("sysmon");
    }

    @Test
    void routesByProviderWhenTheChannelIsUnknownAndCaseInsensitively() {
        assertThat(windows("1", "ForwardedEvents", "microsoft-windows-sysmon", "").categories())
                .containsExactly("process_creation");
        assertThat(windows("4688", "SECURITY", "Microsoft-Windows-Security-Auditing", "").services())
                .containsExactly("security");
        Event unknown = windows("4688", "Something/Else", "Other", "");
        assertThat(unknown.product()).isEqualTo("windows");
        assertThat(unknown.services()).isEmpty();
        assertThat(unknown.categories()).isEmpty();
    }

    @Test
    void whenConditionsSelectTheCategory() {
        String ch = "Microsoft-Windows-Sysmon/Operational";
        assertThat(windows("12", ch, "Microsoft-Windows-Sysmon", "\"EventData\": {\"EventType\": \"createkey\"}")
                .categories()).containsExactly("registry_add");
        assertThat(windows("12", ch, "Microsoft-Windows-Sysmon", "\"EventData\": {\"EventType\": \"DeleteKey\"}")
                .categories()).isEmpty();
        assertThat(windows("12", ch, "Microsoft-Windows-Sysmon", "").categories()).isEmpty();
    }

    @Test
    void fieldMappingAddsSigmaNamesAndKeepsOriginalsWithoutOverwriting() {
        Event e = windows("4688", "Security", "Microsoft-Windows-Security-Auditing",
                "\"EventData\": {\"NewProcessName\": \"C:\\\\a.exe\", \"ParentProcessName\": \"C:\\\\p.exe\","
                        + " \"SubjectUserName\": \"bob\", \"TargetUserName\": \"alice\"}");
        assertThat(e.categories()).containsExactly("process_creation");
        assertThat(e.fields()).containsEntry("Image", "C:\\a.exe").containsEntry("NewProcessName", "C:\\a.exe")
                .containsEntry("ParentImage", "C:\\p.exe").containsEntry("ParentProcessName", "C:\\p.exe")
                .containsEntry("SubjectUserName", "bob");
        Event other = windows("4624", "Security", "Microsoft-Windows-Security-Auditing",
                "\"EventData\": {\"NewProcessName\": \"C:\\\\a.exe\"}");
        assertThat(other.has("Image")).isFalse();
    }

    @Test
    void dataAsListOfNamedItemsAndUnnamedData() {
        Event named = windows("1", "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon",
                "\"EventData\": {\"Data\": [{\"#attributes\": {\"Name\": \"Image\"}, \"#text\": \"C:\\\\x.exe\"},"
                        + " {\"#attributes\": {\"Name\": \"CommandLine\"}, \"#text\": \"x -y\"},"
                        + " {\"#attributes\": {\"Name\": \"Empty\"}}]}");
        assertThat(named.fields()).containsEntry("Image", "C:\\x.exe").containsEntry("CommandLine", "x -y")
                .containsEntry("Empty", null).doesNotContainKey("Data");
        Event single = windows("1", "Application", "App",
                "\"EventData\": {\"Data\": {\"#attributes\": {\"Name\": \"Only\"}, \"#text\": \"v\"}}");
        assertThat(single.fields()).containsEntry("Only", "v");
        Event unnamed = windows("800", "Windows PowerShell", "PowerShell",
                "\"EventData\": {\"Data\": \"<string>a</string>\", \"Binary\": \"AA==\"}");
        assertThat(unnamed.fields()).containsEntry("Data", "<string>a</string>").containsEntry("Binary", "AA==");
        Event many = windows("1", "Application", "App", "\"EventData\": {\"Data\": [\"a\", \"b\"]}");
        assertThat(many.get("Data")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void xmltodictStyleAttributes() {
        Event e = Normalizers.windows(MAPPING).normalize(json("{\"Event\": {\"@xmlns\": \"ns\", \"System\": {"
                + "\"Provider\": {\"@Name\": \"Microsoft-Windows-Security-Auditing\", \"@Guid\": \"{g}\"},"
                + " \"EventID\": {\"@Qualifiers\": \"\", \"#text\": \"4688\"}, \"Channel\": \"Security\","
                + " \"TimeCreated\": {\"@SystemTime\": \"2024-05-01T10:00:00.1234567Z\"}},"
                + " \"EventData\": {\"Data\": [{\"@Name\": \"NewProcessName\", \"#text\": \"C:\\\\a.exe\"},"
                + " {\"@Name\": \"CommandLine\"}]}}}"));
        assertThat(e.fields()).containsEntry("Provider_Name", "Microsoft-Windows-Security-Auditing")
                .containsEntry("Provider_Guid", "{g}").containsEntry("EventID", 4688L)
                .containsEntry("EventID_Qualifiers", "").containsEntry("NewProcessName", "C:\\a.exe")
                .containsEntry("Image", "C:\\a.exe").containsEntry("CommandLine", null);
        assertThat(e.categories()).containsExactly("process_creation");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00.1234567Z"));
    }

    @Test
    void namesWithSpacesAreAlsoAvailableWithout() {
        Event e = windows("1116", "Microsoft-Windows-Windows Defender/Operational", "Microsoft-Windows-Windows Defender",
                "\"EventData\": {\"Threat Name\": \"EICAR\", \"Product Version\": \"4.18\", \"Path\": \"file:_C:\\\\e\"}");
        assertThat(e.fields()).containsEntry("Threat Name", "EICAR").containsEntry("ThreatName", "EICAR")
                .containsEntry("ProductVersion", "4.18");
    }

    @Test
    void userDataElementsAreFlattenedWithoutNamespaces() {
        Event e = windows("104", "System", "Microsoft-Windows-Eventlog",
                "\"UserData\": {\"{http://manifests.microsoft.com/win/2004/08/windows/eventlog}LogFileCleared\": {"
                        + "\"{http://manifests.microsoft.com/win/2004/08/windows/eventlog}SubjectUserName\": \"user01\","
                        + "\"{http://manifests.microsoft.com/win/2004/08/windows/eventlog}Channel\": \"Application\","
                        + "\"Nested\": {\"Deeper\": {\"#text\": \"d\", \"#attributes\": {\"Kind\": \"k\"}}},"
                        + "\"BackupPath\": null}}");
        assertThat(e.fields()).containsEntry("SubjectUserName", "user01").containsEntry("BackupPath", null)
                .containsEntry("Deeper", "d").containsEntry("Deeper_Kind", "k")
                // the header's Channel is the record's identity: a payload field cannot hide it
                .containsEntry("Channel", "System");
    }

    @Test
    void payloadFieldsOutsideTheHeaderWinOverSystemOnes() {
        // Sysmon 4 (service state change) has its own Version, which sysmon_status rules mean
        Event e = windows("4", "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon",
                "\"EventData\": {\"Version\": \"15.0\", \"EventID\": 9}");
        assertThat(e.fields()).containsEntry("Version", "15.0").containsEntry("EventID", 4L);
    }

    @Test
    void eventWithoutWrapperAndOddSectionsAreTolerated() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("System", Map.of("EventID", 1L, "Channel", "Microsoft-Windows-Sysmon/Operational"));
        record.put("EventData", "not a map");
        record.put("UserData", List.of(1, 2));
        Event e = Normalizers.windows(MAPPING).normalize(record);
        assertThat(e.categories()).containsExactly("process_creation");
        assertThat(e.time()).isNull();
        assertThat(e.host()).isNull();
        assertThat(Normalizers.isWindowsEvent(record)).isTrue();
        assertThat(Normalizers.isWindowsEvent(Map.of("Event", Map.of("System", "x")))).isFalse();
    }

    @Test
    void isoTimeWithZoneAndSevenFractionDigits() {
        for (String t : List.of("2025-11-27T07:40:10.165324Z", "2025-11-27T07:40:10.1653240Z",
                "2025-11-27 07:40:10.165324", "2025-11-27T08:40:10.165324+01:00")) {
            Map<String, Object> r = Map.of("Event", Map.of("System", Map.of("EventID", 1L,
                    "TimeCreated", Map.of("#attributes", Map.of("SystemTime", t)))));
            assertThat(Normalizers.windows(MAPPING).normalize(r).time()).as(t)
                    .isEqualTo(Instant.parse("2025-11-27T07:40:10.165324Z"));
        }
        Map<String, Object> bad = Map.of("Event", Map.of("System", Map.of("TimeCreated",
                Map.of("#attributes", Map.of("SystemTime", "yesterday")))));
        assertThat(Normalizers.windows(MAPPING).normalize(bad).time()).isNull();
    }

    @Test
    void flatRecordsKeepTheirFieldsAndGetDottedNames() {
        Event e = Normalizers.flat(LogSource.ANY).normalize(json("{\"Image\": \"C:\\\\x.exe\", \"product\": \"Linux\","
                + " \"category\": [\"process_creation\", \"x\"], \"service\": \"auditd\","
                + " \"process\": {\"name\": \"bash\", \"parent\": {\"pid\": 1}}, \"host\": {\"name\": \"h1\"},"
                + " \"@timestamp\": \"2024-01-02T03:04:05Z\"}"));
        assertThat(e.product()).isEqualTo("linux");
        assertThat(e.categories()).containsExactly("process_creation", "x");
        assertThat(e.services()).containsExactly("auditd");
        assertThat(e.fields()).containsEntry("Image", "C:\\x.exe").containsEntry("process.name", "bash")
                .containsEntry("process.parent.pid", 1L).containsEntry("process.parent", Map.of("pid", 1L))
                .containsEntry("process", Map.of("name", "bash", "parent", Map.of("pid", 1L)));
        assertThat(e.host()).isEqualTo("h1");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void flatLogsourceFallsBackPerAttributeToTheDefault() {
        LogSource defaults = new LogSource("windows", "process_creation", "sysmon", null);
        Event none = Normalizers.flat(defaults).normalize(Map.of("Image", "a"));
        assertThat(none.product()).isEqualTo("windows");
        assertThat(none.categories()).containsExactly("process_creation");
        assertThat(none.services()).containsExactly("sysmon");
        Event some = Normalizers.flat(defaults).normalize(Map.of("category", "file_event", "product", 5));
        assertThat(some.categories()).containsExactly("file_event");
        assertThat(some.product()).isEqualTo("windows");
        assertThat(Normalizers.flat(LogSource.ANY).normalize(Map.of("a", 1)).hasLogSource()).isFalse();
    }

    @Test
    void autoPicksPerRecord() {
        EventNormalizer auto = Normalizers.auto(MAPPING, new LogSource("linux", null, null, null));
        Event win = auto.normalize(Map.of("Event", Map.of("System", Map.of("EventID", 4688L, "Channel", "Security"))));
        Event flat = auto.normalize(Map.of("Event", "text", "CommandLine", "ls"));
        assertThat(win.product()).isEqualTo("windows");
        assertThat(win.categories()).containsExactly("process_creation");
        assertThat(flat.product()).isEqualTo("linux");
        assertThat(flat.get("CommandLine")).isEqualTo("ls");
    }

    @Test
    void mappingMergeReplacesByNameAndKeepsOrder() {
        Source other = new Source(List.of("Other"), List.of(), List.of("other"), List.of());
        WindowsMapping merged = MAPPING.merge(new WindowsMapping("win", Map.of("security", other, "new", other)));
        assertThat(merged.product()).isEqualTo("win");
        assertThat(merged.sources().get("security")).isEqualTo(other);
        assertThat(merged.sources()).containsKeys("sysmon", "new");
        assertThat(merged.without(Set.of("sysmon", "nope")).sources()).doesNotContainKey("sysmon");
        assertThatThrownBy(() -> new Source(List.of(), List.of(), List.of("x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
