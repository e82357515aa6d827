package dev.jobmojito.connector.common;

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
import java.util.function.Consumer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the request body of the endpoints that receive webhooks (JobMojito's results, the ATSs' stage changes)
 * before anything reads it whole: the platform-http binding reads a body into memory before the route (and the
 * secret or signature check) runs, so an unauthenticated sender could otherwise make it hold any size. A larger
 * body is answered {@code 413 {"outcome":"too_large"}} and the connection closed: nothing stored, nothing logged,
 * the endpoint told (it counts it).
 * <ul>
 *   <li>{@code Content-Length} larger than the cap: refused without reading the body;</li>
 *   <li>no length (chunked): at most cap + 1 bytes are read here; more: refused; otherwise the request goes on with
 *       those bytes as its body and their length as its {@code Content-Length}.</li>
 * </ul>
 */
public final class BodySizeCap extends OncePerRequestFilter {

    private static final byte[] TOO_LARGE = "{\"outcome\":\"too_large\"}".getBytes(StandardCharsets.UTF_8);

    private final long maxBytes;
    private final Consumer<String> refused;

    /**
     * @param setting  the setting the cap comes from, for the error message
     * @param maxBytes the largest body taken, in bytes (at least 1, below 2 GB)
     * @param refused  told the request path of each body refused for its size
     * @throws dev.jobmojito.connector.system.ConfigurationException when the cap is out of range
     */
    public BodySizeCap(String setting, long maxBytes, Consumer<String> refused) {
        if (maxBytes < 1 || maxBytes >= Integer.MAX_VALUE) {
            throw new dev.jobmojito.connector.system.ConfigurationException(
                    setting + " must be between 1B and 2GB: " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response);
            return;
        }
        if (declared >= 0) {
            // the binding reads exactly Content-Length bytes, no more
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refused.accept(request.getRequestURI());
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("application/json");
        response.setContentLength(TOO_LARGE.length);
        // the rest of the body is not read: the connection is closed rather than drained
        response.setHeader("Connection", "close");
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
