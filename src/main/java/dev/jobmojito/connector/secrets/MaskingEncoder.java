package dev.jobmojito.connector.secrets;

import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the encoder of a log appender (plain pattern or structured JSON alike) and masks every secret in what
 * it produced: message, arguments, key-value pairs, MDC and stack traces, at every level. Masking the encoded
 * text rather than the event is what makes it hold for any layout and for text a library puts anywhere.
 *
 * @param <E> the event type (a Logback {@code ILoggingEvent})
 */
public final class MaskingEncoder<E> extends EncoderBase<E> {

    private final Encoder<E> delegate;

    /**
     * @param delegate the appender's own encoder, which still does all the formatting (UTF-8 output assumed,
     *                 as Spring Boot configures it)
     */
    public MaskingEncoder(Encoder<E> delegate) {
        this.delegate = delegate;
    }

    /** The encoder that formats, for tests and for not wrapping twice. */
    public Encoder<E> delegate() {
        return delegate;
    }

    @Override
    public byte[] headerBytes() {
        return maskBytes(delegate.headerBytes());
    }

    @Override
    public byte[] encode(E event) {
        return maskBytes(delegate.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return maskBytes(delegate.footerBytes());
    }

    @Override
    public void start() {
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }

    private static byte[] maskBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String masked = SecretRegistry.mask(text);
        return masked == text ? bytes : masked.getBytes(StandardCharsets.UTF_8);
    }
}
