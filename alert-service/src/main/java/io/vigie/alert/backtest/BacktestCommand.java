package io.vigie.alert.backtest;

import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.WatchProfile;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Sensitivity;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code ./vigie backtest}: replays CSV series through the alert engine, without Spring or Kafka, and writes one
 * result row per input row. Exit status 0 on success, 2 for a usage error or an unreadable input.
 */
public final class BacktestCommand {

    private static final String USAGE = """
            usage: backtest --input series.csv --output result.csv [options]
                   backtest --input-dir DIR --output-dir DIR [options]     (every *.csv under DIR, same layout)
                   backtest --watch ID --from ISO --to ISO [--opensearch URL] [--interval PT15M] [--zone Z]
                            replays the watch's mentions of vigie-mentions (default URL $OPENSEARCH_URL or
                            http://127.0.0.1:9200) and prints the incidents the service would have raised
              input:  timestamp,value[,negative][,sentiment]   one row per window, oldest first
              output: timestamp,value,anomaly_score,alert      alert=1 where an incident opened or escalated
              options: --sensitivity low|medium|high   (default medium)
                       --interval auto|PT5M            window length (default auto: the median gap between rows)
                       --zone Europe/Paris             time zone of the daily and weekly rhythm (default UTC)
                       --threads N                     series replayed in parallel in directory mode (default 1)
                       --preset default|metric|forest  default: the seasonal detectors on counts, Random Cut
                                                       Forest alone on gauges (values not all whole numbers);
                                                       metric: anomaly-likelihood alone; forest: Random Cut
                                                       Forest alone on every series (README)
            """;

    private BacktestCommand() {
    }

