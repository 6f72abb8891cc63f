package io.vigie.sentiment.scoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.sentiment.config.SentimentProperties;
import io.vigie.sentiment.model.EncoderSentimentModel;
import io.vigie.sentiment.model.TrainCommand;
import io.vigie.sentiment.model.TrainedSentimentModel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vigie.sentiment.model} picks the model the service scores with at start-up. */
class ScoringConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ScoringConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(SentimentProperties.class, () -> new SentimentProperties(20_000));

    @Test
    void withoutTheSettingTheFastModelWithoutEncoderScores() {
        context.run(started -> {
            assertThat(started.getBean(SentimentModel.class)).isInstanceOf(TrainedSentimentModel.class);
            assertThat(started.getBean(SentimentModel.class).score("Great support, thanks!", "en").modelVersion())
                    .isEqualTo(TrainCommand.DEFAULT_VERSION);
        });
    }

    @Test
    void theEncoderModelIsSelectedByConfiguration() {
        context.withPropertyValues("vigie.sentiment.model=" + TrainCommand.ENCODER_VERSION).run(started -> {
            SentimentModel model = started.getBean(SentimentModel.class);
            assertThat(model).isInstanceOf(EncoderSentimentModel.class);
            assertThat(model.score("Great support, thanks!", "en").modelVersion()).isEqualTo(TrainCommand.ENCODER_VERSION);
            assertThat(model.score("Super service, merci !", "fr").modelVersion()).isEqualTo(TrainCommand.DEFAULT_VERSION);
        });
    }

    @Test
    void theRuleLayerAloneStaysSelectable() {
        context.withPropertyValues("vigie.sentiment.model=" + LexiconSentimentModel.VERSION).run(started ->
                assertThat(started.getBean(SentimentModel.class).version()).isEqualTo(LexiconSentimentModel.VERSION));
    }
}
