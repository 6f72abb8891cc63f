package io.vigie.alert.stream;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.Detector;
import io.vigie.alert.detect.NegativeSurgeDetector;
import io.vigie.alert.window.MentionTimestampExtractor;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** The Kafka Streams function of the service; the work is done by {@link AlertTopology} and {@link AlertEngine}. */
@Configuration(proxyBeanMethods = false)
class AlertFunctions {

    @Bean
    Function<KStream<String, MentionScored>, KStream<String, AlertRaised>> raiseAlert(AlertTopology topology) {
        return topology::raiseAlerts;
    }

    /** Named in {@code raiseAlert-in-0.consumer.timestamp-extractor-bean-name}: windows run on publication time. */
    @Bean
    MentionTimestampExtractor mentionTimestampExtractor() {
        return new MentionTimestampExtractor();
    }

    @Bean
    AlertTopology alertTopology(AlertProperties properties, AlertEngine engine) {
        return new AlertTopology(properties, engine);
    }

    @Bean
    AlertEngine alertEngine(List<Detector> detectors, AlertProperties properties) {
        return new AlertEngine(detectors, properties.history().cooldown(), Clock.systemUTC());
    }

    @Bean
    NegativeSurgeDetector negativeSurgeDetector(AlertProperties properties) {
        return new NegativeSurgeDetector(properties.negativeSurge());
    }
}
