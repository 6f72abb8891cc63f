package io.vigie.bench;

import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Rating;
import io.vigie.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publish throughput to a local Kafka (issue 3's target: 20,000 mentions/s): sends N {@code MentionIngested} built
 * from the demo dataset with ingest's producer settings (idempotent, acks=all, linger 5 ms, String keys = mention id,
 * JSON values written by Jackson 3 inside the producer, as ingest's serializer does), waits for every acknowledgement
 * and prints mentions/s. Not JMH: what is measured is a client and a broker, with their batching.
 *
 * <p>It writes to its own topic ({@code bench-mention-ingested}, created with mention-ingested's partitions and deleted
 * afterwards) so that running services do not consume the load. Loopback brokers only: this is a local measure.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.vigie.bench.PublishLoadDriver --bootstrap 127.0.0.1:9092 --count 200000
 * </pre>
 */
public final class PublishLoadDriver {

    static final String DEFAULT_TOPIC = "bench-mention-ingested";
    static final int MAX_COUNT = 10_000_000;
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(20);
    private static final int WARM_UP_ATTEMPTS = 4;

    private PublishLoadDriver() {
    }

    /** The command line: every option has a default, so none is required. */
    record Options(String bootstrap, int count, int warmup, String topic, boolean keepTopic, String corpus) {

        static Options parse(String... args) {
            String bootstrap = "127.0.0.1:9092";
            int count = 100_000;
            int warmup = 10_000;
            String topic = DEFAULT_TOPIC;
            boolean keepTopic = false;
            String corpus = RepositoryFiles.DEMO_DATASET;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--keep-topic")) {
                    keepTopic = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value" + USAGE);
                }
                String value = args[++i];
                switch (option) {
                    case "--bootstrap" -> bootstrap = value;
                    case "--count" -> count = number(option, value, 1);
                    case "--warmup" -> warmup = number(option, value, 0);
                    case "--topic" -> topic = value;
                    case "--corpus" -> corpus = value;
                    default -> throw new IllegalArgumentException("unknown option " + option + USAGE);
                }
            }
            if (topic.equals(Topics.MENTION_INGESTED)) {
                throw new IllegalArgumentException("refusing to load " + Topics.MENTION_INGESTED + ": running services "
                        + "would score and index the bench mentions; use another --topic");
            }
            for (String server : bootstrap.split(",")) {
                requireLoopback(server.strip());
            }
            return new Options(bootstrap, count, warmup, topic, keepTopic, corpus);
        }

        private static int number(String option, String value, int min) {
            try {
                int number = Integer.parseInt(value.replace("_", ""));
                if (number < min || number > MAX_COUNT) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + MAX_COUNT
                            + ", was " + value);
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
            }
        }

        private static void requireLoopback(String server) {
            int colon = server.lastIndexOf(':');
            String host = colon > 0 ? server.substring(0, colon) : server;
            try {
                if (!InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress()) {
                    throw new IllegalArgumentException("--bootstrap " + server + " is not a loopback address: this "
                            + "driver only loads a local broker (e.g. 127.0.0.1:9092)");
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--bootstrap " + server + ": unknown host " + host);
            }
        }

        private static final String USAGE = "\nusage: PublishLoadDriver [--bootstrap 127.0.0.1:9092] [--count 100000] "
                + "[--warmup 10000] [--topic " + DEFAULT_TOPIC + "] [--keep-topic] [--corpus " + RepositoryFiles.DEMO_DATASET + "]";
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
        Result result = run(options);
        System.out.printf("published %,d mentions to %s at %s in %.2f s: %,.0f mentions/s (every one acknowledged, "
                + "acks=all, idempotent)%n", result.count(), options.topic(), options.bootstrap(), result.seconds(),
                result.perSecond());
    }

    /** What a run measured: every one of {@code count} mentions was acknowledged within {@code seconds}. */
    record Result(int count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    /** Creates the topic, publishes the warm-up then the timed mentions, and deletes the topic unless kept. */
    static Result run(Options options) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<MentionIngested> templates = demoMentions(options.corpus());
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin topics = Admin.create(admin)) {
            createTopic(topics, options.topic());
            try (KafkaProducer<String, MentionIngested> producer = warmedUp(options, templates)) {
                long start = System.nanoTime();
                publish(producer, options.topic(), templates, "run", options.count());
                return new Result(options.count(), (System.nanoTime() - start) / 1e9);
            } finally {
                if (!options.keepTopic()) {
                    topics.deleteTopics(List.of(options.topic())).all().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * One record to every partition, then the warm-up mentions, with a producer of its own and short timeouts, until
     * every partition has acknowledged: on a busy machine the first send to a partition of a topic just created
     * sometimes stalled until the delivery timeout (120 s; CI twice) although the partition had a leader. A new
     * producer gets past it. The producer that got through is the one timed: it has written to every partition.
     */
    private static KafkaProducer<String, MentionIngested> warmedUp(Options options, List<MentionIngested> templates)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (int attempt = 1; ; attempt++) {
            Properties shortTimeouts = new Properties();
            shortTimeouts.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WARM_UP_TIMEOUT.toMillis() / 2);
            shortTimeouts.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WARM_UP_TIMEOUT.toMillis());
            KafkaProducer<String, MentionIngested> producer = producer(options.bootstrap(), shortTimeouts);
            try {
                List<Future<RecordMetadata>> probes = new ArrayList<>();
                for (int partition = 0; partition < producer.partitionsFor(options.topic()).size(); partition++) {
                    MentionIngested probe = copy(templates.get(partition % templates.size()), "probe-" + attempt
                            + "-" + partition, Instant.now());
                    probes.add(producer.send(new ProducerRecord<>(options.topic(), partition, probe.id(), probe)));
                }
                for (Future<RecordMetadata> probe : probes) {
                    probe.get(WARM_UP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
                }
                if (options.warmup() > 0) {
                    publish(producer, options.topic(), templates, "warmup", options.warmup());
                }
                return producer;
            } catch (ExecutionException | TimeoutException e) {
                producer.close(Duration.ZERO);
                if (attempt == WARM_UP_ATTEMPTS) {
                    throw e;
                }
                System.out.printf("warm-up attempt %d on %s failed (%s); again with a new producer%n", attempt,
                        options.topic(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }
    }

    /** Ingest's producer, as configured in its application.yml and PublishingConfiguration, with these overrides. */
    private static KafkaProducer<String, MentionIngested> producer(String bootstrap, Properties overrides) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-bench-publish");
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), jsonValues());
    }

    /** Jackson 3 with its defaults, like Boot's mapper in ingest: ISO-8601 times, no type headers. */
    static Serializer<MentionIngested> jsonValues() {
        JsonMapper json = JsonMapper.builder().build();
        return (topic, mention) -> json.writeValueAsBytes(mention);
    }

    private static void publish(KafkaProducer<String, MentionIngested> producer, String topic,
                                List<MentionIngested> templates, String run, int count)
            throws InterruptedException, ExecutionException, TimeoutException {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Instant publishedAt = Instant.now();
        for (int i = 0; i < count && failure.get() == null; i++) {
            MentionIngested mention = copy(templates.get(i % templates.size()), run + "-" + i, publishedAt);
            producer.send(new ProducerRecord<>(topic, mention.id(), mention), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    acknowledged.incrementAndGet();
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new ExecutionException("publishing to " + topic + " failed after " + acknowledged.get()
                    + " acknowledged mentions", failure.get());
        }
        if (acknowledged.get() != count) {
            throw new TimeoutException(acknowledged.get() + " of " + count + " mentions acknowledged");
        }
    }

    private static MentionIngested copy(MentionIngested template, String suffix, Instant publishedAt) {
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of("bench", template.id() + "-" + suffix),
                template.watchIds(), template.source(), template.url(), template.author(), template.title(),
                template.text(), template.language(), publishedAt, Instant.now(), template.engagement(),
                template.rating());
    }

    private static void createTopic(Admin admin, String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        NewTopic newTopic = new NewTopic(topic, Topics.MENTION_INGESTED_SPEC.partitions(), (short) 1)
                .configs(Map.of("retention.ms", String.valueOf(Duration.ofHours(1).toMillis())));
        try {
            admin.createTopics(List.of(newTopic)).all().get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        awaitLeaders(admin, topic, newTopic.numPartitions());
    }

    /**
     * A topic just created may not have a leader for every partition yet; a producer that starts then can stall on
     * that partition until its delivery timeout. Timing starts only once each partition has a leader.
     */
    private static void awaitLeaders(Admin admin, String topic, int partitions) throws InterruptedException,
            ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + topic + " has no leader for every partition after " + ACK_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** The demo dataset's lines as the mentions ingest would publish (same fields as its demo replay). */
    static List<MentionIngested> demoMentions(String corpus) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<MentionIngested> mentions = new ArrayList<>();
        for (String line : Files.readAllLines(RepositoryFiles.resolve(corpus))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            JsonNode author = row.path("author");
            JsonNode engagement = row.path("engagement");
            JsonNode rating = row.path("rating");
            mentions.add(new MentionIngested(MentionIngested.SCHEMA_VERSION, row.get("nativeId").asString(),
                    List.of("nuvelia"), new MentionSource("demo", row.get("sourceName").asString()),
                    row.get("url").asString(),
                    new Author(text(author, "name"), text(author, "handle"), number(author, "followers"), null),
                    text(row, "title"), row.get("text").asString(), row.get("lang").asString(), Instant.EPOCH,
                    Instant.EPOCH,
                    new Engagement(number(engagement, "likes"), number(engagement, "shares"),
                            number(engagement, "comments"), number(engagement, "views")),
                    rating.isObject() ? new Rating(rating.get("value").asDouble(), rating.get("max").asDouble()) : null));
        }
        if (mentions.isEmpty()) {
            throw new IllegalStateException("corpus " + corpus + " has no mentions");
        }
        return mentions;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }
}
