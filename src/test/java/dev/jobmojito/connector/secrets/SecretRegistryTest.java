package dev.jobmojito.connector.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Masking by value, and by shape for URLs, wherever the registry is asked; and in every log line. */
class SecretRegistryTest {

    @Test
    void aRegisteredSecretIsMaskedAsWrittenEncodedAndEscaped() {
        String secret = "s3cr\"et/with+odd chars";
        SecretRegistry.register(secret);

        assertThat(SecretRegistry.mask("token is " + secret + ".")).isEqualTo("token is ***.");
        assertThat(SecretRegistry.mask("q=s3cr%22et%2Fwith%2Bodd+chars")).isEqualTo("q=***");
        assertThat(SecretRegistry.mask("{\"t\":\"s3cr\\\"et/with+odd chars\"}")).isEqualTo("{\"t\":\"***\"}");
        assertThat(SecretRegistry.containsSecret("x " + secret)).isTrue();
    }

    @Test
    void shortValuesAreNotRegisteredSoWordsStayReadable() {
        assertThat(SecretRegistry.register("abc")).isFalse();
        assertThat(SecretRegistry.mask("abc def")).isEqualTo("abc def");
    }

    @Test
    void userInfoPasswordsAndSecretNamedParametersAreMaskedRegisteredOrNot() {
        assertThat(SecretRegistry.mask("GET https://bob:hunter2pass@ats.example/jobs failed"))
                .isEqualTo("GET https://bob:***@ats.example/jobs failed");
        assertThat(SecretRegistry.mask("https://ats.example/jobs?page=2&api_key=k-123456&x=1"))
                .isEqualTo("https://ats.example/jobs?page=2&api_key=***&x=1");
        assertThat(SecretRegistry.mask("jdbc:postgresql://db/c?user=u&password=pw-98765"))
                .isEqualTo("jdbc:postgresql://db/c?user=u&password=***");
        assertThat(SecretRegistry.mask("jdbc:h2:file:/x;USER=sa;PASSWORD=pw-98765")).endsWith(";PASSWORD=***");
    }

    @Test
    void aUrlsSecretsAreRegisteredSoTheyAreFoundAloneToo() {
        SecretRegistry.registerFromUrl("https://ats.example/jobs?api_key=alone-4711-key&page=1");
        assertThat(SecretRegistry.mask("the key alone-4711-key was refused")).isEqualTo("the key *** was refused");
    }

    @Test
    void aMegabyteLineIsMaskedInLinearTime() {
        String blob = "data:image/png;base64," + "Ab+/".repeat(256 * 1024) + " https://u:pw-123456@x.example/?token="
                + "a1b2c3".repeat(50_000) + "&page=2 " + "user:x".repeat(50_000) + "@";
        String masked = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SecretRegistry.mask(blob));
        assertThat(masked).contains("https://u:***@x.example/?token=***&page=2").doesNotContain("pw-123456");
    }

    @Test
    void basicCredentialsAreMaskedAsTheHeaderCarriesThem() {
        SecretRegistry.registerBasic("poller", "basic-pw-31337");
        String header = "Authorization: Basic " + Base64.getEncoder().encodeToString(
                "poller:basic-pw-31337".getBytes(StandardCharsets.UTF_8));
        assertThat(SecretRegistry.mask(header)).isEqualTo("Authorization: Basic ***");
    }

    @Test
    void everyLogLineOfAWrappedAppenderIsMaskedWhateverItsLevel() {
        SecretRegistry.register("log-secret-2718281828");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n%ex");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        Logger logger = context.getLogger("secret-registry-test");
        logger.setLevel(ch.qos.logback.classic.Level.TRACE);
        logger.setAdditive(false);
        logger.addAppender(appender);
        try {
            assertThat(LogMasking.install()).isPositive();
            assertThat(appender.getEncoder()).isInstanceOf(MaskingEncoder.class);
            assertThat(LogMasking.install()).as("not wrapped twice").isZero();

            logger.trace("header Authorization: Bearer {}", "log-secret-2718281828");
            logger.error("call failed", new IllegalStateException("answer echoed log-secret-2718281828"));
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
        String output = written.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("TRACE header Authorization: Bearer ***", "answer echoed ***")
                .doesNotContain("log-secret-2718281828");
    }
}
