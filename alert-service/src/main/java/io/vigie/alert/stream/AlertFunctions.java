package io.vigie.alert.stream;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.CrisisVocabulary;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.Detectors;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.watch.SourceHeartbeats;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.alert.window.WindowResolutions;
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

    /** How far behind the stream threads read: written by the timestamp extractor, read by the live commits. */
    @Bean
    ReadingLag readingLag() {
        return new ReadingLag();
    }

    /** The reading lag as gauges on {@code /actuator/prometheus}. */
    @Bean
    ReadingLagMetrics readingLagMetrics(ReadingLag readingLag, WindowResolutions resolutions) {
        return new ReadingLagMetrics(readingLag, resolutions.liveCommitMaxLag(), System::currentTimeMillis);
    }

    /** Named in {@code raiseAlert-in-0.consumer.timestamp-extractor-bean-name}: windows run on publication time. */
    @Bean
    MentionTimestampExtractor mentionTimestampExtractor(ReadingLag readingLag) {
        return new MentionTimestampExtractor(readingLag);
    }

    @Bean
    AlertTopology alertTopology(AlertProperties properties, WindowResolutions resolutions, AlertEngine engine,
                                CrisisVocabulary crisisVocabulary, WatchProfiles watchProfiles, WatchDirectory watches,
                                SourceHeartbeats sources, ReadingLag readingLag) {
        return new AlertTopology(properties, resolutions, engine, crisisVocabulary, watchProfiles, watches, sources,
                readingLag);
    }

    @Bean
    AlertEngine alertEngine(AlertProperties properties, DetectionProperties detection) {
        return new AlertEngine(Detectors.all(properties.negativeSurge(), detection), detection, Clock.systemUTC());
    }

    @Bean
    CrisisVocabulary crisisVocabulary(DetectionProperties detection) {
        return new CrisisVocabulary(detection.crisisTerms());
    }

    /**
     * Watches' zones, sensitivities and crisis terms, kept up to date from {@code watch-changed} as the directory
     * reads it: a watch created or changed at runtime is judged by its own settings from its next evaluation on.
     */
    @Bean
    WatchProfiles watchProfiles(DetectionProperties detection, WatchDirectory watches) {
        return follow(new WatchProfiles(detection.defaultTimeZone()), watches);
    }

    static WatchProfiles follow(WatchProfiles profiles, WatchDirectory watches) {
        watches.subscribe((id, watch) -> {
            if (watch == null) {
                profiles.remove(id);
            } else if (id.equals(watch.id())) {
                profiles.update(watch);
            }
        });
        return profiles;
    }
}
