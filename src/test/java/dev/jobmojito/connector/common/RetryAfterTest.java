package dev.jobmojito.connector.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} as RFC 9110 §10.2.3 writes it: delay-seconds or an HTTP date. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void secondsAndDatesBecomeMillisecondsAndAnythingElseIsNoAnswer() {
        assertThat(RetryAfter.millis("7", NOW)).isEqualTo(7_000L);
        assertThat(RetryAfter.millis(" 0 ", NOW)).isZero();
        assertThat(RetryAfter.millis("Mon, 30 Nov 2026 12:00:30 GMT", NOW)).isEqualTo(30_000L);
        assertThat(RetryAfter.millis("Mon, 30 Nov 2026 11:59:00 GMT", NOW)).as("a date already past").isZero();
        assertThat(RetryAfter.millis("-5", NOW)).isZero();
        assertThat(RetryAfter.millis("soon", NOW)).isNull();
        assertThat(RetryAfter.millis("", NOW)).isNull();
        assertThat(RetryAfter.millis(null, NOW)).isNull();
    }
}
