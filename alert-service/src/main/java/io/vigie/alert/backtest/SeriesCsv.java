package io.vigie.alert.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code timestamp,value[,negative][,sentiment]} CSV series (NAB's layout; timestamps without an offset are
 * UTC) and writes {@code timestamp,value,anomaly_score,alert} results.
 */
public final class SeriesCsv {

    /** {@code 2015-08-31 18:22:00}, optionally with fractions, or ISO with a {@code T}. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private SeriesCsv() {
    }

    public static List<SeriesRow> read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + ": empty file; expected a header timestamp,value");
            }
            List<String> columns = Arrays.stream(header.replace("\uFEFF", "").split(","))
                    .map(column -> column.strip().toLowerCase(Locale.ROOT)).toList();
            int timestamp = columns.indexOf("timestamp");
            int value = columns.indexOf("value");
            if (timestamp < 0 || value < 0) {
                throw new IllegalArgumentException(file + ": the header must name the columns timestamp and value,"
                        + " found: " + header);
            }
            int negative = columns.indexOf("negative");
            int sentiment = columns.indexOf("sentiment");
            List<SeriesRow> rows = new ArrayList<>();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                try {
                    rows.add(new SeriesRow(cells[timestamp].strip(), cells[value].strip(),
                            parseTime(cells[timestamp].strip()), finite(cells[value].strip()),
                            optional(cells, negative), optional(cells, sentiment)));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": cannot read '" + line
                            + "' as timestamp,value (" + e.getMessage() + ")", e);
                }
            }
            return rows;
        }
    }

    static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
        }
    }

    private static Double optional(String[] cells, int index) {
        if (index < 0 || index >= cells.length || cells[index].isBlank()) {
            return null;
        }
        return finite(cells[index].strip());
    }

    /** A number; NaN and infinities are refused (no detector can judge them, and the forest throws on them). */
    private static double finite(String text) {
        double number = Double.parseDouble(text);
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("'" + text + "' is not a finite number");
        }
        return number;
    }

    public static void write(Path file, List<SeriesRow> rows, Backtest.Result result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("timestamp,value,anomaly_score,alert\n");
            for (int i = 0; i < rows.size(); i++) {
                writer.write(rows.get(i).rawTimestamp() + ',' + rows.get(i).rawValue() + ','
                        + String.format(Locale.ROOT, "%.4f", result.scores()[i]) + ',' + (result.alerts()[i] ? 1 : 0)
                        + '\n');
            }
        }
    }
}
