package io.vigie.alert.detect;

import io.vigie.contracts.Sensitivity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the detectors and of the incident policy ({@code vigie.alert.detection.*}). The defaults are the ones
 * the NAB backtest was tuned with (alert-service README); a watch overrides the sensitivity in its own alerting.
 *
 * @param sensitivity         preset of every detector for watches that do not choose one
 * @param warmUpWindows       windows of history a watch needs before any detector but negative-surge may fire
 *                            (negative-surge keeps its own, {@code vigie.alert.negative-surge.warm-up-windows})
 * @param resolveAfterWindows an incident resolves once no detector fired for this many windows
 * @param reopenWithin        a deviation this soon after an incident resolved reopens it quietly instead of paging
 *                            again: one episode that pauses is still one incident
 * @param notifyUpdates       also emit {@code updated} (stored, not notified) when an open incident gets a newer
 *                            deviating window at the same severity
 * @param weeklyMinWeeks      weeks of history at the same local hour and weekday a baseline needs to use only them
 * @param dailyMinDays        days of history at the same local hour a baseline needs to use only them (else the
 *                            baseline is all hours: data without a rhythm, or a young watch)
 * @param defaultTimeZone     time zone of the daily and weekly rhythm of a watch that does not give one
 * @param spikeDeviations     robust standard deviations above the baseline that make a volume spike at medium
 * @param crisisTerms         crisis vocabulary, French and English, matched case- and accent-insensitively on words;
 *                            a watch adds its own terms
 * @param highReach           audience (followers or karma) that makes one negative mention worth an alert at medium,
 *                            provided it is also well above the negative mentions the watch usually gets
 */
@ConfigurationProperties("vigie.alert.detection")
public record DetectionProperties(
        @DefaultValue("medium") Sensitivity sensitivity,
        @DefaultValue("48") int warmUpWindows,
        @DefaultValue("12") int resolveAfterWindows,
        @DefaultValue("12h") Duration reopenWithin,
        @DefaultValue("false") boolean notifyUpdates,
        @DefaultValue("2") int weeklyMinWeeks,
        @DefaultValue("3") int dailyMinDays,
        @DefaultValue("UTC") ZoneId defaultTimeZone,
        @DefaultValue(DEFAULT_SPIKE_DEVIATIONS) double spikeDeviations,
        @DefaultValue(DEFAULT_CRISIS_TERMS) List<String> crisisTerms,
        @DefaultValue("300000") long highReach) {

    static final String DEFAULT_SPIKE_DEVIATIONS = "7";

    static final String DEFAULT_CRISIS_TERMS = "boycott,boycotter,scandale,scandal,rappel produit,rappel conso,"
            + "product recall,recall,arnaque,arnaqueur,escroquerie,scam,fraude,fraud,plainte,porter plainte,lawsuit,"
            + "sued,intoxication,intoxiqué,food poisoning,poisoning,data breach,fuite de données,piratage,hacked,"
            + "class action,action de groupe,action collective,mise en demeure,dangereux,dangerous,mensonge,"
            + "menteur,liar,panne géante,pénurie,toxique,toxic";

    public DetectionProperties {
        if (sensitivity == null) {
            sensitivity = Sensitivity.MEDIUM;
        }
        if (warmUpWindows < 1 || resolveAfterWindows < 1 || weeklyMinWeeks < 1 || dailyMinDays < 1
                || spikeDeviations <= 0 || highReach < 1) {
            throw new IllegalArgumentException("vigie.alert.detection: warm-up-windows, resolve-after-windows,"
                    + " weekly-min-weeks, daily-min-days and high-reach must be >= 1, spike-deviations > 0");
        }
        reopenWithin = reopenWithin == null || reopenWithin.isNegative() ? Duration.ZERO : reopenWithin;
        defaultTimeZone = defaultTimeZone == null ? ZoneId.of("UTC") : defaultTimeZone;
        crisisTerms = crisisTerms == null ? List.of() : List.copyOf(crisisTerms);
    }

    /** The defaults, for code that runs without Spring (the backtest, tests). */
    public static DetectionProperties defaults() {
        return new DetectionProperties(Sensitivity.MEDIUM, 48, 12, Duration.ofHours(12), false, 2, 3, ZoneId.of("UTC"),
                Double.parseDouble(DEFAULT_SPIKE_DEVIATIONS), Arrays.asList(DEFAULT_CRISIS_TERMS.split(",")), 300_000);
    }

    public DetectionProperties withSensitivity(Sensitivity newSensitivity) {
        return new DetectionProperties(newSensitivity, warmUpWindows, resolveAfterWindows, reopenWithin, notifyUpdates,
                weeklyMinWeeks, dailyMinDays, defaultTimeZone, spikeDeviations, crisisTerms, highReach);
    }
}
