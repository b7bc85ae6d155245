package dev.edr.dsl.internal.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a rule file decoded strictly as UTF-8. Invalid input is still decoded (with replacement
 * characters) so that diagnostics can quote the surrounding line, but the first malformed byte is located.
 *
 * @param text the decoded text without a leading byte order mark
 * @param errorLine 1-based line of the first malformed byte, or 0 when the bytes are valid UTF-8
 * @param errorColumn 1-based column (in code points) of the first malformed byte
 * @param errorDetail what was wrong, for the message
 */
public record SourceText(String text, int errorLine, int errorColumn, String errorDetail) {

    public boolean isValid() {
        return errorLine == 0;
    }

    public static SourceText decode(byte[] bytes) {
        // The JDK's own decoding copies ASCII bytes into the string at once; the strict decoder below converts
        // character by character, which a cold compile of thousands of files runs in the interpreter. Lenient
        // decoding replaces malformed input with U+FFFD, so a text without that character was valid UTF-8 (for a
        // Latin-1 text, looking for it costs nothing); one with it takes the strict path, which locates the error
        // or, for a file that holds U+FFFD itself, finds none.
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return new SourceText(stripBom(lenient), 0, 0, null);
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = strict.decode(in, out, true);
        if (!result.isError()) {
            result = strict.flush(out);
        }
        if (!result.isError()) {
            return new SourceText(stripBom(out.flip().toString()), 0, 0, null);
        }
        int bad = in.position();
        String before = stripBom(out.flip().toString());
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = 1 + before.codePointCount(lineStart, before.length());
        String detail = String.format("byte 0x%02X at offset %d is not valid UTF-8", bytes[bad] & 0xFF, bad);
        return new SourceText(stripBom(lenient), line, column, detail);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
