package dev.jobmojito.connector.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a configuration problem as a short message instead of a stack trace. */
public class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the configuration above and start again; the README's "
                + "Configuration and Troubleshooting sections describe every setting.", cause);
    }
}
