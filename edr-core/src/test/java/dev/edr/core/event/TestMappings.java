package dev.edr.core.event;

import dev.edr.core.event.WindowsMapping.CategoryRoute;
import dev.edr.core.event.WindowsMapping.Source;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small hand-made Windows mapping for normalizer tests (the shipped pipeline is tested in edr-dsl). */
public final class TestMappings {
    /**
     * Sysmon (process creation on event 1, registry_add on 12 when {@code EventType} is {@code CreateKey}) and
     * Security (process creation on 4688, with Sigma names for three of its fields).
     */
    public static final WindowsMapping SMALL = new WindowsMapping("windows", Map.of(
            "sysmon", new Source(List.of("Microsoft-Windows-Sysmon/Operational"), List.of("Microsoft-Windows-Sysmon"),
                    List.of("sysmon"), List.of(
                            CategoryRoute.of("process_creation", 1L),
                            new CategoryRoute("registry_add", Set.of(12L), Map.of("EventType", List.of("CreateKey")),
                                    Map.of()))),
            "security", new Source(List.of("Security"), List.of(), List.of("security"), List.of(
                    new CategoryRoute("process_creation", Set.of(4688L), Map.of(),
                            Map.of("Image", "NewProcessName", "ParentImage", "ParentProcessName",
                                    "SubjectUserName", "TargetUserName"))))));

    private TestMappings() {}
}
