package io.workspaces.command.web;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.Caller;
import io.workspaces.common.security.ShortcutAnswers;
import io.workspaces.common.security.ShortcutRoute;
import io.workspaces.common.web.BodySizeLimitFilter;
import io.workspaces.common.web.RequestContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;

/**
 * The commonest writes ({@link ShortcutRoute}s: a description's PATCH, a member's PUT) answered without the security
 * filter chain and Spring MVC, which cost about two fifths of the command side's CPU per PATCH (docs/performance.md).
 * It answers only the ordinary request: one the chain's firewall lets through, no query string, plain HTTP, no
 * {@code Origin}, a JSON body of known length within the body limit, a JSON or absent {@code Accept}, at most one
 * {@code If-Match}, a path without encoded or matrix parts, and a bearer token that verifies. It calls the same
 * controller method Spring MVC would call and writes its answer with the same headers.
 *
 * <p>Everything else goes on to the filter chain and the controller, the body as it was read, and so does every
 * request the controller method refuses or fails (it throws): their answers are the API's. A refused or failed command
 * appended nothing and is decided once more on the long way; the routes are idempotent writes (PUT, and a PATCH that
 * sets a value), so even one whose commit's outcome is unknown may be sent again.
 */
final class CommandShortcut implements Filter {

    private final List<ShortcutRoute<?>> routes;
    private final BearerCallers callers;
    private final ShortcutAnswers answers;
    private final CommandMetrics metrics;
    private final LongAdder answered = new LongAdder();

    CommandShortcut(List<ShortcutRoute<?>> routes, BearerCallers callers, ShortcutAnswers answers,
                    CommandMetrics metrics) {
        this.routes = List.copyOf(routes);
        this.callers = callers;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest original = (HttpServletRequest) servletRequest;
        int length = original.getContentLength();
        ShortcutRoute<?> route = null;
        Matcher path = null;
        if (length > 0 && length <= BodySizeLimitFilter.LIMIT_BYTES && original.getQueryString() == null) {
            for (int i = 0; route == null && i < routes.size(); i++) {
                ShortcutRoute<?> candidate = routes.get(i);
                if (candidate.method().equals(original.getMethod())) {
                    Matcher matcher = candidate.path().matcher(original.getRequestURI());
                    if (matcher.matches()) {
                        route = candidate;
                        path = matcher;
                    }
                }
            }
        }
        HttpServletRequest request = route != null
                && ShortcutAnswers.isJson(original.getContentType(), route.otherJsonTypes())
                ? answers.ordinaryOrNull(original) : null;
        // Spring MVC would join several If-Match headers into one value: such a request is left to it
        Enumeration<String> ifMatches = request == null ? null : request.getHeaders(HttpHeaders.IF_MATCH);
        String ifMatch = ifMatches != null && ifMatches.hasMoreElements() ? ifMatches.nextElement() : null;
        Caller caller = request == null || ifMatches != null && ifMatches.hasMoreElements() ? null
                : callers.callerOrNull(request);
        if (caller == null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(length);
        ResponseEntity<?> answer = body.length == length ? answer(route, path, body, ifMatch, caller, request) : null;
        if (answer == null) {
            chain.doFilter(ShortcutAnswers.withBody(original, body), servletResponse);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        answers.writeJson(request, response, answer.getStatusCode().value(), route.pathPattern(),
                route.answer().writeValueAsBytes(answer.getBody()));
        metrics.count(route.command(), answer.getStatusCode().value());
        answered.increment();
    }

    /** The requests this answers since the start. */
    long answered() {
        return answered.sum();
    }

    /** The controller's answer, or null when it refuses or fails the request (the long way then answers it). */
    private static <B> ResponseEntity<?> answer(ShortcutRoute<B> route, Matcher path, byte[] json, String ifMatch,
                                                Caller caller, HttpServletRequest request) {
        try {
            B body = route.body().readValue(json);
            return body == null ? null : route.handler().handle(path, body, ifMatch, RequestContext.of(caller, request));
        } catch (IOException | RuntimeException refused) {
            // malformed JSON, an invalid field, a rule the command broke, a lost race, a failure
            return null;
        }
    }
}
