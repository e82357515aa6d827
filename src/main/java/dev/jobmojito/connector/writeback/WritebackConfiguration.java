package dev.jobmojito.connector.writeback;

import dev.jobmojito.connector.delivery.ReplayRun;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Writing results back into the ATS: result mappings, the write ledger, its dead letters, the steps and routes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WritebackProperties.class)
public class WritebackConfiguration {

    /** The result mappings, every one checked at start (every problem at once, exit 2). */
    @Bean
    ResultMappings resultMappings(WritebackProperties settings, JobMojitoEndpoint endpoint) throws IOException {
        ResultMappings mappings = new ResultMappings(settings.mappings(),
                new MappingLoader(MappingLoader.environment(endpoint.interviewTemplateId())));
        List<MappingError> errors = mappings.loadAll();
        if (!errors.isEmpty()) {
            throw new ConfigurationException("The result mappings in " + settings.mappings() + " have problems:\n"
                    + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
        return mappings;
    }

    @Bean
    @DependsOnDatabaseInitialization
    WritebackLedger writebackLedger(DataSource dataSource, Clock clock) {
        return new WritebackLedger(dataSource, clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    WritebackLetters writebackLetters(DataSource dataSource, Clock clock) {
        return new WritebackLetters(dataSource, clock);
    }

    @Bean
    Writeback writeback(ResultMappings mappings, WritebackLedger ledger, WritebackLetters letters,
                        WritebackProperties settings, ConnectorProperties connector, Clock clock) {
        return new Writeback(mappings, ledger, letters, settings.defaultTarget(), connector.retry().retryAfterCap(),
                clock);
    }

    /** {@code replay} sends the write-back's dead letters too, after the jobs'. */
    @Bean
    WritebackReplay writebackReplay(CamelContext camel, ProducerTemplate producer, WritebackLetters letters,
                                    Writeback writeback, ReplayRun replayRun) {
        WritebackReplay replay = new WritebackReplay(camel, producer, letters, writeback);
        replayRun.alsoReplay(replay::run);
        return replay;
    }

    @Bean
    WritebackRoutes writebackRoutes(Writeback writeback, ConnectorProperties connector,
                                    JobMojitoProperties jobmojito) {
        // the same patience as with JobMojito: ATS APIs are as slow or as fast
        return new WritebackRoutes(writeback, connector.retry(), jobmojito.connectTimeout(),
                jobmojito.responseTimeout());
    }
}
