package io.vigie.alert.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertPropertiesTests {

    @Test
    void theShippedDefaultsBindWithTheWebhookDisabled() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"));
        yaml.forEach(environment.getPropertySources()::addLast);
        // The defaults, not whatever VIGIE_* variables the machine running the test has.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

        AlertProperties properties = new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment))
                .bindOrCreate("vigie.alert", AlertProperties.class);

        assertThat(properties.window().size()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.history().retention()).isEqualTo(Duration.ofDays(14));
        assertThat(properties.webhook().enabled()).isFalse();
    }

    @Test
    void aNonsenseWindowIsRefusedWithThePropertyName() {
        var source = new MapConfigurationPropertySource(Map.of("vigie.alert.window.size", "0s",
                "vigie.alert.window.grace", "10m"));

        assertThatThrownBy(() -> new Binder(source).bind("vigie.alert.window", AlertProperties.Window.class))
                .rootCause().hasMessageContaining("vigie.alert.window.size");
    }
}
