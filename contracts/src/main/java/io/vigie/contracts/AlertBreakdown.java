package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * How the mentions of an alert's window split, so the team sees at a glance where it happens.
 *
 * @param bySource   mentions per source type
 * @param byLanguage mentions per language code ({@code und} when unknown)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertBreakdown(Map<String, Long> bySource, Map<String, Long> byLanguage) {

    public AlertBreakdown {
        bySource = bySource == null ? Map.of() : Map.copyOf(bySource);
        byLanguage = byLanguage == null ? Map.of() : Map.copyOf(byLanguage);
    }
}
