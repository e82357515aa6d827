package dev.jobmojito.connector.system;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connector's own settings ({@code connector.*}, each fed by a {@code CONNECTOR_*} environment variable in
 * application.yaml; the README's configuration table lists them all).
 *
 * @param once        process what is waiting, print a summary and exit
 * @param inbox       the drop folder: a file in {@code <inbox>/<mapping>/} is mapped with that mapping
 * @param results     where result lines (JSON Lines) are written
 * @param mappings    the folder of mapping files
 * @param routes      the folder of Camel YAML routes
 * @param state       the connector's own state: ledger, dead letters
 * @param concurrency how many jobs of one file are handled at once
 * @param retry       retries of calls that failed in a way that may pass
 */
@ConfigurationProperties("connector")
public record ConnectorProperties(boolean once, Path inbox, Path results, Path mappings, Path routes, Path state,
                                  int concurrency, Retry retry) {

    public ConnectorProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("connector.concurrency (CONNECTOR_CONCURRENCY) must be at least 1");
        }
    }

    /**
     * @param maxAttempts  attempts of one call in all, the first included
     * @param initialDelay the wait before the first retry; doubled for each further one
     * @param maxDelay     the longest wait between two attempts
     */
    public record Retry(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    }
}
