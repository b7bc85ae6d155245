package dev.edr.core.response;

import static dev.edr.core.response.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseActionTest {
    @TempDir Path dir;

    /** A valid parameter set for any type: every parameter filled with a plausible value. */
    static Map<String, String> sample(ActionType type) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ActionType.Param p : type.params()) {
            m.put(p.name(), switch (p.kind()) {
                case INTEGER -> "4242";
                case BOOLEAN -> "true";
                case STRING -> p.name().equals("host") ? "ws01" : "x-" + p.name();
            });
        }
        return m;
    }

    @Test
    void everyTypeRoundTripsThroughItsWireForm() {
        for (ActionType type : ActionType.values()) {
            ResponseAction a = ResponseAction.of(type, sample(type));
            assertThat(a.type()).isEqualTo(type);
            assertThat(ResponseAction.of(type, a.params())).isEqualTo(a);
            assertThat(ActionType.fromWireName(type.wireName())).contains(type);
            assertThat(a.target()).isNotBlank();
        }
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> ResponseAction.of(ActionType.KILL_PROCESS, Map.of("host", "ws01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pid'");
        assertThatThrownBy(() -> ResponseAction.of(ActionType.KILL_PROCESS, Map.of("host", "ws01", "pid", "x")))
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> ResponseAction.of(ActionType.ISOLATE_HOST, Map.of("host", " ")))
                .hasMessageContaining("missing parameter 'host'");
        assertThatThrownBy(() -> ResponseAction.of(ActionType.DISABLE_ACCOUNT, Map.of("account", "a", "host", "h")))
                .hasMessageContaining("unknown parameter 'host'");
        assertThat(ActionType.ParamKind.BOOLEAN.accepts("maybe")).isFalse();
        assertThat(ActionType.ParamKind.INTEGER.accepts("12")).isTrue();
    }

    @Test
    void theDispatcherRoutesEveryTypeToItsAdapterMethod() throws Exception {
        FakeVendor vendor = new FakeVendor();
        try (Dispatcher d = Fixtures.builder(vendor, new ManualTime(T0), new AuditProbe(), dir)
                .budget(100, Duration.ofMinutes(1)).build()) {
            for (ActionType type : ActionType.values()) {
                d.submit(ActionRequest.of(ResponseAction.of(type, sample(type)), Fixtures.trigger("r", T0)));
            }
            assertThat(d.awaitIdle(Fixtures.IDLE)).isTrue();
        }
        assertThat(vendor.calls).extracting(c -> c.action().type()).containsExactlyInAnyOrder(ActionType.values());
        assertThat(Arrays.stream(ActionType.values()).map(ActionType::kind).distinct()).hasSize(3);
    }
}
