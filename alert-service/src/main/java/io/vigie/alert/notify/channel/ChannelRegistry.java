package io.vigie.alert.notify.channel;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.notify.NotifyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The configured channels, built and checked at start-up: the application refuses to start with a channel whose URL
 * is missing or unsafe, rather than fail on the first alert. The legacy single webhook
 * ({@code vigie.alert.webhook.url}) becomes the channel named {@value NotifyProperties#LEGACY_WEBHOOK}, unsigned.
 */
@Component
public class ChannelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ChannelRegistry.class);

    private final Map<String, ResilientChannel> channels = new LinkedHashMap<>();

    public ChannelRegistry(NotifyProperties properties, AlertProperties alertProperties, JsonMapper json) {
        properties.channels().forEach((name, settings) -> channels.put(name, build(name, settings, properties, json)));
        AlertProperties.Webhook legacy = alertProperties.webhook();
        if (legacy != null && legacy.enabled() && !channels.containsKey(NotifyProperties.LEGACY_WEBHOOK)) {
            HttpPoster poster = poster(NotifyProperties.LEGACY_WEBHOOK, legacy.url(), legacy.allowPrivateAddresses(),
                    legacy.timeout());
            channels.put(NotifyProperties.LEGACY_WEBHOOK, new ResilientChannel(
                    new WebhookChannel(NotifyProperties.LEGACY_WEBHOOK, poster, null, json, Clock.systemUTC()),
                    legacy.maxAttempts(), legacy.initialBackoff(), legacy.initialBackoff().multipliedBy(32),
                    Duration.ofMinutes(1)));
            log.info("Notification channel '{}' (webhook, from vigie.alert.webhook.url) to host {}, unsigned",
                    NotifyProperties.LEGACY_WEBHOOK, poster.host());
        }
        if (channels.isEmpty()) {
            log.info("No notification channel configured: alerts are stored, nobody is told. Configure"
                    + " vigie.alert.notify.channels.<name> (slack, teams, email or webhook)");
        }
    }

    public Optional<ResilientChannel> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    public Collection<ResilientChannel> all() {
        return channels.values();
    }

    public Set<String> names() {
        return channels.keySet();
    }

    private static ResilientChannel build(String name, NotifyProperties.Channel settings, NotifyProperties properties,
                                          JsonMapper json) {
        NotificationChannel channel = switch (settings.type()) {
            case "slack" -> ChatWebhookChannel.slack(name, httpPoster(name, settings), properties.uiBaseUrl(), json);
            case "teams" -> ChatWebhookChannel.teams(name, httpPoster(name, settings), properties.uiBaseUrl(), json);
            case "webhook" -> {
                String secret = settings.resolvedSecret();
                if (secret == null) {
                    log.warn("Notification channel '{}' has no secret: its requests are not signed. Set"
                            + " vigie.alert.notify.channels.{}.secret (or secret-file)", name, name);
                }
                yield new WebhookChannel(name, httpPoster(name, settings), secret, json, Clock.systemUTC());
            }
            case "email" -> email(name, settings, properties.uiBaseUrl());
            default -> throw new IllegalStateException("unknown channel type " + settings.type());
        };
        log.info("Notification channel '{}' ({}) ready", name, settings.type());
        return new ResilientChannel(channel, settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff(),
                settings.breakerOpenFor());
    }

    private static HttpPoster httpPoster(String name, NotifyProperties.Channel settings) {
        URI url = settings.resolvedUrl();
        if (url == null) {
            throw new IllegalStateException("notification channel '" + name + "' (" + settings.type() + ") has no URL:"
                    + " set vigie.alert.notify.channels." + name + ".url (from an environment variable) or url-file");
        }
        return poster(name, url, settings.allowPrivateAddresses(), settings.timeout());
    }

    private static HttpPoster poster(String name, URI url, boolean allowPrivate, Duration timeout) {
        return new HttpPoster(name, url, allowPrivate, timeout);
    }

    private static EmailChannel email(String name, NotifyProperties.Channel settings, URI uiBaseUrl) {
        if (settings.host() == null || settings.host().isBlank()) {
            throw new IllegalStateException("notification channel '" + name + "' (email) has no SMTP host: set"
                    + " vigie.alert.notify.channels." + name + ".host");
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setDefaultEncoding("UTF-8");
        Properties smtp = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        smtp.put("mail.smtp.connectiontimeout", timeout);
        smtp.put("mail.smtp.timeout", timeout);
        smtp.put("mail.smtp.writetimeout", timeout);
        smtp.put("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        smtp.put("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
        if (settings.username() != null && !settings.username().isBlank()) {
            sender.setUsername(settings.username());
            sender.setPassword(settings.resolvedPassword());
            smtp.put("mail.smtp.auth", "true");
        }
        sender.setJavaMailProperties(smtp);
        return new EmailChannel(name, sender, settings.from(), settings.recipients(), uiBaseUrl);
    }
}
