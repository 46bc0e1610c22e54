package io.workspaces.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.workspaces.access.Action;
import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.Caller;
import io.workspaces.common.web.Headers;
import io.workspaces.query.access.AccessCheckController.CheckRequest;
import io.workspaces.query.access.AccessCheckController.CheckResponse;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.web.ShortcutAnswers;
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

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /v1/access/check} answered without the security filter chain and Spring MVC, which cost about four
 * fifths of the CPU time of a one-check request (docs/performance.md). It answers only the ordinary request: one
 * the chain's firewall lets through, no query string, plain HTTP, no {@code Origin}, a JSON body of known length, a
 * JSON or absent {@code Accept}, a bearer token that verifies ({@link BearerCallers}), a body the controller accepts
 * and a caller it authorizes, and no consistency token the index has not passed yet. Everything else, and every
 * refusal, goes on to the filter chain and the controller as before, the body as it was read: their answers and
 * statuses are the API's, and this answers exactly what they answer (the same rules, {@link AccessCheckController},
 * and the same headers).
 */
final class AccessCheckShortcut implements Filter {

    static final String PATH = "/v1/access/check";

    private final AccessCheckController controller;
    private final ReadYourWrites readYourWrites;
    private final BearerCallers callers;
    private final ObjectReader requests;
    private final ObjectWriter responses;
    private final int maxBodyBytes;
    private final LongAdder answered = new LongAdder();

    AccessCheckShortcut(AccessCheckController controller, ReadYourWrites readYourWrites, BearerCallers callers,
                        ObjectMapper json, int maxBodyBytes) {
        this.controller = controller;
        this.readYourWrites = readYourWrites;
        this.callers = callers;
        this.requests = json.readerFor(CheckRequest.class);
        this.responses = json.writerFor(CheckResponse.class);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest original = (HttpServletRequest) servletRequest;
        int length = original.getContentLength();
        HttpServletRequest request = ordinary(original, length) ? ShortcutAnswers.ordinaryOrNull(original) : null;
        Caller caller = request == null ? null : callers.callerOrNull(request);
        if (caller == null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(length);
        CheckResponse answer = body.length == length ? answer(request, caller, body) : null;
        if (answer == null) {
            chain.doFilter(new ReadBody(original, body), servletResponse);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        response.setHeader(Headers.CONSISTENCY_TOKEN, Long.toString(answer.consistencyToken()));
        ShortcutAnswers.writeJson(request, response, PATH, responses.writeValueAsBytes(answer));
        answered.increment();
    }

    /** The requests this answers since the start. */
    long answered() {
        return answered.sum();
    }

    private boolean ordinary(HttpServletRequest request, int length) {
        return length > 0 && length <= maxBodyBytes
                && "POST".equals(request.getMethod())
                && PATH.equals(request.getRequestURI())
                && request.getQueryString() == null
                && isJson(request.getContentType());
    }

    /** The answer, or null when the controller's rules refuse the request or it must wait. */
    private CheckResponse answer(HttpServletRequest request, Caller caller, byte[] body) {
        try {
            CheckRequest checks = requests.readValue(body);
            if (checks == null) {
                return null;
            }
            Action[] actions = controller.validateAndAuthorize(checks, caller);
            if (!readYourWrites.accessIndexPassedWithoutWaiting(request, checks.after())) {
                return null;
            }
            return controller.answer(checks, caller, actions);
        } catch (IOException | RuntimeException refused) {
            // malformed JSON, an invalid check, a forbidden principal: the controller's path answers it
            return null;
        }
    }

    /** {@code application/json}, with no parameter but a UTF-8 charset. */
    private static boolean isJson(String contentType) {
        if (contentType == null || !contentType.regionMatches(true, 0, ShortcutAnswers.JSON, 0, ShortcutAnswers.JSON.length())) {
            return false;
        }
        String rest = contentType.substring(ShortcutAnswers.JSON.length()).trim();
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.charAt(0) != ';') {
            return false;
        }
        String parameter = rest.substring(1).trim();
        return parameter.equalsIgnoreCase("charset=utf-8") || parameter.equalsIgnoreCase("charset=\"utf-8\"");
    }

    /** The request with the body already read from it, for the filter chain. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                ByteArrayInputStream bytes = new ByteArrayInputStream(body);
                stream = new ServletInputStream() {
                    @Override
                    public int read() {
                        return bytes.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        return bytes.read(buffer, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return bytes.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("the body was read already");
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }
}
