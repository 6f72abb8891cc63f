package io.vigie.alert.notify;

import io.vigie.contracts.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Notification channels, default routes and delivery settings ({@code vigie.alert.notify.*}).
 *
 * @param enabled          off: alerts are stored but nobody is told (no consumer, no workers)
 * @param topic            the alert topic read by the notification consumer
 * @param group            its consumer group: separate from the history's, so a slow channel never delays storage
 * @param index            OpenSearch index of the delivery records
 * @param uiBaseUrl        base URL of the Vigie UI; notifications link to {@code <ui-base-url>/#/alerts/<id>}
 * @param channels         named channel instances, e.g. {@code slack-comms}; the names routes refer to
 * @param defaultRoutes    routes of watches that have none; empty: every channel receives every alert at once
 * @param dailyDigestAt    local time (in each watch's time zone) of the daily digest
 * @param maxAlertAge      alerts raised longer ago are recorded as skipped, not sent (a new consumer group starts
 *                         from the oldest alert still in the topic: no flood of month-old alerts)
 * @param pollInterval     how often each channel worker looks for due deliveries when nothing woke it up
 * @param retryPause       how long a channel waits after a delivery exhausted its retries before trying it again
 * @param giveUpAfter      a delivery still failing this long after it was due is marked failed
 * @param lease            how long a worker owns a delivery it holds (created taken for it, or being sent) unless it
 *                         renews the lease, which it does every third of it ({@link #leaseRenewal()}); when the
 *                         process dies, another replica or the restarted service takes the delivery over after at
 *                         most this long. At least {@value #MIN_LEASE_SECONDS} s
 * @param watchCatchUp     how long the consumer waits at start-up for the watch list before routing with what it has
 * @param channelConcurrency messages of different incidents a channel sends at the same time (one incident's
 *                         messages always go one after the other, in order)
 * @param maxStoreAttempts how often the consumer tries to store the deliveries of an alert that OpenSearch refuses
 *                         (not unavailable: that is retried until it is back) before it records the alert as failed
 *                         and goes on
 * @param deliveryRetention how long a delivery record in a final state (sent, failed, skipped) is kept after its last
 *                         change; older ones are deleted once an hour. Pending and in-flight deliveries (digests and
 *                         quiet hours included) are never deleted. Must be longer than {@code max-alert-age}: an alert
 *                         re-read from Kafka after its record is gone is then recorded as skipped, never sent again
 */
@ConfigurationProperties("vigie.alert.notify")
public record NotifyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("alert-raised") String topic,
        @DefaultValue("vigie-alert-notify") String group,
        @DefaultValue("vigie-deliveries") String index,
        @DefaultValue("http://localhost:8080") URI uiBaseUrl,
        Map<String, Channel> channels,
        List<Route> defaultRoutes,
        @DefaultValue("08:00") LocalTime dailyDigestAt,
        @DefaultValue("24h") Duration maxAlertAge,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("30s") Duration retryPause,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("30s") Duration watchCatchUp,
        @DefaultValue("8") int channelConcurrency,
        @DefaultValue("5") int maxStoreAttempts,
        @DefaultValue("30d") Duration deliveryRetention) {

    public static final Set<String> TYPES = Set.of("slack", "teams", "email", "webhook");

    /**
     * A renewal (a third of the lease after the end of the previous one) must be able to fail once and the next one
     * still land before the lease ends: that leaves a third of the lease for the requests themselves, 1.6 s at 5 s,
     * about the slowest bulk write seen on a busy OpenSearch (ADR 0027). Shorter leases would run out while held.
     */
    static final int MIN_LEASE_SECONDS = 5;

    public NotifyProperties {
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        defaultRoutes = defaultRoutes == null ? List.of() : List.copyOf(defaultRoutes);
        if (channels.keySet().stream().anyMatch(name -> name.startsWith("~"))) {
            // "~warm-up" names the delivery store's warm-up probes, which no worker may send.
            throw new IllegalArgumentException("vigie.alert.notify.channels: a channel name cannot start with '~',"
                    + " was " + channels.keySet());
        }
        if (channelConcurrency < 1) {
            throw new IllegalArgumentException("vigie.alert.notify.channel-concurrency must be >= 1, was "
                    + channelConcurrency);
        }
        if (maxStoreAttempts < 1) {
            throw new IllegalArgumentException("vigie.alert.notify.max-store-attempts must be >= 1, was "
                    + maxStoreAttempts);
        }
        if (lease.compareTo(Duration.ofSeconds(MIN_LEASE_SECONDS)) < 0) {
            throw new IllegalArgumentException("vigie.alert.notify.lease must be at least " + MIN_LEASE_SECONDS
                    + "s, was " + lease + ": it is renewed every third of it, and a renewal is a request to OpenSearch"
                    + " that can take over a second; raise it (default 60s)");
        }
        if (deliveryRetention.compareTo(maxAlertAge) <= 0) {
            throw new IllegalArgumentException("vigie.alert.notify.delivery-retention (" + deliveryRetention
                    + ") must be longer than vigie.alert.notify.max-alert-age (" + maxAlertAge + "): an alert re-read"
                    + " from Kafka after its delivery records were deleted would be sent again; raise the retention");
        }
        for (Route route : defaultRoutes) {
            for (String channel : route.channels()) {
                if (!channels.containsKey(channel) && !channel.equals(LEGACY_WEBHOOK)) {
                    throw new IllegalArgumentException("vigie.alert.notify.default-routes names channel '" + channel
                            + "', which is not configured under vigie.alert.notify.channels (configured: "
                            + channels.keySet() + ")");
                }
            }
        }
    }

    /** How often a worker renews the leases of the deliveries it holds: a third of {@code lease} (ADR 0028). */
    public Duration leaseRenewal() {
        return lease.dividedBy(3);
    }

    /** Name of the channel the legacy {@code vigie.alert.webhook.url} setting becomes. */
    public static final String LEGACY_WEBHOOK = "webhook";

    /**
     * One channel instance. Secrets (URL, signing secret, SMTP password) come from the environment or from a mounted
     * file ({@code *-file}); they are never logged.
     *
     * @param type                  slack, teams, email or webhook
     * @param url                   incoming-webhook URL (slack, teams, webhook)
     * @param urlFile               file holding the URL instead
     * @param secret                HMAC-SHA256 signing secret (webhook)
     * @param secretFile            file holding the secret instead
     * @param allowPrivateAddresses let the URL point to loopback, link-local or private addresses (SSRF guard off)
     * @param maxAttempts           attempts per round before the delivery waits {@code retry-pause}
     * @param initialBackoff        wait before the second attempt, doubled (with ±50 % jitter) at each further one
     * @param maxBackoff            cap of that wait
     * @param timeout               connect and response timeout of one HTTP attempt, or SMTP timeout
     * @param breakerOpenFor        how long the circuit breaker stays open before a trial call
     * @param host                  SMTP host (email)
     * @param port                  SMTP port
     * @param username              SMTP user; empty for none
     * @param password              SMTP password
     * @param passwordFile          file holding the password instead
     * @param starttls              require STARTTLS
     * @param from                  sender address
     * @param recipients            default recipients when the route names none (email)
     */
    public record Channel(
            String type,
            URI url,
            Path urlFile,
            String secret,
            Path secretFile,
            @DefaultValue("false") boolean allowPrivateAddresses,
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("1m") Duration maxBackoff,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("1m") Duration breakerOpenFor,
            String host,
            @DefaultValue("587") int port,
            String username,
            String password,
            Path passwordFile,
            @DefaultValue("true") boolean starttls,
            String from,
            List<String> recipients) {

        public Channel {
            type = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("vigie.alert.notify.channels.*.type must be one of " + TYPES
                        + ", was '" + type + "'");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("vigie.alert.notify.channels.*.max-attempts must be >= 1");
            }
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
            if (url != null && url.toString().isBlank()) {
                url = null;
            }
        }

        /** The URL, from {@code url} or {@code url-file}; null when neither is set. */
        public URI resolvedUrl() {
            if (url != null) {
                return url;
            }
            String fromFile = read(urlFile);
            return fromFile == null || fromFile.isBlank() ? null : URI.create(fromFile.trim());
        }

        public String resolvedSecret() {
            return secret != null && !secret.isBlank() ? secret : blankToNull(read(secretFile));
        }

        public String resolvedPassword() {
            return password != null && !password.isEmpty() ? password : blankToNull(read(passwordFile));
        }

        private static String read(Path file) {
            if (file == null) {
                return null;
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                // The path is not a secret, its content is.
                throw new UncheckedIOException("cannot read secret file " + file + ": " + e.getMessage(), e);
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /**
     * A default route: alerts of at least {@code min-severity} go to {@code channels}.
     *
     * @param minSeverity lowest severity carried; null means low
     * @param channels    channel names
     * @param recipients  email recipients; empty for each email channel's defaults
     * @param digest      none (at once), hourly or daily
     */
    public record Route(Severity minSeverity, List<String> channels, List<String> recipients, String digest) {
        public Route {
            channels = channels == null ? List.of() : List.copyOf(channels);
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }
    }
}
