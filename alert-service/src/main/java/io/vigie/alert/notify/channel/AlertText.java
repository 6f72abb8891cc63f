package io.vigie.alert.notify.channel;

import io.vigie.contracts.AlertBreakdown;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Wording shared by every channel, before each channel escapes it its own way. */
public final class AlertText {

    /** How many top mentions a notification lists. */
    public static final int TOP_MENTIONS = 5;

    /** Shown at the top of a message sent again when an earlier attempt may have arrived (ADR 0032). */
    public static final String POSSIBLE_REPEAT = "Possible repeat: Vigie could not confirm that an earlier attempt of"
            + " this message arrived (no answer came back, or the service restarted while sending). If you already"
            + " have it, ignore this one.";

    private AlertText() {
    }

    public static String severity(Severity severity) {
        return severity == null ? "Unknown" : switch (severity) {
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
        };
    }

    public static String status(AlertRaised alert) {
        return switch (alert.effectiveStatus()) {
            case OPEN -> "Open";
            case ESCALATED -> "Escalated";
            case UPDATED -> "Updated";
            case RESOLVED -> "Resolved";
        };
    }

    /** e.g. {@code High alert: Nuvelia} or {@code Resolved: Nuvelia}. */
    public static String title(AlertRaised alert, String watchName) {
        String name = plain(watchName);
        return switch (alert.effectiveStatus()) {
            case RESOLVED -> "Resolved: " + name;
            case ESCALATED -> "Escalated to " + severity(alert.severity()).toLowerCase(Locale.ROOT) + ": " + name;
            default -> severity(alert.severity()) + " alert: " + name;
        };
    }

    public static String digestTitle(Notification notification) {
        int count = notification.alerts().size();
        return "Vigie digest: " + count + (count == 1 ? " alert" : " alerts") + " for " + plain(notification.watchName());
    }

    public static boolean resolved(AlertRaised alert) {
        return alert.effectiveStatus() == AlertStatus.RESOLVED;
    }

    /** e.g. {@code 14 (expected 2.1)}. */
    public static String observedVsExpected(AlertRaised alert) {
        return number(alert.observed()) + " " + alert.metric() + " (expected " + number(alert.expected()) + ")";
    }

    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Since when the episode runs: its first window, else this window. */
    public static String since(AlertRaised alert) {
        return String.valueOf(alert.episodeStart() != null ? alert.episodeStart() : alert.windowStart());
    }

    /** The incident in the UI: {@code <ui-base-url>/#/alerts/<id>}, the id URL-encoded. */
    public static String incidentUrl(URI uiBaseUrl, AlertRaised alert) {
        String base = uiBaseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/#/alerts/" + URLEncoder.encode(alert.id(), StandardCharsets.UTF_8);
    }

    /** e.g. {@code reddit 12, rss 3}, largest first; empty when unknown. */
    public static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    /** e.g. {@code By source: reddit 12, rss 3 · By language: fr 10, en 5}; empty when there is no breakdown. */
    public static String breakdown(AlertBreakdown breakdown) {
        if (breakdown == null) {
            return "";
        }
        String sources = counts(breakdown.bySource());
        String languages = counts(breakdown.byLanguage());
        StringBuilder text = new StringBuilder();
        if (!sources.isEmpty()) {
            text.append("By source: ").append(sources);
        }
        if (!languages.isEmpty()) {
            text.append(text.isEmpty() ? "" : " · ").append("By language: ").append(languages);
        }
        return text.toString();
    }

    /** The mention's title, else its id; control characters and line breaks removed, at most 200 characters. */
    public static String mentionTitle(io.vigie.contracts.AlertMention mention) {
        String title = mention.title() == null || mention.title().isBlank() ? mention.id() : mention.title();
        return truncate(plain(title), 200);
    }

    /** A link target only when it is an absolute http(s) URL: anything else (javascript:, data:) is not linked. */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toASCIIString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Untrusted text on one line: control characters (and so line breaks, header injection) become spaces. */
    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    public static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
