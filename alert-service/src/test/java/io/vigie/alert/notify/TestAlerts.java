package io.vigie.alert.notify;

import io.vigie.contracts.AlertBreakdown;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.SentimentLabel;
import io.vigie.contracts.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts as alert-service's stream raises them, with hostile mention texts where a test needs them. */
public final class TestAlerts {

    public static final Instant WINDOW = Instant.parse("2025-03-30T00:00:00Z");

    private TestAlerts() {
    }

    public static AlertRaised alert(String watchId, String id, Severity severity, AlertStatus status) {
        return alert(watchId, id, severity, status, List.of(
                new AlertMention("m1", "https://www.reddit.com/r/france/comments/abc", "Nuvelia a encore fuité nos données",
                        "reddit", "fr", SentimentLabel.NEGATIVE, 1200L),
                new AlertMention("m2", "https://news.example.org/nuvelia", "Nuvelia breach: what we know", "rss", "en",
                        SentimentLabel.NEGATIVE, null)));
    }

    public static AlertRaised alert(String watchId, String id, Severity severity, AlertStatus status,
                                    List<AlertMention> mentions) {
        return new AlertRaised(AlertRaised.SCHEMA_VERSION, id, watchId, "negative-surge", severity, "negative_count",
                14, 2.5, WINDOW, WINDOW.plusSeconds(900), Instant.now(),
                "14 negative mentions in 15 min, usually 2.5", List.of("m1", "m2"), status,
                WINDOW.minusSeconds(900), 0.97, mentions,
                new AlertBreakdown(Map.of("reddit", 10L, "rss", 4L), Map.of("fr", 9L, "en", 5L)));
    }

    /** A mention whose title and URL try every injection a channel must neutralise. */
    public static AlertMention hostileMention() {
        return new AlertMention("evil", "javascript:alert(1)",
                "<!channel> <script>alert('x')</script> [click](https://evil.example) <https://evil.example|bank> & co",
                "reddit", "en", SentimentLabel.NEGATIVE, 5L);
    }
}
