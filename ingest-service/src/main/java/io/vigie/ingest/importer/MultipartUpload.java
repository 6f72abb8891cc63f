package io.vigie.ingest.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named file of a {@code multipart/form-data} body, read as the request arrives: the parts before it are
 * skipped, its bytes are handed on without being buffered whole (in memory or on disk), and the stream ends at its
 * closing boundary. Servlet multipart parsing would first store the whole upload, with its own size limits.
 */
final class MultipartUpload extends InputStream {

    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern PARAMETER = Pattern.compile("(?i);\\s*([a-z*]+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]+)");
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final int MAX_HEADERS = 16 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream body;
    /** {@code CRLF--boundary}: what ends every part. */
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean bodyEnded;
    private boolean partEnded;
    private Map<String, String> headers = Map.of();

    private MultipartUpload(InputStream body, String boundary) {
        this.body = body;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[Math.max(BUFFER, delimiter.length * 2)];
        // The first boundary has no line break before it: give it one so every boundary looks the same.
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
    }

    /** The boundary of a {@code multipart/form-data} content type. */
    static String boundary(String contentType) throws InvalidUploadException {
        Matcher boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundary == null || !boundary.find()) {
            throw new InvalidUploadException("the multipart/form-data content type has no boundary");
        }
        return boundary.group(2) != null ? boundary.group(2) : boundary.group(3);
    }

    /**
     * Reads the body up to the start of the part named {@code field}.
     *
     * @return the part's content, positioned at its first byte
     * @throws InvalidUploadException when the body has no such part or is not multipart
     */
    static MultipartUpload open(InputStream body, String contentType, String field)
            throws IOException, InvalidUploadException {
        MultipartUpload upload = new MultipartUpload(body, boundary(contentType));
        while (upload.nextPart()) {
            if (field.equals(upload.parameter("content-disposition", "name"))) {
                return upload;
            }
            upload.skipPart();
        }
        throw new InvalidUploadException("the multipart body has no part named '" + field + "': send the file as "
                + "-F " + field + "=@history.csv");
    }

    /** The file name the client gave, or null. */
    String fileName() {
        return parameter("content-disposition", "filename");
    }

    /** The part's own content type without parameters, lower-case, or null. */
    String contentType() {
        String type = headers.get("content-type");
        return type == null ? null : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (partEnded) {
            return -1;
        }
        fill(delimiter.length);
        int found = indexOf(delimiter, start, end);
        int available;
        if (found >= 0) {
            available = found - start;
        } else if (bodyEnded) {
            throw new IOException("the multipart body ended inside the file part (upload interrupted?)");
        } else {
            // Keep the last bytes: they may be the beginning of the delimiter.
            available = end - start - (delimiter.length - 1);
        }
        if (available <= 0 && found >= 0) {
            start = found + delimiter.length;
            partEnded = true;
            return -1;
        }
        int count = Math.min(length, available);
        System.arraycopy(buffer, start, into, offset, count);
        start += count;
        return count;
    }

    /** Moves past the next boundary and reads the headers of the part after it; false after the last boundary. */
    private boolean nextPart() throws IOException, InvalidUploadException {
        fill(delimiter.length + 2);
        int found = indexOf(delimiter, start, end);
        if (found != start) {
            throw new InvalidUploadException("the body is not multipart/form-data with the boundary its content type "
                    + "gives");
        }
        start += delimiter.length;
        fill(2);
        if (end - start >= 2 && buffer[start] == '-' && buffer[start + 1] == '-') {
            return false;
        }
        int headersEnd;
        while ((headersEnd = indexOf(CRLF_CRLF, start, end)) < 0) {
            if (end - start >= MAX_HEADERS || bodyEnded) {
                throw new InvalidUploadException("a part of the multipart body has no end of headers");
            }
            fill(end - start + 1);
        }
        // The headers start after the CRLF that ends the boundary line.
        String block = new String(buffer, start, headersEnd - start, StandardCharsets.UTF_8);
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                parsed.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        headers = parsed;
        start = headersEnd + CRLF_CRLF.length;
        partEnded = false;
        return true;
    }

    private void skipPart() throws IOException {
        byte[] sink = new byte[BUFFER];
        while (read(sink, 0, sink.length) != -1) {
            // skipped: the part is not the file
        }
        // Back before the delimiter, which nextPart expects.
        start -= delimiter.length;
    }

    private String parameter(String header, String name) {
        String value = headers.get(header);
        if (value == null) {
            return null;
        }
        Matcher parameter = PARAMETER.matcher(value);
        while (parameter.find()) {
            if (parameter.group(1).equalsIgnoreCase(name)) {
                return parameter.group(3) != null ? parameter.group(3).replaceAll("\\\\(.)", "$1") : parameter.group(2);
            }
        }
        return null;
    }

    /** Reads until {@code wanted} bytes are buffered after {@code start}, or the body ends. */
    private void fill(int wanted) throws IOException {
        if (end - start >= wanted || bodyEnded) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < wanted && !bodyEnded) {
            int read = body.read(buffer, end, buffer.length - end);
            if (read == -1) {
                bodyEnded = true;
            } else {
                end += read;
            }
        }
    }

    private int indexOf(byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A multipart body that cannot be read, with what to send instead. */
    static final class InvalidUploadException extends Exception {
        InvalidUploadException(String message) {
            super(message);
        }
    }
}
