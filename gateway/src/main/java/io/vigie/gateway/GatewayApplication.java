package io.vigie.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Vigie's single entry point: routes {@code /api/**} to the services and serves the web UI.
 * The route table is configuration ({@code application.yml}), not code.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
