package dev.jobmojito.connector;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application: Camel routes from {@code routes/}; the parts wired by one small configuration
 * class per feature package ({@code intake}, {@code delivery}, {@code sync}, {@code results}, ...).
 */
@SpringBootApplication
public class ConnectorApplication {
}
