package dev.jobmojito.connector.replicas;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the drop folder's route ({@code routes/inbox.camel.yaml}) takes its files, as Camel properties the route
 * reads: alone, a file is taken once it has settled ({@code readLock=changed}, with Camel's {@code .camelLock}
 * marker files); shared by replicas on one PostgreSQL ledger, the same settle rule plus a claim on the file in the
 * database ({@code readLock=idempotent-changed} over the {@code inboxClaims} repository), so every replica reads
 * files and no two read the same one. Marker files are then off: one replica starting must not delete the marker
 * of a file another replica is reading. And a replica then reads one file at a time: Camel's consumer would
 * otherwise claim every settled file in one poll (a file's jobs run on other threads), leaving none to the others.
 *
 * <p>Properties: {@code connector.inbox-read-lock} ({@code changed} or {@code idempotent-changed}) and
 * {@code connector.inbox-lock-markers} and {@code connector.inbox-one-file-at-a-time} ({@code true} or
 * {@code false}), set as Camel override properties before
 * any route is built (the route's placeholders default to reading alone, which {@code validate} uses).
 */
public final class SharedInbox implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInbox.class);

    private final boolean shared;
    private final Map<String, String> properties;

    /** @param shared whether replicas share the drop folder (service mode on a ledger that claims across replicas) */
    public SharedInbox(boolean shared) {
        this.shared = shared;
        this.properties = Map.of(
                "connector.inbox-read-lock", shared ? "idempotent-changed" : "changed",
                "connector.inbox-lock-markers", String.valueOf(!shared),
                "connector.inbox-one-file-at-a-time", String.valueOf(shared));
    }

    /** Whether every replica reads the drop folder, each file claimed in the database. */
    public boolean shared() {
        return shared;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        properties.forEach(camel.getPropertiesComponent()::addOverrideProperty);
        if (shared) {
            LOG.info("The drop folder is shared with the other replicas: every replica reads it, each file claimed "
                    + "in the ledger database");
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // nothing to do once started
    }
}
