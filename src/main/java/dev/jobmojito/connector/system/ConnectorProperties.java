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
 * @param concurrency how many calls to JobMojito are in flight at once (and jobs of one batch handled at once)
 * @param rateLimit   most calls to JobMojito started per second, across every route; 0 for no limit
 * @param retry       retries of calls that failed in a way that may pass
 * @param sync        what to do with postings that changed or left the ATS
 * @param ledger      where the sync ledger lives
 * @param webhook     the signed results webhook
 * @param fileSettleTime how long a dropped file must stay unchanged before it is read
 * @param input       limits on the inputs read
 * @param resultSinks further endpoints every result goes to (comma-separated Camel endpoint URIs), besides the
 *                    results file and the webhook
 */
@ConfigurationProperties("connector")
public record ConnectorProperties(boolean once, Path inbox, Path results, Path mappings, Path routes, Path state,
                                  int concurrency, double rateLimit, Retry retry, Sync sync, Ledger ledger,
                                  Webhook webhook, Duration fileSettleTime, Input input,
                                  String resultSinks) {

    public ConnectorProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("connector.concurrency (CONNECTOR_CONCURRENCY) must be at least 1");
        }
    }

    /**
     * Limits on what one input may hold before it is refused with a reason ({@code InputLimits}).
     *
     * @param maxDepth       deepest nesting of objects or elements
     * @param maxValueLength longest single value, in characters
     */
    public record Input(int maxDepth, int maxValueLength) {
    }

    /**
     * @param maxAttempts  attempts of one call in all, the first included
     * @param initialDelay the wait before the first retry; doubled for each further one
     * @param maxDelay     the longest wait between two attempts
     * @param retryAfterCap the longest wait a {@code Retry-After} answer is obeyed for
     */
    public record Retry(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration retryAfterCap) {
    }

    /**
     * Results also go to a webhook when a URL is set, signed the Standard Webhooks way and kept on disk until
     * delivered.
     *
     * @param url        the receiver's URL; empty: no webhook
     * @param secret     the signing secret ({@code whsec_<base64>}, or any text)
     * @param secretFile a file holding the secret
     * @param retryDelay the wait before trying an undelivered result again (doubling up to 30 times as long)
     */
    public record Webhook(String url, String secret, Path secretFile, Duration retryDelay) {

        public boolean enabled() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=***, secretFile=" + secretFile + ", retryDelay=" + retryDelay + "]";
        }
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
