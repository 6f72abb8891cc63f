package io.vigie.alert.stream;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.CrisisVocabulary;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.Detectors;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.window.MentionTimestampExtractor;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
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
    AlertTopology alertTopology(AlertProperties properties, AlertEngine engine, CrisisVocabulary crisisVocabulary,
                                WatchProfiles watchProfiles) {
        return new AlertTopology(properties, engine, crisisVocabulary, watchProfiles);
    }

    @Bean
    AlertEngine alertEngine(AlertProperties properties, DetectionProperties detection) {
        return new AlertEngine(Detectors.all(properties.negativeSurge(), detection), detection, Clock.systemUTC());
    }

    @Bean
    CrisisVocabulary crisisVocabulary(DetectionProperties detection) {
        return new CrisisVocabulary(detection.crisisTerms());
    }

    /** Watches' zones and sensitivities; the defaults until the stream reads watch definitions. */
    @Bean
    WatchProfiles watchProfiles(DetectionProperties detection) {
        return new WatchProfiles(detection.defaultTimeZone());
    }
}
