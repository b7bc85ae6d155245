package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordSplitterTest {
    /** The word-at-a-time search finds exactly what a byte-by-byte search finds, wherever it starts and ends. */
    @Test
    void stringRunFindsTheFirstQuoteBackslashOrLineBreak() {
        Random random = new Random(7);
        byte[] alphabet = "ab\"\\\n{}[]é\u0000".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            int specials = random.nextInt(4); // often none, or only near the end: the word loop runs to the tail
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(b.length + 1) < specials ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) (random.nextBoolean() ? 'x' : 0x80 | random.nextInt(0x80)); // ASCII or UTF-8 tails
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int end = from + random.nextInt(b.length - from + 1);
            assertThat(RecordSplitter.stringRun(b, from, end)).as("round %d", round).isEqualTo(byteByByte(b, from, end));
        }
    }

    @Test
    void stringRunSeesEachSpecialByteInEveryPositionOfAWord() {
        for (byte special : new byte[] {'"', '\\', '\n'}) {
            for (int at = 0; at < 20; at++) {
                byte[] b = new byte[20];
                java.util.Arrays.fill(b, (byte) ('"' + 1)); // neighbours of the special bytes do not count
                b[at] = special;
                if (at > 0) b[at - 1] = (byte) (special - 1);
                assertThat(RecordSplitter.stringRun(b, 0, b.length)).isEqualTo(at);
                assertThat(RecordSplitter.stringRun(b, 0, at)).isEqualTo(at);
            }
        }
    }

    private static int byteByByte(byte[] b, int i, int end) {
        while (i < end && b[i] != '"' && b[i] != '\\' && b[i] != '\n') i++;
        return i;
    }
}
