package io.vigie.sentiment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Language detection, sentiment scoring, indexing into OpenSearch and the mention search API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SentimentApplication {

    public static void main(String[] args) {
        SpringApplication.run(SentimentApplication.class, args);
    }
}
