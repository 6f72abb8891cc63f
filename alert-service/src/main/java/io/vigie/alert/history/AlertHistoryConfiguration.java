package io.vigie.alert.history;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class AlertHistoryConfiguration {

    /**
     * Storing an alert fails only when OpenSearch is unreachable: retry the same record until it comes back
     * (1 s doubling up to 1 min) rather than skip it, which would lose the alert from the history.
     */
    @Bean
    DefaultErrorHandler alertHistoryErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofSeconds(1).toMillis(), 2);
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
