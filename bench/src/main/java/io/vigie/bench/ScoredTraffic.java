package io.vigie.bench;

import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Scored mentions as sentiment-service writes them, for the alert load driver: ordinary history (a daily rhythm, 15 %
 * negative, every watch served in turn so that each window of a watch gets about the same share) and negative bursts.
 * Texts avoid the crisis vocabulary, so what fires on a burst is the negative surge (and the volume and sentiment
 * detectors), not one crisis word in the ordinary traffic. Seeded: two runs publish the same history.
 */
final class ScoredTraffic {

    static final String MODEL_VERSION = "vigie-lr-0.2";
    private static final List<String> SOURCES = List.of("reddit", "hackernews", "rss", "mastodon", "bluesky",
            "youtube");
    private static final List<String> NEUTRAL_FR = List.of(
            "J'ai vu passer la nouvelle gamme en magasin cette semaine.",
            "Quelqu'un a déjà essayé leur abonnement mensuel ?",
            "Le colis est arrivé mardi, emballage classique.",
            "Ils ouvrent une boutique près de la gare le mois prochain.",
            "Comparatif des offres du moment dans le fil ci-dessous.");
    private static final List<String> NEUTRAL_EN = List.of(
            "Saw the new range in the shop this week.",
            "Has anyone tried their monthly subscription yet?",
            "Parcel arrived on Tuesday, standard packaging.",
            "They are opening a store near the station next month.");
    private static final List<String> POSITIVE = List.of(
            "Très contente du service client, réponse en dix minutes.",
            "Produit impeccable, je recommande sans hésiter.",
            "Great support, they sorted my order within the hour.",
            "Really happy with the quality, will buy again.");
    private static final List<String> NEGATIVE = List.of(
            "Commande toujours pas livrée, personne ne répond au téléphone.",
            "Déçu : la deuxième machine tombe en panne en trois mois.",
            "Service client injoignable depuis ce matin, c'est pénible.",
            "Order still missing after two weeks and no reply from support.",
            "Worst update ever, the app keeps logging me out.");

    private final List<String> watches;
    private final Random random;

    ScoredTraffic(List<String> watches, long seed) {
        this.watches = List.copyOf(watches);
        this.random = new Random(seed);
    }

    /**
     * Hands {@code count} ordinary mentions to {@code sink} in publication order, over the {@code windows} windows of
     * {@code window} that end at {@code end}: each window gets a share that follows a daily rhythm (UTC; lowest at
     * 4:00, three times higher at 16:00), and the watches take turns.
     */
    void history(int count, Instant end, Duration window, int windows, Consumer<MentionScored> sink) {
        Instant start = end.minus(window.multipliedBy(windows));
        double[] cumulative = new double[windows + 1];
        for (int w = 0; w < windows; w++) {
            cumulative[w + 1] = cumulative[w] + rhythm(start.plus(window.multipliedBy(w)));
        }
        long sent = 0;
        int turn = 0;
        for (int w = 0; w < windows; w++) {
            long upTo = Math.round(count * cumulative[w + 1] / cumulative[windows]);
            Instant windowStart = start.plus(window.multipliedBy(w));
            for (; sent < upTo; sent++) {
                String watch = watches.get(turn++ % watches.size());
                Instant publishedAt = windowStart.plusMillis((long) (random.nextDouble() * window.toMillis()));
                sink.accept(mention("h" + sent, watch, ordinaryLabel(), publishedAt, publishedAt.plusSeconds(90)));
            }
        }
    }

    /** Relative volume of a window by its UTC hour: 0.35 at 4:00, 1 at 16:00. */
    static double rhythm(Instant windowStart) {
        double hour = (windowStart.getEpochSecond() % 86_400) / 3600.0;
        return 0.35 + 0.65 * (0.5 - 0.5 * Math.cos(2 * Math.PI * (hour - 4) / 24));
    }

    /** One negative mention of a burst, published and scored now. */
    MentionScored negative(String id, String watch, Instant now) {
        return mention(id, watch, SentimentLabel.NEGATIVE, now, now);
    }

    private SentimentLabel ordinaryLabel() {
        double draw = random.nextDouble();
        return draw < 0.15 ? SentimentLabel.NEGATIVE : draw < 0.40 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
    }

    private MentionScored mention(String nativeId, String watch, SentimentLabel label, Instant publishedAt,
                                  Instant scoredAt) {
        boolean french = random.nextInt(10) < 7;
        String source = SOURCES.get(random.nextInt(SOURCES.size()));
        String text = switch (label) {
            case NEGATIVE -> pick(NEGATIVE) + " " + pick(french ? NEUTRAL_FR : NEUTRAL_EN);
            case POSITIVE -> pick(POSITIVE) + " " + pick(french ? NEUTRAL_FR : NEUTRAL_EN);
            default -> pick(french ? NEUTRAL_FR : NEUTRAL_EN) + " " + pick(french ? NEUTRAL_FR : NEUTRAL_EN);
        };
        double score = switch (label) {
            case NEGATIVE -> -0.3 - 0.6 * random.nextDouble();
            case POSITIVE -> 0.3 + 0.6 * random.nextDouble();
            default -> -0.2 + 0.4 * random.nextDouble();
        };
        String handle = "user" + random.nextInt(100_000);
        String id = MentionId.of("bench", nativeId + "-" + watch);
        MentionIngested mention = new MentionIngested(MentionIngested.SCHEMA_VERSION, id, List.of(watch),
                new MentionSource(source, source + " (bench)"), "https://example.org/" + source + "/" + id,
                new Author(handle, "@" + handle, (long) random.nextInt(5_000), null),
                null, text, french ? "fr" : "en", publishedAt, scoredAt,
                new Engagement((long) random.nextInt(50), (long) random.nextInt(5), (long) random.nextInt(10), null),
                null, HexFormat.of().toHexDigits(random.nextLong()));
        return new MentionScored(MentionScored.SCHEMA_VERSION, mention, french ? "fr" : "en", 0.95,
                new Sentiment(label, score, 0.8, MODEL_VERSION), scoredAt);
    }

    private String pick(List<String> sentences) {
        return sentences.get(random.nextInt(sentences.size()));
    }
}
