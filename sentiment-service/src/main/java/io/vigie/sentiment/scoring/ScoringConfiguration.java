package io.vigie.sentiment.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.sentiment.config.SentimentProperties;
import io.vigie.sentiment.language.LanguageDetector;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import io.vigie.sentiment.model.SentimentModels;
import io.vigie.sentiment.model.TrainCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Which language detector and sentiment model the service runs ({@code vigie.sentiment.model} picks the model). */
@Configuration(proxyBeanMethods = false)
public class ScoringConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScoringConfiguration.class);

    @Bean
    LanguageDetector languageDetector() {
        return new StopwordLanguageDetector();
    }

    /**
     * The trained model shipped in the jar ({@code models/<version>.bin.gz}); {@code lexicon-0.1} selects the rule
     * layer alone, which needs no artifact, and {@code vigie-lr-enc-0.2} the model that reads English with the sentence
     * encoder (slower: ADR 0015). Closed with the context (the encoder holds native memory).
     */
    @Bean
    SentimentModel sentimentModel(@Value("${vigie.sentiment.model:" + TrainCommand.DEFAULT_VERSION + "}") String version) {
        long start = System.nanoTime();
        SentimentModel model = SentimentModels.load(version);
        log.info("sentiment model {} loaded in {} ms", model.version(), (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    @Bean
    MentionScorer mentionScorer(LanguageDetector languageDetector, SentimentModel sentimentModel,
                                SentimentProperties properties, MeterRegistry meters) {
        Counter truncated = Counter.builder("vigie.sentiment.truncated")
                .description("mentions whose text was cut to vigie.sentiment.max-text-chars")
                .register(meters);
        return new MentionScorer(languageDetector, sentimentModel, properties.maxTextChars(), Clock.systemUTC(),
                mention -> truncated.increment());
    }
}
