package dev.jobmojito.connector;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application: Camel routes from {@code routes/}, the parts wired in ConnectorConfiguration. */
@SpringBootApplication
public class ConnectorApplication {
}
