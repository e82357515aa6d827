package dev.jobmojito.connector.interviewresults;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the request body of the receiving endpoint ({@code CONNECTOR_INTERVIEW_RESULTS_MAX_BODY_SIZE}) before
 * anything reads it whole: the platform-http binding reads a body into memory before the route (and the secret
 * check) runs, so an unauthenticated sender could otherwise make it hold any size. A larger body is answered
 * {@code 413 {"outcome":"too_large"}}: nothing stored, nothing logged, counted in
 * {@code connector.interview.results.received{outcome="too_large"}}.
 * <ul>
 *   <li>{@code Content-Length} larger than the cap: refused without reading the body;</li>
 *   <li>no length (chunked): at most cap + 1 bytes are read here; more: refused; otherwise the request goes on with
 *       those bytes as its body and their length as its {@code Content-Length}.</li>
 * </ul>
 */
public final class BodySizeLimit extends OncePerRequestFilter {

    private static final byte[] TOO_LARGE = "{\"outcome\":\"too_large\"}".getBytes(StandardCharsets.UTF_8);

    private final long maxBytes;
    private final MeterRegistry meters;

    /** @param maxBytes the largest body taken, in bytes (at least 1) */
    public BodySizeLimit(long maxBytes, MeterRegistry meters) {
        if (maxBytes < 1 || maxBytes >= Integer.MAX_VALUE) {
            throw new dev.jobmojito.connector.system.ConfigurationException(
                    "CONNECTOR_INTERVIEW_RESULTS_MAX_BODY_SIZE must be between 1B and 2GB: " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(response);
            return;
        }
        if (declared >= 0) {
            // the binding reads exactly Content-Length bytes, no more
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(response);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        Counter.builder("connector.interview.results.received").description("Interview result deliveries received")
                .tag("outcome", "too_large").register(meters).increment();
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("application/json");
        response.setContentLength(TOO_LARGE.length);
        // the rest of the body is not read here: the web server discards it (Tomcat up to its max-swallow-size,
        // 2 MB, then it closes the connection)
        response.getOutputStream().write(TOO_LARGE);
    }

    /** A request whose body was read here (a chunked one, within the cap). */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] bytes, int offset, int length) {
                    return in.read(bytes, offset, length);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }
    }
}
