package dev.jobmojito.connector;

import dev.jobmojito.connector.cli.DemoCommand;
import dev.jobmojito.connector.cli.PreviewCommand;
import dev.jobmojito.connector.cli.ValidateCommand;
import dev.jobmojito.connector.intake.OnceRun;
import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.system.ConfigurationException;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line. With no command (or options only) the connector runs: as a service, or once with
 * {@code --connector.once=true}. Commands that only read files ({@code preview}) answer without starting Spring.
 */
public final class ConnectorMain {

    /** Exit code: configuration the connector cannot run with. */
    public static final int CONFIGURATION_ERROR = 2;
    /** Returned by {@link #run} when the service keeps running after main returns. */
    public static final int STILL_RUNNING = -1;

    private ConnectorMain() {
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != STILL_RUNNING) {
            System.exit(code);
        }
    }

    public static int run(String... args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            return usage(0);
        }
        boolean command = args.length > 0 && !args[0].startsWith("-");
        String name = command ? args[0] : "run";
        String[] options = command ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (!name.equals("run") && !name.equals("demo")) {
            quietLogging();
        }
        return switch (name) {
            case "run" -> runConnector(options);
            case "preview" -> new PreviewCommand(System.out, System.err).run(options);
            case "validate" -> new ValidateCommand(System.out, System.err).run(options);
            case "demo" -> new DemoCommand(System.out).run(options);
            case "replay" -> replay(options);
            case "dead-letters" -> deadLetters(options);
            case "help", "-h", "--help" -> usage(0);
            default -> {
                System.err.println("unknown command: " + name);
                yield usage(CONFIGURATION_ERROR);
            }
        };
    }

    /**
     * Starts the connector. In once mode, waits for the run to end and returns its exit code; otherwise returns
     * {@link #STILL_RUNNING} and the service goes on in its own threads.
     */
    public static int runConnector(String... args) {
        SpringApplication application = new SpringApplication(ConnectorApplication.class);
        // the service serves health and metrics; a once-mode run (connector.once=true from any source of
        // settings) has nobody to serve and is switched to no web server by SettingsCheck
        application.setWebApplicationType(WebApplicationType.SERVLET);
        ConfigurableApplicationContext context;
        try {
            context = application.run(args);
        } catch (RuntimeException e) {
            // Spring has already printed the failure (a configuration problem as a short analysis)
            return isConfigurationProblem(e) ? CONFIGURATION_ERROR : 1;
        }
        boolean once = context.getEnvironment().getProperty("connector.once", Boolean.class, false);
        if (!once) {
            return STILL_RUNNING;
        }
        try (context) {
            return context.getBean(OnceRun.class).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println("The run failed: " + rootMessage(e));
            return 1;
        }
    }

    /** The arguments and then {@code settings}, which the connector's own commands add. */
    private static String[] with(String[] args, String... settings) {
        String[] all = Arrays.copyOf(args, args.length + settings.length);
        System.arraycopy(settings, 0, all, args.length, settings.length);
        return all;
    }

    /** Commands that answer on stdout start no Spring logging setup; keep library chatter out of their output. */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Starts the connector with no route running but those that send, and replays the dead letters. */
    static int replay(String... args) {
        String[] replayArgs = with(args, "--camel.main.auto-startup=false", "--camel.main.run-controller=false");
        SpringApplication application = new SpringApplication(ConnectorApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext context;
        try {
            context = application.run(replayArgs);
        } catch (RuntimeException e) {
            return isConfigurationProblem(e) ? CONFIGURATION_ERROR : 1;
        }
        try (context) {
            return context.getBean(dev.jobmojito.connector.delivery.ReplayRun.class).run();
        } catch (Exception e) {
            System.err.println("The replay failed: " + rootMessage(e));
            return 1;
        }
    }

    /**
     * Prints every dead letter (both kinds) on stdout, one JSON line each, from the ledger's database; starts no
     * route. Exit 0, or 1 when the database cannot be read.
     */
    static int deadLetters(String... args) {
        String[] listArgs = with(args, "--camel.main.auto-startup=false", "--camel.main.run-controller=false");
        SpringApplication application = new SpringApplication(ConnectorApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext context;
        try {
            context = application.run(listArgs);
        } catch (RuntimeException e) {
            return isConfigurationProblem(e) ? CONFIGURATION_ERROR : 1;
        }
        try (context) {
            var letters = context.getBean(dev.jobmojito.connector.delivery.DeadLetters.class).everything();
            // the letters were masked when parked; masked again, as everything printed past the log masking
            letters.forEach(letter -> System.out.println(SecretRegistry.mask(
                    dev.jobmojito.connector.common.Json.write(letter))));
            return 0;
        } catch (Exception e) {
            System.err.println("The dead letters cannot be read: " + rootMessage(e));
            return 1;
        }
    }

    private static boolean isConfigurationProblem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // a route file that does not load is configuration too, as is a setting that does not bind
            if (cause instanceof ConfigurationException
                    || cause instanceof org.springframework.boot.context.properties.bind.BindException
                    || cause.getClass().getName().equals(
                            "org.apache.camel.spring.boot.CamelSpringBootInitializationException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // printed straight to stderr, past the log masking
        return SecretRegistry.mask(root.getMessage() == null ? root.toString() : root.getMessage());
    }

    private static int usage(int code) {
        System.out.println("""
                jobmojito-connector: carries job postings from an ATS export to JobMojito interviews.

                  java -jar jobmojito-connector.jar [options]        run as a service (drop folder, polls)
                  java -jar jobmojito-connector.jar --connector.once=true
                                                                      handle what is waiting, print a summary, exit
                  java -jar jobmojito-connector.jar demo             run once on the bundled samples (sandbox): postings,
                                                                      invitations, results written back to a folder
                  java -jar jobmojito-connector.jar preview --mapping=<file|name> --input=<file>
                                                                      show the requests a mapping makes; sends nothing
                  java -jar jobmojito-connector.jar validate         check every mapping and route; starts nothing
                                                [--sample=<folder named after a mapping>/<file>]
                                                                      and warn about paths the sample lacks
                  java -jar jobmojito-connector.jar replay           send the parked dead letters again
                  java -jar jobmojito-connector.jar dead-letters     print every dead letter, one JSON line each

                Options are settings such as --connector.inbox=/srv/drop; every setting can also come from the
                environment (CONNECTOR_INBOX). Exit codes: 0 every job created, updated, skipped or closed; 1 something
                rejected, failed, quarantined or left in the inbox (a stop, a paused intake); 2 configuration error.
                See README.md.""");
        return code;
    }
}
