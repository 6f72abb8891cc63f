package io.vigie.bench;

import io.vigie.contracts.MentionScored;
import io.vigie.contracts.TopicSpec;
import io.vigie.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Throughput and notification latency of alert-service (issue 5: at least 20,000 mentions/s through the topology,
 * p95 under 2 s from a record on mention-scored to the notification leaving). Not JMH: what is measured is the real
 * service, run as a child process from its exec jar against a local broker and OpenSearch.
 *
 * <ol>
 *   <li>Throughput: publishes N scored mentions of W watches (past days, a daily rhythm) to {@code mention-scored},
 *   then starts alert-service with a new Kafka Streams application id and times how long its consumer group takes to
 *   commit every offset of mention-scored and of its repartition topic. The start-up is excluded: the clock starts at
 *   the first committed progress.</li>
 *   <li>Latency: with the service caught up, K watches that raised nothing get a burst of negative mentions at once
 *   (60 in one minute each, paced); a webhook in this driver receives the notifications. A notification's latency is
 *   its arrival minus the send time of the mention that made it fire: the {@code observed}-th of its watch's burst
 *   when the alert's metric counts mentions, else the latest mention of that watch sent before it arrived.</li>
 * </ol>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.vigie.bench.AlertLoadDriver --bootstrap 127.0.0.1:9092
 * </pre>
 */
public final class AlertLoadDriver {

    static final String DEFAULT_JAR = "alert-service/target/alert-service-0.1.0-SNAPSHOT-exec.jar";
    static final int MAX_COUNT = 10_000_000;
    /** Metrics whose observed value is a count of the window's mentions: the burst's n-th mention made it fire. */
    static final Set<String> COUNT_METRICS = Set.of("negative_count", "stories", "mentions");
    private static final Duration QUIET_AFTER_LAST_NOTIFICATION = Duration.ofSeconds(15);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private AlertLoadDriver() {
    }

    /** The command line: every option has a default, so none is required. */
    record Options(String bootstrap, String openSearch, String jar, int count, int watches, int days,
                   int burstWatches, int burstSize, int burstSeconds, Duration window, List<String> childJavaOptions,
                   Duration startupTimeout, Duration drainTimeout, Duration notifyTimeout, boolean recreateTopics,
                   boolean live, int rate) {

        static final String USAGE = """

                usage: AlertLoadDriver [options]
                  --bootstrap 127.0.0.1:9092         local Kafka (loopback only); its mention-scored topic is loaded
                  --opensearch http://127.0.0.1:9200 local OpenSearch, for the service's incidents and deliveries
                  --jar %s
                  --count 500000       scored mentions of the throughput phase (history)
                  --watches 200        watches they are spread over
                  --days 7             history span, ending an hour ago (at most 13: the service keeps 14 days)
                  --live               instead of a history: the mentions of the last hour, ending now, as a live
                                       firehose reads them (every window can still alert: commits at the live pace);
                                       no latency phase (no watch has the history an alert needs)
                  --rate 0             with --live: send the mentions at this many per second while the service
                                       runs (0: all before it starts, a backlog); prints how far behind it reads
                  --burst-watches 20   watches that get a negative burst in the latency phase
                  --burst-size 60      negative mentions per burst
                  --burst-seconds 60   how long each burst lasts (all bursts run at the same time, paced)
                  --window-minutes 15  the service's window size (passed to it as VIGIE_ALERT_WINDOW)
                  --child-java-opts "-Xms128m -Xmx512m"   JVM options of alert-service (the ./vigie launcher's)
                  --startup-timeout 180 / --drain-timeout 1800 / --notify-timeout 120   seconds
                  --recreate-topics    delete and recreate mention-scored and alert-raised first if they hold
                                       records (of an earlier run: the new service would read them too)
                """.formatted(DEFAULT_JAR);

        static Options parse(String... args) {
            Map<String, String> values = new HashMap<>();
            boolean recreate = false;
            boolean live = false;
            Set<String> known = Set.of("--bootstrap", "--opensearch", "--jar", "--count", "--watches", "--days",
                    "--burst-watches", "--burst-size", "--burst-seconds", "--window-minutes", "--child-java-opts",
                    "--startup-timeout", "--drain-timeout", "--notify-timeout", "--rate");
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--recreate-topics")) {
                    recreate = true;
                    continue;
                }
                if (option.equals("--live")) {
                    live = true;
                    continue;
                }
                if (option.equals("--help") || option.equals("-h")) {
                    throw new IllegalArgumentException(USAGE.strip());
                }
                if (!known.contains(option)) {
                    throw new IllegalArgumentException("unknown option " + option + USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value" + USAGE);
                }
                values.put(option, args[++i]);
            }
            String bootstrap = values.getOrDefault("--bootstrap", "127.0.0.1:9092");
            for (String server : bootstrap.split(",")) {
                requireLoopback("--bootstrap", hostOf(server.strip()));
            }
            String openSearch = values.getOrDefault("--opensearch", "http://127.0.0.1:9200");
            requireLoopback("--opensearch", URI.create(openSearch).getHost());
            int watches = number(values, "--watches", 200, 1, 100_000);
            int burstWatches = number(values, "--burst-watches", 20, 1, watches);
            int windowMinutes = number(values, "--window-minutes", 15, 1, 24 * 60);
            int burstSeconds = number(values, "--burst-seconds", 60, 1, 3600);
            if (burstSeconds + 30 > windowMinutes * 60) {
                throw new IllegalArgumentException("--burst-seconds " + burstSeconds + " does not fit in one window of "
                        + windowMinutes + " minutes (with 30 s to spare): each burst must land in a single window");
            }
            int rate = number(values, "--rate", 0, 0, 1_000_000);
            if (rate > 0 && !live) {
                throw new IllegalArgumentException("--rate paces a live firehose: it needs --live");
            }
            String javaOptions = values.getOrDefault("--child-java-opts", "-Xms128m -Xmx512m").strip();
            return new Options(bootstrap, openSearch, values.getOrDefault("--jar", DEFAULT_JAR),
                    number(values, "--count", 500_000, 1, MAX_COUNT), watches,
                    number(values, "--days", 7, 1, 13), burstWatches,
                    number(values, "--burst-size", 60, 1, 100_000), burstSeconds,
                    Duration.ofMinutes(windowMinutes),
                    javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+")),
                    Duration.ofSeconds(number(values, "--startup-timeout", 180, 10, 3600)),
                    Duration.ofSeconds(number(values, "--drain-timeout", 1800, 10, 24 * 3600)),
                    Duration.ofSeconds(number(values, "--notify-timeout", 120, 5, 3600)), recreate, live, rate);
        }

