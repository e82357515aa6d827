package dev.jobmojito.connector.system;

import dev.jobmojito.connector.sync.SyncPolicy;
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
 * @param sync        what to do with postings that changed or left the ATS
 * @param ledger      where the sync ledger lives
 */
@ConfigurationProperties("connector")
public record ConnectorProperties(boolean once, Path inbox, Path results, Path mappings, Path routes, Path state,
                                  int concurrency, Retry retry, Sync sync, Ledger ledger) {

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

    /**
     * @param onChange a posting already sent has changed: update (in place), skip, or create (a new interview)
     * @param onClose  a posting left the ATS (a complete poll no longer holds it): keep, or archive its interview
     */
    public record Sync(SyncPolicy.OnChange onChange, SyncPolicy.OnClose onClose) {

        public SyncPolicy policy() {
            return new SyncPolicy(onChange, onClose);
        }
    }

    /**
     * @param url          a JDBC URL (PostgreSQL: {@code jdbc:postgresql://host/db}); empty: an embedded H2 file
     *                     database in {@code <state>/ledger}
     * @param username     the database user, when the URL needs one
     * @param password     the database password (prefer the file)
     * @param passwordFile a file holding the database password
     */
    public record Ledger(String url, String username, String password, Path passwordFile) {

        @Override
        public String toString() {
            return "Ledger[url=" + url + ", username=" + username + ", password=***, passwordFile=" + passwordFile + "]";
        }
    }
}
