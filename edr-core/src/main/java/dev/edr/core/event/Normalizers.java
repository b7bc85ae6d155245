package dev.edr.core.event;

import dev.edr.core.internal.event.FlatNormalizer;
import dev.edr.core.internal.event.WindowsNormalizer;
import dev.edr.core.rule.LogSource;
import java.util.Map;
import java.util.Objects;

/** The built-in normalizers. */
public final class Normalizers {
    private Normalizers() {}

    /**
     * Windows event log records in the {@code {"Event": {"System": …, "EventData": …}}} shape (or that object
     * without the {@code Event} wrapper): System elements as {@code element_attribute} fields ({@code
     * Provider_Name}, {@code Execution_ProcessID}, ...), {@code EventID} as a number, EventData / UserData fields
     * by name (names with spaces also without them), logsource and extra Sigma field names from {@code mapping}.
     * Other records are passed through as by {@link #flat(LogSource)} with no default logsource.
     */
    public static EventNormalizer windows(WindowsMapping mapping) {
        return auto(mapping, LogSource.ANY);
    }

    /**
     * Records that already use Sigma taxonomy field names. The logsource comes from the record's optional
     * {@code product}, {@code category} and {@code service} fields (a string or a list of strings), each one
     * falling back to {@code defaults}. Nested objects stay as they are and their members are also available
     * under dotted names ({@code process.name}). Event time comes from the first of {@code @timestamp},
     * {@code timestamp}, {@code time}, {@code EventTime}, {@code UtcTime} that holds an ISO-8601 date-time; the
     * host from {@code host}, {@code hostname}, {@code host.name}, {@code Computer} or {@code ComputerName}.
     */
    public static EventNormalizer flat(LogSource defaults) {
        return new FlatNormalizer(Objects.requireNonNull(defaults, "defaults"));
    }

    /** Picks per record: Windows-shaped records as by {@link #windows}, all others as by {@link #flat}. */
    public static EventNormalizer auto(WindowsMapping mapping, LogSource flatDefaults) {
        return new WindowsNormalizer(Objects.requireNonNull(mapping, "mapping"), flat(flatDefaults));
    }

    /** {@link #auto(WindowsMapping, LogSource)} with no default logsource for flat records. */
    public static EventNormalizer auto(WindowsMapping mapping) {
        return auto(mapping, LogSource.ANY);
    }

    /** Whether the record has the Windows event shape the Windows normalizer understands. */
    public static boolean isWindowsEvent(Map<String, ?> record) {
        return WindowsNormalizer.eventElement(record) != null;
    }
}
