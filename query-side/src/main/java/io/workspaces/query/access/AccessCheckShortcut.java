package io.workspaces.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.workspaces.access.Action;
import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.Caller;
import io.workspaces.common.security.ShortcutAnswers;
import io.workspaces.common.web.Headers;
import io.workspaces.query.access.AccessCheckController.CheckRequest;
import io.workspaces.query.access.AccessCheckController.CheckResponse;
import io.workspaces.query.consistency.ReadYourWrites;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /v1/access/check} answered without the security filter chain and Spring MVC, which cost about four
 * fifths of the CPU time of a one-check request (docs/performance-log.md). It answers only the ordinary request: one
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
    private final ShortcutAnswers answers;
    private final ObjectReader requests;
    private final ObjectWriter responses;
    private final int maxBodyBytes;
    private final LongAdder answered = new LongAdder();

    AccessCheckShortcut(AccessCheckController controller, ReadYourWrites readYourWrites, BearerCallers callers,
                        ShortcutAnswers answers, ObjectMapper json, int maxBodyBytes) {
        this.controller = controller;
        this.readYourWrites = readYourWrites;
        this.callers = callers;
        this.answers = answers;
        this.requests = json.readerFor(CheckRequest.class);
        this.responses = json.writerFor(CheckResponse.class);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest original = (HttpServletRequest) servletRequest;
        int length = original.getContentLength();
        HttpServletRequest request = ordinary(original, length) ? answers.ordinaryOrNull(original) : null;
        Caller caller = request == null ? null : callers.callerOrNull(request);
        if (caller == null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(length);
        CheckResponse answer = body.length == length ? answer(request, caller, body) : null;
        if (answer == null) {
            chain.doFilter(ShortcutAnswers.withBody(original, body), servletResponse);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        response.setHeader(Headers.CONSISTENCY_TOKEN, Long.toString(answer.consistencyToken()));
        answers.writeJson(request, response, PATH, responses.writeValueAsBytes(answer));
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
                && ShortcutAnswers.isJson(request.getContentType());
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
}
