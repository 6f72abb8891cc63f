package io.vigie.alert.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the alert-service ({@code vigie.alert.*}); defaults live in {@code application.yml}.
 *
 * @param window        the event-time windows mentions are counted in
 * @param history       how much window history each watch keeps for its baselines
 * @param negativeSurge the negative-surge detector
 * @param webhook       the webhook notification channel
 */
@ConfigurationProperties("vigie.alert")
public record AlertProperties(Window window, History history, NegativeSurge negativeSurge, Webhook webhook) {

    /**
     * @param size          length of a tumbling window
     * @param grace         how late (in event time) a mention may arrive and still count in its window
     * @param sampleMentions how many mention ids an alert carries as examples
     */
    public record Window(Duration size, Duration grace, int sampleMentions) {
        public Window {
            requirePositive("vigie.alert.window.size", size);
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("vigie.alert.window.grace must be zero or positive, e.g. 10m");
            }
            if (sampleMentions < 0) {
                throw new IllegalArgumentException("vigie.alert.window.sample-mentions must be zero or positive");
            }
        }
    }

    /**
     * @param retention how far back the baseline looks, e.g. 14 days
     */
    public record History(Duration retention) {
        public History {
            requirePositive("vigie.alert.history.retention", retention);
        }
    }

    /**
     * @param warmUpWindows    windows of history needed before the detector may fire
     * @param minNegativeCount negative mentions a window needs at least, whatever the baseline
     * @param minNegativeShare share of negative mentions (among scored ones) a window needs at least
     * @param deviations       how many robust standard deviations above the median baseline is a surge
     */
    public record NegativeSurge(int warmUpWindows, int minNegativeCount, double minNegativeShare, double deviations) {
        public NegativeSurge {
            if (warmUpWindows < 1 || minNegativeCount < 1 || deviations <= 0
                    || minNegativeShare < 0 || minNegativeShare > 1) {
                throw new IllegalArgumentException("vigie.alert.negative-surge: warm-up-windows and min-negative-count"
                        + " must be >= 1, deviations > 0, min-negative-share in [0, 1]");
            }
        }
    }

    /**
     * @param url                   where alerts are POSTed as JSON; empty disables the channel
     * @param allowPrivateAddresses let the URL point to loopback, link-local or private addresses (off: SSRF guard)
     * @param maxAttempts           attempts per alert before giving up
     * @param initialBackoff        wait before the second attempt, doubled at each further one
     * @param timeout               connect and response timeout of one attempt
     */
    public record Webhook(URI url, boolean allowPrivateAddresses, int maxAttempts, Duration initialBackoff,
                          Duration timeout) {
        public Webhook {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("vigie.alert.webhook.max-attempts must be >= 1");
            }
            requirePositive("vigie.alert.webhook.initial-backoff", initialBackoff);
            requirePositive("vigie.alert.webhook.timeout", timeout);
            if (url != null && url.toString().isBlank()) {
                url = null;
            }
        }

        public boolean enabled() {
            return url != null;
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, e.g. 15m");
        }
    }
}