    /** {@code --preset}: the detectors every replayed series runs (README). */
    enum Preset { DEFAULT, METRIC, FOREST }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            Options options = Options.parse(args);
            if (options.watch() != null) {
                replay(options, out);
                return;
            }
            DetectionProperties settings = DetectionProperties.defaults().withSensitivity(options.sensitivity());
            Backtest backtest = new Backtest(settings, Backtest.RETENTION, options.zone(),
                    switch (options.preset()) {
                        case METRIC -> Backtest.metricPreset(options.sensitivity());
                        case FOREST -> Backtest.forestPreset(options.sensitivity());
                        default -> Map.of();
                    });
            List<Job> jobs = options.inputDir() == null
                    ? List.of(new Job(options.input(), options.output()))
                    : jobs(options.inputDir(), options.outputDir());
            Totals totals = runAll(backtest, jobs, options, out);
            out.printf(Locale.ROOT, "backtest: %d series, %d rows, %d incidents, %d alerts (sensitivity %s)%n",
                    jobs.size(), totals.rows(), totals.incidents(), totals.alerts(),
                    options.sensitivity().name().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("backtest: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("backtest: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void replay(Options options, PrintStream out) throws IOException {
        DetectionProperties settings = DetectionProperties.defaults().withSensitivity(options.sensitivity());
        Duration length = options.interval() != null ? options.interval() : Duration.ofMinutes(15);
        WatchProfile watch = new WatchProfile(options.zone(), null, Map.of(), List.of(), true);
        List<AlertRaised> events = new WatchReplay(settings, Backtest.RETENTION, watch).run(
                new OpenSearchWindowSource(options.opensearch()), options.watch(), options.from(), options.to(),
                length);
        for (AlertRaised event : events) {
            out.printf(Locale.ROOT, "%s %-9s %-6s %s: %s%n", event.windowStart(),
                    event.status().name().toLowerCase(Locale.ROOT), event.severity().name().toLowerCase(Locale.ROOT),
                    event.id(), event.summary());
        }
        long opened = events.stream().filter(event -> event.status() == AlertStatus.OPEN).count();
        out.printf(Locale.ROOT, "replay of '%s' from %s to %s (%s windows, sensitivity %s): %d incidents, %d events%n",
                options.watch(), options.from(), options.to(), length, options.sensitivity().name()
                        .toLowerCase(Locale.ROOT), opened, events.size());
    }

    private static Totals runAll(Backtest backtest, List<Job> jobs, Options options, PrintStream out)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()));
        try {
            List<Future<String>> lines = new ArrayList<>();
            long[] totals = new long[3];
            for (Job job : jobs) {
                lines.add(pool.submit(() -> {
                    List<SeriesRow> rows = SeriesCsv.read(job.input());
                    Backtest.Result result = backtest.run(name(job.input()), rows, options.interval());
                    SeriesCsv.write(job.output(), rows, result);
                    synchronized (totals) {
                        totals[0] += rows.size();
                        totals[1] += result.incidents();
                        totals[2] += result.alertCount();
                    }
                    return String.format(Locale.ROOT, "%s: %d rows, interval %s, %s, %d incidents, %d alerts",
                            job.input(), rows.size(), result.interval(), result.countData() ? "counts" : "metric",
                            result.incidents(), result.alertCount());
                }));
            }
            for (Future<String> line : lines) {
                out.println(line.get());
            }
            return new Totals(totals[0], totals[1], totals[2]);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Job> jobs(Path inputDir, Path outputDir) throws IOException {
        if (!Files.isDirectory(inputDir)) {
            throw new IllegalArgumentException("--input-dir " + inputDir + " is not a directory");
        }
        try (Stream<Path> files = Files.walk(inputDir)) {
            List<Job> jobs = files.filter(file -> file.toString().endsWith(".csv") && Files.isRegularFile(file))
                    .sorted()
                    .map(file -> new Job(file, outputDir.resolve(inputDir.relativize(file))))
                    .toList();
            if (jobs.isEmpty()) {
                throw new IllegalArgumentException("no *.csv under " + inputDir);
            }
            return jobs;
        }
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    private record Job(Path input, Path output) {
    }

    private record Totals(long rows, long incidents, long alerts) {
    }

    private record Options(Path input, Path output, Path inputDir, Path outputDir, Sensitivity sensitivity,
                           Duration interval, ZoneId zone, int threads, Preset preset, String watch, Instant from,
                           Instant to, URI opensearch) {

        static Options parse(String[] args) {
            Path input = null;
            Path output = null;
            Path inputDir = null;
            Path outputDir = null;
            Sensitivity sensitivity = Sensitivity.MEDIUM;
            Duration interval = null;
            ZoneId zone = ZoneId.of("UTC");
            int threads = 1;
            Preset preset = Preset.DEFAULT;
            String watch = null;
            Instant from = null;
            Instant to = null;
            String env = System.getenv("OPENSEARCH_URL");
            URI opensearch = URI.create(env == null || env.isBlank() ? "http://127.0.0.1:9200" : env);
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--input" -> input = Path.of(value);
                    case "--output" -> output = Path.of(value);
                    case "--input-dir" -> inputDir = Path.of(value);
                    case "--output-dir" -> outputDir = Path.of(value);
                    case "--sensitivity" -> sensitivity = sensitivity(value);
                    case "--interval" -> interval = "auto".equals(value) ? null : duration(value);
                    case "--zone" -> zone = ZoneId.of(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--preset" -> preset = preset(value);
                    case "--watch" -> watch = value;
                    case "--from" -> from = SeriesCsv.parseTime(value);
                    case "--to" -> to = SeriesCsv.parseTime(value);
                    case "--opensearch" -> opensearch = URI.create(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (watch != null) {
                if (from == null || to == null || !from.isBefore(to) || input != null || inputDir != null) {
                    throw new IllegalArgumentException("--watch needs --from and --to (from before to), and no --input");
                }
                return new Options(null, null, null, null, sensitivity, interval, zone, threads, preset, watch, from,
                        to, opensearch);
            }
            boolean single = input != null && output != null && inputDir == null && outputDir == null;
            boolean directory = inputDir != null && outputDir != null && input == null && output == null;
            if (!single && !directory) {
                throw new IllegalArgumentException("give --input and --output, or --input-dir and --output-dir");
            }
            return new Options(input, output, inputDir, outputDir, sensitivity, interval, zone, threads, preset, null,
                    null, null, opensearch);
        }

        private static Preset preset(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "default" -> Preset.DEFAULT;
                case "metric" -> Preset.METRIC;
                case "forest" -> Preset.FOREST;
                default -> throw new IllegalArgumentException("--preset must be default, metric or forest, not " + value);
            };
        }

        private static Sensitivity sensitivity(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "low" -> Sensitivity.LOW;
                case "medium" -> Sensitivity.MEDIUM;
                case "high" -> Sensitivity.HIGH;
                default -> throw new IllegalArgumentException("--sensitivity must be low, medium or high, not " + value);
            };
        }

        private static Duration duration(String value) {
            try {
                return Duration.parse(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--interval must be auto or an ISO-8601 duration such as PT5M, not "
                        + value);
            }
        }
    }
}
