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

    /** A file may hold U+FFFD itself: the lenient decoding's replacement character is no error on its own. */
    @Test
    void aReplacementCharacterInValidInputIsNoError() {
        SourceText t = SourceText.decode("title: \uFFFD ok\n".getBytes(StandardCharsets.UTF_8));
        assertThat(t.isValid()).isTrue();
        assertThat(t.text()).isEqualTo("title: \uFFFD ok\n");
    }

    /** UTF-8 for a surrogate code point (CESU-8) and overlong forms are malformed, however fast the path. */
    @Test
    void encodedSurrogatesAndOverlongFormsAreErrors() {
        for (byte[] bad : new byte[][] {{'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, {'a', (byte) 0xC0, (byte) 0xAF}}) {
            SourceText t = SourceText.decode(bad);
            assertThat(t.isValid()).isFalse();
            assertThat(t.errorColumn()).isEqualTo(2);
        }
    }

    /** Random valid UTF-8 of every width decodes to exactly what the strict decoder gives. */
    @Test
    void validInputDecodesAsTheStrictDecoderDoes() throws Exception {
        Random rnd = new Random(7);
        for (int round = 0; round < 500; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(200); i > 0; i--) {
                int cp = switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextInt(0x80);
                    case 1 -> 0x80 + rnd.nextInt(0x780);
                    case 2 -> { int c = 0x800 + rnd.nextInt(0xF800); yield Character.isSurrogate((char) c) ? 'x' : c; }
                    default -> 0x10000 + rnd.nextInt(0x100000);
                };
                b.appendCodePoint(cp);
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            String strict = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            SourceText t = SourceText.decode(bytes);
            assertThat(t.isValid()).isTrue();
            assertThat(t.text()).isEqualTo(strict.startsWith("\uFEFF") ? strict.substring(1) : strict);
        }
    }

    @Test
    void utf16IsNotUtf8() {
        SourceText t = SourceText.decode("title: x".getBytes(StandardCharsets.UTF_16));
        assertThat(t.isValid()).isFalse();
        assertThat(t.errorLine()).isEqualTo(1);
        assertThat(t.errorColumn()).isEqualTo(1);
    }
}
