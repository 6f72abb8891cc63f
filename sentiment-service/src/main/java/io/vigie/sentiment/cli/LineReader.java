package io.vigie.sentiment.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines ({@code \n}, with a {@code \r} before it dropped) without decoding it, so that a line
 * which is not valid UTF-8 can be reported on its own instead of corrupting or stopping the whole stream. A line longer
 * than the limit is skipped to its end and reported as too long, so one runaway line cannot exhaust the heap.
 */
final class LineReader {

    /** One line: its bytes, or null with {@code tooLong} set when it went past the limit. */
    record Line(byte[] bytes, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream (a last line without a newline still counts). */
    Line next() throws IOException {
        buffer.reset();
        boolean tooLong = false;
        boolean sawAnything = false;
        int b;
        while ((b = in.read()) != -1) {
            sawAnything = true;
            if (b == '\n') {
                break;
            }
            if (tooLong) {
                continue;
            }
            if (buffer.size() >= maxBytes) {
                tooLong = true;
                buffer.reset();
                continue;
            }
            buffer.write(b);
        }
        if (!sawAnything) {
            return null;
        }
        if (tooLong) {
            return new Line(null, true);
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            byte[] trimmed = new byte[length - 1];
            System.arraycopy(bytes, 0, trimmed, 0, length - 1);
            bytes = trimmed;
        }
        return new Line(bytes, false);
    }
}
