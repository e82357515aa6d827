package dev.jobmojito.connector.system;

/**
 * Configuration the connector cannot run with: a mapping with errors, a missing folder, an unset token. The
 * connector refuses to start with exit code 2 and prints the message, which names what to fix.
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
