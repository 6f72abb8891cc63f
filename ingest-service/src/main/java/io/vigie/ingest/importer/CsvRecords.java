package io.vigie.ingest.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 fields of a CSV record: comma-separated, a field in double quotes may hold commas, line breaks and
 * doubled quotes ({@code ""}). Records are assembled line by line, so a file is never read whole.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    /** Whether the text so far ends inside a quoted field (the record continues on the next line). */
    static boolean insideQuotes(CharSequence record) {
        boolean inside = false;
        for (int i = 0; i < record.length(); i++) {
            if (record.charAt(i) == '"') {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * @param record a complete record, without its final line break
     * @throws IllegalArgumentException when a quote is misplaced
     */
    static List<String> fields(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < record.length() && record.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= record.length()) {
                        throw new IllegalArgumentException("a quoted field is never closed");
                    }
                    char c = record.charAt(i++);
                    if (c == '"') {
                        if (i < record.length() && record.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < record.length() && record.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected character after the closing quote of field "
                            + (fields.size() + 1) + " (a quote inside a field must be doubled: \"\")");
                }
            } else {
                while (i < record.length() && record.charAt(i) != ',') {
                    char c = record.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("a quote inside unquoted field " + (fields.size() + 1)
                                + "; quote the whole field and double the quote (\"\")");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= record.length()) {
                return fields;
            }
            i++;
        }
    }
}
