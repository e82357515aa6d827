package dev.jobmojito.connector.secrets;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Puts a {@link MaskingEncoder} around the encoder of every Logback appender (console, file; plain or structured),
 * right after Spring Boot has configured logging, and again at later start-up steps in case logging was set up
 * anew. Registered in {@code META-INF/spring.factories}, so it also runs for tests that start the application.
 */
public final class LogMasking implements GenericApplicationListener {

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ApplicationStartedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        install();
    }

    @Override
    public int getOrder() {
        // just after Spring Boot's logging set-up
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /**
     * Wraps every appender's encoder that is not wrapped yet.
     *
     * @return how many appenders were wrapped now (0 when Logback is not the logging backend)
     */
    public static int install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return 0;
        }
        int wrapped = 0;
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                    Encoder<ILoggingEvent> encoder = appender.getEncoder();
                    if (encoder != null && !(encoder instanceof MaskingEncoder)) {
                        MaskingEncoder<ILoggingEvent> masking = new MaskingEncoder<>(encoder);
                        masking.setContext(context);
                        masking.start();
                        appender.setEncoder(masking);
                        wrapped++;
                    }
                }
            }
        }
        return wrapped;
    }
}
