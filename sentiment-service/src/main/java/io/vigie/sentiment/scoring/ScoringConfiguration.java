package io.vigie.sentiment.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.sentiment.config.SentimentProperties;
import io.vigie.sentiment.language.LanguageDetector;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Which language detector and sentiment model the service runs; swap them here when a learned model arrives. */
@Configuration(proxyBeanMethods = false)
public class ScoringConfiguration {

    @Bean
    LanguageDetector languageDetector() {
        return new StopwordLanguageDetector();
    }

    @Bean
    SentimentModel sentimentModel() {
        return LexiconSentimentModel.withBundledLexicons();
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
