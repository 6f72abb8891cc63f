package io.vigie.alert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Watches the scored mentions of every watch and raises an alert when they deviate from their baseline. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlertApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlertApplication.class, args);
    }
}
