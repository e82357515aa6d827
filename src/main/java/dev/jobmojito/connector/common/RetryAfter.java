package dev.jobmojito.connector.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} response header (RFC 9110 §10.2.3): a number of seconds, or an HTTP date. JobMojito and
 * the ATSs written back to send it with 429 and 503.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param header the header's value, or null
     * @param now    the time a date is counted from
     * @return the wait in milliseconds (0 for a date already past), or null when the header is absent or
     *         unreadable
     */
    public static Long millis(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(now, at).toMillis());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
