package io.vigie.devstack.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The end of a log file, to put the likely cause of a failed start right in the error message. */
public final class LogTail {

    private static final int LINES = 15;
    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /** A block starting with a newline, or an empty string when the log is empty or unreadable. */
    public static String of(Path logFile) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> last = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
            return last.isEmpty() ? "" : "\n--- last lines of " + logFile + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "";
        }
    }
}
