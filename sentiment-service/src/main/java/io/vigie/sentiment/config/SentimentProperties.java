package io.vigie.sentiment.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxTextChars texts longer than this are cut before scoring and indexing (and the cut is logged and counted)
 */
@ConfigurationProperties("vigie.sentiment")
public record SentimentProperties(@DefaultValue("20000") int maxTextChars) {
}
