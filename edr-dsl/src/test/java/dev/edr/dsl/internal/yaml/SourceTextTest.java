package dev.edr.dsl.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SourceTextTest {
    @Test
    void validUtf8DecodesAndDropsTheByteOrderMark() {
        SourceText t = SourceText.decode("\uFEFFtitle: Ünïcode ✓\n".getBytes(StandardCharsets.UTF_8));
        assertThat(t.isValid()).isTrue();
        assertThat(t.text()).isEqualTo("title: Ünïcode ✓\n");
    }

    @Test
    void invalidUtf8IsLocatedAtTheFirstBadByte() {
        byte[] head = "title: ok\nid: äb".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3; // a lead byte followed by ASCII: malformed
        bytes[head.length + 1] = 'x';
        bytes[head.length + 2] = '\n';
        SourceText t = SourceText.decode(bytes);
        assertThat(t.isValid()).isFalse();
        assertThat(t.errorLine()).isEqualTo(2);
        assertThat(t.errorColumn()).isEqualTo(7);
        assertThat(t.errorDetail()).contains("0xC3", "offset " + head.length);
        assertThat(t.text()).startsWith("title: ok\nid: äb");
    }

    @Test
    void binaryGarbageIsNotUtf8() {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        SourceText t = SourceText.decode(bytes);
        assertThat(t.isValid()).isFalse();
        assertThat(t.errorLine()).isPositive();
        assertThat(t.errorColumn()).isPositive();
    }

    @Test
    void utf16IsNotUtf8() {
        SourceText t = SourceText.decode("title: x".getBytes(StandardCharsets.UTF_16));
        assertThat(t.isValid()).isFalse();
        assertThat(t.errorLine()).isEqualTo(1);
        assertThat(t.errorColumn()).isEqualTo(1);
    }
}
