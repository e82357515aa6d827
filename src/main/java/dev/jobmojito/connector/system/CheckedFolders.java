package dev.jobmojito.connector.system;

import java.nio.file.Path;

/**
 * The folders the connector reads and writes, once they were checked at start: the drop folder exists and the
 * drop, results and state folders take a file. Beans that write into them depend on this one, so nothing
 * starts on a folder that would lose outcomes.
 *
 * @param inbox   the drop folder (CONNECTOR_INBOX)
 * @param results the results folder (CONNECTOR_RESULTS)
 * @param state   the state folder (CONNECTOR_STATE)
 */
public record CheckedFolders(Path inbox, Path results, Path state) {
}
