package io.workspaces.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies over the limit (64 KiB, docs/api.md) with 413: at once when Content-Length says so, and
 * while reading when the body is chunked. Nothing is handled, so nothing changes. A batch of access checks (up to
 * 1000 in one request) may be larger: 1 MiB.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    public static final int LIMIT_BYTES = 64 * 1024;
    public static final int ACCESS_CHECK_LIMIT_BYTES = 1024 * 1024;
    static final String ACCESS_CHECK_PATH = "/v1/access/check";

    private final ProblemWriter problems;

    public BodySizeLimitFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            request.setAttribute("org.apache.catalina.connector.Request.SKIP_POST_PARAMETERS", true);
            problems.write(request, response, ProblemResponses.payloadTooLarge(limit));
            response.setHeader("Connection", "close");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    static int limitFor(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && ACCESS_CHECK_PATH.equals(request.getRequestURI())
                ? ACCESS_CHECK_LIMIT_BYTES : LIMIT_BYTES;
    }

    /** Thrown while reading a chunked body that passes the limit; mapped to 413. */
    public static class BodyTooLargeException extends IOException {

        private final int limit;

        public BodyTooLargeException(int limit) {
            super("request body exceeds " + limit + " bytes");
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final int limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, int limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final int limit;
        private long read;

        LimitedInputStream(ServletInputStream delegate, int limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
