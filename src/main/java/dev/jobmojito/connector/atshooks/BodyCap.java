package dev.jobmojito.connector.atshooks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The size cap of the ATS webhook endpoints, applied before anything reads the body (the platform-http binding
 * would read a body of any size into memory): a {@code Content-Length} over the cap is answered 413 without
 * reading; a body without one (chunked) is read up to the cap and answered 413 as soon as it goes over. A body
 * within the cap is handed on as the bytes read, so the signature is checked over exactly what arrived.
 */
public final class BodyCap implements Filter {

    private final long maxBytes;
    /** ATS by endpoint path. */
    private final Map<String, String> atsByPath;
    private final Consumer<String> refused;

    /**
     * @param maxBytes  the largest body taken
     * @param atsByPath the ATS of each endpoint path (for the count)
     * @param refused   told the ATS of each body refused for its size
     */
    public BodyCap(long maxBytes, Map<String, String> atsByPath, Consumer<String> refused) {
        this.maxBytes = maxBytes;
        this.atsByPath = Map.copyOf(atsByPath);
        this.refused = refused;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !atsByPath.containsKey(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        String ats = atsByPath.get(http.getRequestURI());
        if (http.getContentLengthLong() > maxBytes) {
            tooLarge((HttpServletResponse) response, ats);
            return;
        }
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            tooLarge((HttpServletResponse) response, ats);
            return;
        }
        chain.doFilter(new Read(http, body), response);
    }

    private void tooLarge(HttpServletResponse response, String ats) throws IOException {
        refused.accept(ats);
        response.setStatus(413);
        response.setContentType("application/json");
        // the rest of the body is not read: the connection is closed rather than drained
        response.setHeader("Connection", "close");
        response.getOutputStream().write("{\"outcome\":\"too_large\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body already read. */
    private static final class Read extends HttpServletRequestWrapper {
        private final byte[] body;

        Read(HttpServletRequest request, byte[] body) {
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
                    throw new UnsupportedOperationException("the body is read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