        private static int number(Map<String, String> values, String option, int defaultValue, int min, int max) {
            String value = values.get(option);
            if (value == null) {
                return defaultValue;
            }
            try {
                int number = Integer.parseInt(value.replace("_", ""));
                if (number < min || number > max) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was "
                            + value);
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
            }
        }

        private static String hostOf(String server) {
            int colon = server.lastIndexOf(':');
            return (colon > 0 ? server.substring(0, colon) : server).replace("[", "").replace("]", "");
        }

        private static void requireLoopback(String option, String host) {
            try {
                if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
                    throw new IllegalArgumentException(option + " host " + host + " is not a loopback address: this "
                            + "driver loads mention-scored and starts a service, on a local stack only (see devstack)");
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(option + ": unknown host " + host);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options);
    }

    static void run(Options options) throws Exception {
        String runId = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMddHHmmss"));
        AlertServiceProcess.Names names = new AlertServiceProcess.Names("vigie-bench-alert-" + runId);
        List<String> watches = IntStream.range(0, options.watches())
                .mapToObj(i -> String.format(Locale.ROOT, "bench-%s-w%03d", runId, i)).toList();
        ScoredTraffic traffic = new ScoredTraffic(watches, 42);
        print("machine: %d cores; load average %s; driver heap max %d MB", Runtime.getRuntime().availableProcessors(),
                loadAverage(), Runtime.getRuntime().maxMemory() >> 20);
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        // Not /tmp: Kafka Streams warns that a state directory there may be cleaned under it.
        Path varTmp = Path.of("/var/tmp");
        Path workDir = Files.isDirectory(varTmp) && Files.isWritable(varTmp)
                ? Files.createTempDirectory(varTmp, "vigie-alert-bench-")
                : Files.createTempDirectory("vigie-alert-bench-");
        try (Admin admin = Admin.create(adminConfig);
             KafkaProducer<String, MentionScored> producer = producer(options.bootstrap());
             WebhookReceiver webhook = new WebhookReceiver()) {
            prepareTopic(admin, Topics.MENTION_SCORED_SPEC, options.recreateTopics());
            prepareTopic(admin, Topics.ALERT_RAISED_SPEC, options.recreateTopics());

            Instant historyEnd = options.live() ? Instant.now()
                    : windowStart(Instant.now().minus(Duration.ofHours(1)), options.window());
            Duration span = options.live() ? Duration.ofHours(1) : Duration.ofDays(options.days());
            int windows = (int) Math.max(1, span.toMillis() / options.window().toMillis());
            print("%s %,d scored mentions of %d watches to %s (%d windows of %d min ending %s, daily rhythm, "
                            + "15%% negative)...", options.rate() > 0 ? "will send" : "publishing", options.count(),
                    options.watches(), Topics.MENTION_SCORED, windows,
                    options.window().toMinutes(), historyEnd);
            if (options.rate() > 0) {
                try {
                    pacedRun(options, admin, producer, traffic, historyEnd, windows, workDir, webhook, names);
                } finally {
                    cleanUp(admin, names);
                }
                print("alert-service log kept in %s", workDir);
                return;
            }
            long publishStart = System.nanoTime();
            publish(producer, sink -> traffic.history(options.count(), historyEnd, options.window(), windows, sink));
            print("published in %.1f s (not part of any figure)", (System.nanoTime() - publishStart) / 1e9);
            Map<TopicPartition, Long> earliest = offsets(admin, partitions(admin, Topics.MENTION_SCORED),
                    OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = offsets(admin, earliest.keySet(), OffsetSpec.latest());
            long total = ends.entrySet().stream().mapToLong(e -> e.getValue() - earliest.get(e.getKey())).sum();

            try (AlertServiceProcess service = AlertServiceProcess.start(Path.of(options.jar()), workDir,
                    options.childJavaOptions(), options.bootstrap(), options.openSearch(), webhook.url(), names,
                    options.window())) {
                print("alert-service started (pid %d, application id %s, log %s)", service.pid(),
                        names.applicationId(), service.log());
                Drain drain = awaitDrain(admin, service, names.applicationId(), earliest, ends, options);
                print("");
                print("THROUGHPUT  %,d records of mention-scored through the topology in %.1f s: %,.0f mentions/s",
                        drain.measured(), drain.seconds(), drain.perSecond());
                print("  clock from the first committed progress (%,d records already committed then, %.1f s after "
                                + "the process started: start-up excluded) to every offset of %s and of the "
                                + "repartition topic committed; %s alone drained after %.1f s",
                        drain.committedAtFirst(), drain.startupSeconds(), Topics.MENTION_SCORED, Topics.MENTION_SCORED,
                        drain.sourceSeconds());
                print("  second half: %,d in %.1f s = %,.0f mentions/s (the JIT compiles the stream in the first "
                                + "minute or two; a service that runs for days works at this pace or better)",
                        drain.secondHalf(), drain.secondHalfSeconds(), drain.secondHalfPerSecond());
                print("  including start-up: %,d in %.1f s = %,.0f mentions/s; child JVM: %s %s", total,
                        drain.sinceStartSeconds(), total / drain.sinceStartSeconds(),
                        String.join(" ", options.childJavaOptions()), service.jvmFlags());
                print("  load average after the throughput phase: %s; notifications during it: %d", loadAverage(),
                        webhook.count());

                if (options.live()) {
                    print("LATENCY  not measured with --live: an hour of history is below every detector's warm-up");
                } else {
                    latencyPhase(options, watches, traffic, producer, webhook, service);
                }
                print("  child JVM: %s; load average at the end: %s", service.jvmFlags(), loadAverage());
            } finally {
                cleanUp(admin, names);
            }
        }
        print("alert-service log kept in %s", workDir);
    }

    // ---------------------------------------------------------------------------------------------- throughput

    /**
     * @param measured         records counted by the figure: those committed after the first committed progress
     * @param seconds          from the first committed progress to the whole topology drained
     * @param committedAtFirst records committed when the first progress was seen
     * @param startupSeconds   from the process start to the first committed progress
     * @param sourceSeconds    from the first committed progress to mention-scored drained (repartition not yet)
     * @param sinceStartSeconds from the process start to the whole topology drained
     * @param secondHalf       records committed from the moment half of the measured ones were to the end
     * @param secondHalfSeconds from that moment to the whole topology drained
     */
    record Drain(long measured, double seconds, long committedAtFirst, double startupSeconds, double sourceSeconds,
                 double sinceStartSeconds, long secondHalf, double secondHalfSeconds) {
        double perSecond() {
            return measured / seconds;
        }

        double secondHalfPerSecond() {
            return secondHalf / secondHalfSeconds;
        }
    }

    private static Drain awaitDrain(Admin admin, AlertServiceProcess service, String group,
                                    Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> ends,
                                    Options options) throws Exception {
        long total = ends.entrySet().stream().mapToLong(e -> e.getValue() - earliest.get(e.getKey())).sum();
        long start = service.startedNanos();
        long first = 0;
        long committedAtFirst = 0;
        long sourceDone = 0;
        long halfway = 0;
        long committedAtHalfway = 0;
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (true) {
            service.requireAlive();
            long now = System.nanoTime();
            if (first == 0 && now - start > options.startupTimeout().toNanos()) {
                throw new TimeoutException("alert-service committed nothing within " + options.startupTimeout()
                        + "; the end of its log:\n" + service.tail(40));
            }
            if (first != 0 && now - first > options.drainTimeout().toNanos()) {
                throw new TimeoutException("mention-scored not drained within " + options.drainTimeout());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, group);
            long done = committedBetween(committed, earliest, ends);
            if (first == 0 && done > 0) {
                first = now;
                committedAtFirst = done;
            }
            if (first != 0 && halfway == 0 && done - committedAtFirst >= (total - committedAtFirst) / 2) {
                halfway = now;
                committedAtHalfway = done;
            }
            if (sourceDone == 0 && done >= total) {
                sourceDone = now;
            }
            if (sourceDone != 0 && repartitionDrained(admin, group, committed)) {
                return new Drain(total - committedAtFirst, (now - first) / 1e9, committedAtFirst,
                        (first - start) / 1e9, (sourceDone - first) / 1e9, (now - start) / 1e9,
                        total - committedAtHalfway, (now - halfway) / 1e9);
            }
            if (now > nextProgress) {
                print("  %,d / %,d committed, %.0f s since the process started, load %s", done, total,
                        (now - start) / 1e9, loadAverage());
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------------------------------------- paced firehose

    /**
     * The mentions sent at {@code --rate} while the service runs, as sentiment-service would: how far behind the
     * stream reads (records on mention-scored not yet committed by it, sampled every second) and how long after the
     * last send everything is committed. Unlike the backlog run, the stream here can keep up or not.
     */
    private static void pacedRun(Options options, Admin admin, KafkaProducer<String, MentionScored> producer,
                                 ScoredTraffic traffic, Instant historyEnd, int windows, Path workDir,
                                 WebhookReceiver webhook, AlertServiceProcess.Names names) throws Exception {
        Map<TopicPartition, Long> earliest = offsets(admin, partitions(admin, Topics.MENTION_SCORED),
                OffsetSpec.earliest());
        try (AlertServiceProcess service = AlertServiceProcess.start(Path.of(options.jar()), workDir,
                options.childJavaOptions(), options.bootstrap(), options.openSearch(), webhook.url(), names,
                options.window())) {
            print("alert-service started (pid %d, application id %s, log %s); waiting for its stream to join",
                    service.pid(), names.applicationId(), service.log());
            awaitStableGroup(admin, service, names.applicationId(), options.startupTimeout());
            print("sending %,d mentions at %,d/s...", options.count(), options.rate());
            List<Double> backlog = new ArrayList<>();
            AtomicReference<Exception> samplerFailure = new AtomicReference<>();
            Thread sampler = new Thread(() -> {
                try (Admin own = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        options.bootstrap()))) {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(1_000);
                        long behind = uncommitted(own, names.applicationId(), earliest);
                        int samples;
                        synchronized (backlog) {
                            backlog.add((double) behind);
                            samples = backlog.size();
                        }
                        if (samples % 10 == 0) {
                            print("  %d s: %,d mentions sent and not yet committed, load %s", samples, behind,
                                    loadAverage());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    samplerFailure.set(e);
                }
            }, "backlog-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long first = System.nanoTime();
            long nanosPerMention = 1_000_000_000L / options.rate();
            long[] sent = {0};
            publish(producer, sink -> traffic.history(options.count(), historyEnd, options.window(), windows,
                    mention -> {
                        long due = first + sent[0]++ * nanosPerMention;
                        long wait = due - System.nanoTime();
                        if (wait > 100_000) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        sink.accept(mention);
                    }));
            long lastSent = System.nanoTime();
            Map<TopicPartition, Long> ends = offsets(admin, earliest.keySet(), OffsetSpec.latest());
            long total = ends.entrySet().stream().mapToLong(e -> e.getValue() - earliest.get(e.getKey())).sum();
            while (true) {
                service.requireAlive();
                Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, names.applicationId());
                if (committedBetween(committed, earliest, ends) >= total
                        && repartitionDrained(admin, names.applicationId(), committed)) {
                    break;
                }
                if (System.nanoTime() - lastSent > options.drainTimeout().toNanos()) {
                    throw new TimeoutException("mention-scored not drained within " + options.drainTimeout()
                            + " after the last send");
                }
                Thread.sleep(100);
            }
            long drained = System.nanoTime();
            sampler.interrupt();
            sampler.join(5_000);
            if (samplerFailure.get() != null) {
                throw samplerFailure.get();
            }
            List<Double> samples;
            synchronized (backlog) {
                samples = List.copyOf(backlog);
            }
            double p50 = percentile(samples, 50);
            double p95 = percentile(samples, 95);
            double max = percentile(samples, 100);
            double sending = (lastSent - first) / 1e9;
            print("");
            print("ARRIVAL  %,d mentions sent in %.1f s (%,.0f/s, asked %,d/s); all committed through the topology "
                            + "%.1f s after the last send: %,.0f mentions/s from the first send to the last commit",
                    total, sending, total / sending, options.rate(), (drained - lastSent) / 1e9,
                    total / ((drained - first) / 1e9));
            print("  behind (sent, not yet committed by the stream on mention-scored), sampled every second from the "
                            + "first send to the last commit (%d samples): p50 %,.0f / p95 %,.0f / max %,.0f "
                            + "mentions = %.2f / %.2f / %.2f s at the rate sent",
                    samples.size(), p50, p95, max, p50 / (total / sending), p95 / (total / sending),
                    max / (total / sending));
            print("  child JVM: %s; load average at the end: %s", service.jvmFlags(), loadAverage());
        }
    }

    /** Records on mention-scored since {@code earliest} that the group has not committed. */
    private static long uncommitted(Admin admin, String group, Map<TopicPartition, Long> earliest) throws Exception {
        Map<TopicPartition, Long> ends = offsets(admin, earliest.keySet(), OffsetSpec.latest());
        long sent = ends.entrySet().stream().mapToLong(end -> end.getValue() - earliest.get(end.getKey())).sum();
        return sent - committedBetween(committedOffsets(admin, group), earliest, ends);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    }

    /**
     * Records between {@code earliest} and {@code ends} on each partition that the group has committed: the one count
     * behind the backlog run's progress, the paced run's backlog samples and both runs' "all committed".
     */
    static long committedBetween(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> earliest,
                                 Map<TopicPartition, Long> ends) {
        long done = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long from = earliest.get(end.getKey());
            OffsetAndMetadata offset = committed.get(end.getKey());
            done += offset == null ? 0 : Math.max(0, Math.min(offset.offset(), end.getValue()) - from);
        }
        return done;
    }

    /** Waits until the service's stream has joined its group and got its partitions, plus a few seconds. */
    private static void awaitStableGroup(Admin admin, AlertServiceProcess service, String group, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            service.requireAlive();
            org.apache.kafka.clients.admin.ConsumerGroupDescription description = null;
            try {
                description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                    throw e;
                }
            }
            if (description != null && description.groupState() == org.apache.kafka.common.GroupState.STABLE
                    && !description.members().isEmpty()) {
                Thread.sleep(5_000);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("alert-service's stream did not join its group within " + timeout
                        + "; the end of its log:\n" + service.tail(40));
            }
            Thread.sleep(500);
        }
    }

    /** Whether the group committed every offset of its repartition topics (the second half of the topology). */
    private static boolean repartitionDrained(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> committed)
            throws Exception {
        List<String> repartition = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition")).toList();
        if (repartition.isEmpty()) {
            return false;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : repartition) {
            partitions.addAll(partitions(admin, topic));
        }
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return offset != null ? offset.offset() >= end.getValue() : end.getValue() == 0;
        });
    }

    private static void publish(KafkaProducer<String, MentionScored> producer,
                                Consumer<Consumer<MentionScored>> source)
            throws ExecutionException {
        AtomicLong sent = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        source.accept(mention -> {
            if (failure.get() != null) {
                return;
            }
            sent.incrementAndGet();
            producer.send(new ProducerRecord<>(Topics.MENTION_SCORED, mention.mention().id(), mention),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
        });
        producer.flush();
        if (failure.get() != null || acknowledged.get() != sent.get()) {
            throw new ExecutionException("publishing to " + Topics.MENTION_SCORED + " failed: " + acknowledged.get()
                    + " of " + sent.get() + " acknowledged", failure.get());
        }
    }

    /** sentiment-service's producer: idempotent, acks=all, String key = mention id, JSON by Jackson 3's defaults. */
    static KafkaProducer<String, MentionScored> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-bench-alert");
        JsonMapper json = JsonMapper.builder().build();
        Serializer<MentionScored> values = (topic, mention) -> json.writeValueAsBytes(mention);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /**
     * The topic as the services create it. One that already holds records is refused unless asked to recreate it:
     * the child's new consumer groups would read them first (old mentions into the figure, old alerts replayed to the
     * notification consumer ahead of the bursts').
     */
    private static void prepareTopic(Admin admin, TopicSpec spec, boolean recreate) throws Exception {
        String name = spec.name();
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        if (existing.contains(name)) {
            Collection<TopicPartition> partitions = partitions(admin, name);
            Map<TopicPartition, Long> start = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.latest());
            long records = end.entrySet().stream().mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
            if (records == 0) {
                return;
            }
            if (!recreate) {
                throw new IllegalStateException(name + " already holds " + records + " records (an "
                        + "earlier run, or a running pipeline): the new service would read them too. Start a devstack "
                        + "of your own (a new VIGIE_HOME) or pass --recreate-topics to delete it first");
            }
            print("deleting %s (%,d records), as --recreate-topics asks", name, records);
            admin.deleteTopics(List.of(name)).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
            return;
        }
        NewTopic topic = new NewTopic(name, spec.partitions(), (short) 1)
                .configs(spec.configs());
        admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(name);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " has no leader for every partition after 60 s");
            }
            Thread.sleep(100);
        }
    }

    // ------------------------------------------------------------------------------------------------- latency

    private static void latencyPhase(Options options, List<String> watches, ScoredTraffic traffic,
                                     KafkaProducer<String, MentionScored> producer, WebhookReceiver webhook,
                                     AlertServiceProcess service) throws Exception {
        Set<String> alerted = readAlerts(options.bootstrap(), Set.copyOf(watches)).stream()
                .map(SeenAlert::watchId).collect(Collectors.toSet());
        List<String> bursting = watches.stream().filter(watch -> !alerted.contains(watch))
                .limit(options.burstWatches()).toList();
        print("");
        print("latency phase: %d of %d watches raised alerts on their history; bursts on %d watches without any "
                + "(%d mentions each in %d s, all watches at once)", alerted.size(), watches.size(), bursting.size(),
                options.burstSize(), options.burstSeconds());
        if (bursting.isEmpty()) {
            throw new IllegalStateException("every watch raised an alert on its history: no quiet watch to burst");
        }
        awaitRoomInWindow(options);
        int k = bursting.size();
        int size = options.burstSize();
        long[][] sentNanos = new long[k][size];
        long[][] sentMillis = new long[k][size];
        int total = k * size;
        long interval = TimeUnit.SECONDS.toNanos(options.burstSeconds()) / total;
        int before = webhook.count();
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        for (int j = 0; j < total; j++) {
            long due = start + j * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int watch = j % k;
            int index = j / k;
            MentionScored mention = traffic.negative("b" + index, bursting.get(watch), Instant.now());
            sentMillis[watch][index] = System.currentTimeMillis();
            sentNanos[watch][index] = System.nanoTime();
            producer.send(new ProducerRecord<>(Topics.MENTION_SCORED, mention.mention().id(), mention));
        }
        producer.flush();
        long lastSend = System.nanoTime();
        print("  %,d negative mentions sent in %.1f s; waiting for the notifications...", total,
                (lastSend - start) / 1e9);

        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < k; i++) {
            indexOf.put(bursting.get(i), i);
        }
        List<WebhookReceiver.Notification> burstNotifications;
        while (true) {
            service.requireAlive();
            Thread.sleep(500);
            List<WebhookReceiver.Notification> received = webhook.received();
            burstNotifications = received.subList(before, received.size()).stream()
                    .filter(n -> indexOf.containsKey(n.watchId())).toList();
            long lastArrival = burstNotifications.stream().mapToLong(WebhookReceiver.Notification::arrivedNanos)
                    .max().orElse(lastSend);
            long now = System.nanoTime();
            boolean everyBurstNotified = burstNotifications.stream().map(WebhookReceiver.Notification::watchId)
                    .distinct().count() == k;
            if (everyBurstNotified && now - Math.max(lastArrival, lastSend) > QUIET_AFTER_LAST_NOTIFICATION.toNanos()
                    || now - lastSend > options.notifyTimeout().toNanos()) {
                break;
            }
        }
        report(options, bursting, indexOf, sentNanos, sentMillis, burstNotifications,
                webhook.count() - before - burstNotifications.size(), loadBefore);
        reportDetection(readAlerts(options.bootstrap(), Set.copyOf(bursting)), indexOf, sentMillis);
    }

    private static void report(Options options, List<String> bursting, Map<String, Integer> indexOf,
                               long[][] sentNanos, long[][] sentMillis,
                               List<WebhookReceiver.Notification> notifications, int others, String loadBefore) {
        List<Double> latencies = new ArrayList<>();
        List<Double> detection = new ArrayList<>();
        int byObserved = 0;
        int byLatest = 0;
        for (WebhookReceiver.Notification n : notifications) {
            int watch = indexOf.get(n.watchId());
            int cause = causeIndex(n.metric(), n.observed(), n.arrivedNanos(), sentNanos[watch]);
            if (cause < 0) {
                continue;
            }
            if (usesObserved(n.metric(), n.observed(), n.arrivedNanos(), sentNanos[watch])) {
                byObserved++;
            } else {
                byLatest++;
            }
            latencies.add((n.arrivedNanos() - sentNanos[watch][cause]) / 1e6);
            if (n.raisedAt() != null) {
                detection.add((double) (n.raisedAt().toEpochMilli() - sentMillis[watch][cause]));
            }
        }
        Map<Integer, Long> perBurst = new TreeMap<>(bursting.stream().collect(Collectors.groupingBy(
                watch -> (int) notifications.stream().filter(n -> watch.equals(n.watchId())).count(),
                Collectors.counting())));
        Map<String, Long> statuses = notifications.stream().collect(Collectors.groupingBy(
                n -> n.status() + "/" + n.severity() + " (" + n.detector() + ", " + n.metric() + ")",
                LinkedHashMap::new, Collectors.counting()));
        print("");
        print("LATENCY  %d notifications for %d bursts: p50 %,.0f ms, p95 %,.0f ms, p99 %,.0f ms, max %,.0f ms",
                latencies.size(), bursting.size(), percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), percentile(latencies, 100));
        print("  from the send of the mention that made it fire to the webhook POST arriving: the observed-th of "
                + "its watch's burst for %d (metric counts mentions), the latest sent before it arrived for %d",
                byObserved, byLatest);
        if (!detection.isEmpty()) {
            print("  of which detection (send -> raisedAt, the service's clock): p50 %,.0f ms, p95 %,.0f ms; the "
                    + "rest is alert-raised -> delivery record -> webhook", percentile(detection, 50),
                    percentile(detection, 95));
        }
        print("  notifications per burst: %s (count=bursts); by kind: %s",
                perBurst.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")), statuses);
        print("  other notifications meanwhile: %d; load average before the bursts %s, after %s", others, loadBefore,
                loadAverage());
        if (perBurst.containsKey(0)) {
            print("  %d bursts got no notification within %d s of the last send", perBurst.get(0),
                    options.notifyTimeout().toSeconds());
        }
    }

    /**
     * The first half of the path alone, from alert-raised: the send of the mention that made the alert fire to
     * {@code raisedAt} (the service's wall clock, the same machine's as the driver's). Counts every event, notified or
     * not, so it still gives figures when notifications are missing.
     */
    private static void reportDetection(List<SeenAlert> alerts, Map<String, Integer> indexOf, long[][] sentMillis) {
        List<Double> detection = new ArrayList<>();
        for (SeenAlert alert : alerts) {
            if (alert.raisedAt() == null) {
                continue;
            }
            long[] sent = sentMillis[indexOf.get(alert.watchId())];
            int cause = causeIndex(alert.metric(), alert.observed(), alert.raisedAt().toEpochMilli(), sent);
            if (cause >= 0) {
                detection.add((double) (alert.raisedAt().toEpochMilli() - sent[cause]));
            }
        }
        Map<String, Long> statuses = alerts.stream().collect(Collectors.groupingBy(SeenAlert::status,
                TreeMap::new, Collectors.counting()));
        print("DETECTION  %d events on %s for the bursts %s: send -> raisedAt p50 %,.0f ms, p95 %,.0f ms, "
                        + "p99 %,.0f ms, max %,.0f ms", detection.size(), Topics.ALERT_RAISED, statuses,
                percentile(detection, 50), percentile(detection, 95), percentile(detection, 99),
                percentile(detection, 100));
    }

    /**
     * The burst index of the mention that made an alert fire: the {@code observed}-th when the metric counts the
     * window's mentions (only the burst's are in its window), else the latest sent before {@code at}; -1 if none was
     * sent before. {@code at} and {@code sent} are on the same clock.
     */
    static int causeIndex(String metric, double observed, long at, long[] sent) {
        if (usesObserved(metric, observed, at, sent)) {
            return (int) observed - 1;
        }
        int latest = -1;
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] != 0 && sent[i] <= at) {
                latest = i;
            }
        }
        return latest;
    }

    static boolean usesObserved(String metric, double observed, long at, long[] sent) {
        if (!COUNT_METRICS.contains(metric) || Double.isNaN(observed) || observed != Math.rint(observed)
                || observed < 1 || observed > sent.length) {
            return false;
        }
        long sentAt = sent[(int) observed - 1];
        return sentAt != 0 && sentAt <= at;
    }

    /** Nearest-rank percentile; 100 is the maximum. NaN when there is no value. */
    static double percentile(List<Double> values, double percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** Bursts must fit in one window: a burst cut in two would count in two windows and fire later, or not. */
    private static void awaitRoomInWindow(Options options) throws InterruptedException {
        long window = options.window().toMillis();
        long now = System.currentTimeMillis();
        long windowEnd = (now / window + 1) * window;
        long needed = TimeUnit.SECONDS.toMillis(options.burstSeconds() + 20);
        if (windowEnd - now < needed) {
            long wait = windowEnd - now + 1_000;
            print("  waiting %d s for the next window, so that every burst lies in one window", wait / 1000);
            Thread.sleep(wait);
        }
    }

    /** An event on alert-raised, as far as the timing needs it. */
    record SeenAlert(String watchId, String status, String metric, double observed, Instant raisedAt) {
    }

    /** Every event on alert-raised about the given watches, read from the beginning of the topic. */
    private static List<SeenAlert> readAlerts(String bootstrap, Set<String> watches) {
        List<SeenAlert> alerts = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "vigie-bench-alert-reader"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERT_RAISED, Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode alert = json.readTree(record.value());
                    String watch = alert.path("watchId").asString(null);
                    if (watches.contains(watch)) {
                        String raisedAt = alert.path("raisedAt").asString(null);
                        alerts.add(new SeenAlert(watch, alert.path("status").asString("open"),
                                alert.path("metric").asString(null), alert.path("observed").asDouble(Double.NaN),
                                raisedAt == null ? null : Instant.parse(raisedAt)));
                    }
                }
            }
        }
        return alerts;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /**
     * Deletes what the run created on the broker besides mention-scored: the child's internal topics and consumer
     * groups. A stopped Kafka Streams member does not leave its group, so that group stays "not empty" until its
     * session times out (45 s): retried for a minute.
     */
    private static void cleanUp(Admin admin, AlertServiceProcess.Names names) {
        try {
            List<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(names.applicationId() + "-")).toList();
            admin.deleteTopics(internal).all().get(60, TimeUnit.SECONDS);
            List<String> groups = new ArrayList<>(List.of(names.applicationId(), names.notifyGroup(),
                    names.incidentGroup()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!groups.isEmpty()) {
                for (var deletion : admin.deleteConsumerGroups(groups).deletedGroups().entrySet()) {
                    try {
                        deletion.getValue().get(30, TimeUnit.SECONDS);
                        groups.remove(deletion.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                            throw e;
                        }
                    }
                }
                if (!groups.isEmpty()) {
                    Thread.sleep(2_000);
                }
            }
        } catch (Exception e) {
            print("could not delete the run's internal topics or groups (%s): delete the topics and groups named "
                    + "%s* by hand", e.getMessage(), names.applicationId());
        }
    }

    static Instant windowStart(Instant instant, Duration window) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), size) * size);
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic);
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions,
                                                     OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** 1, 5 and 15 minute load averages, from /proc/loadavg (else the JVM's 1 minute figure). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
