package io.workspaces.command.web;

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
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;

/**
 * The commonest writes ({@link ShortcutRoute}s: a create, a description's PATCH, a member's PUT) answered without the
 * security filter chain and Spring MVC, which cost about two fifths of the command side's CPU per PATCH and half of a
 * create's (docs/performance-log.md). It answers only the ordinary request: one the chain's firewall lets through, no
 * query string, plain HTTP, no {@code Origin}, a JSON body of known length within the body limit, a JSON or absent
 * {@code Accept}, at most one of each header the route reads, a path without encoded or matrix parts, and a bearer
 * token that verifies. It calls the same controller method Spring MVC would call and writes its answer with the same
 * headers.
 *
 * <p>Everything else goes on to the filter chain and the controller, the body as it was read, and so does every
 * request the controller method refuses before writing anything: their answers are the API's. An idempotent route
 * (PUT, a PATCH that sets a value) sends every failure the long way, even one whose commit's outcome is unknown, since
 * it may be sent again; a create must not run twice, so a failure other than such a refusal is answered here, by
 * Spring MVC's own exception handlers.
 */
final class CommandShortcut implements Filter {

    private final List<ShortcutRoute<?>> routes;
    private final BearerCallers callers;
    private final ShortcutAnswers answers;
    private final CommandMetrics metrics;
    private final HandlerExceptionResolver failures;
    private final LongAdder answered = new LongAdder();

    CommandShortcut(List<ShortcutRoute<?>> routes, BearerCallers callers, ShortcutAnswers answers,
                    CommandMetrics metrics, HandlerExceptionResolver failures) {
        this.routes = List.copyOf(routes);
        this.callers = callers;
        this.answers = answers;
        this.metrics = metrics;
        this.failures = failures;
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
        Caller caller = request == null || !singleHeaders(route, request) ? null : callers.callerOrNull(request);
        if (caller == null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(length);
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        Object answer = body.length == length ? answer(route, path, body, caller, request) : null;
        if (answer == null || answer instanceof Exception failure && route.decidedAgain().test(failure)) {
            chain.doFilter(ShortcutAnswers.withBody(original, body), servletResponse);
        } else if (answer instanceof Exception failure) {
            answerFailure(route, failure, request, response);
        } else {
            ResponseEntity<?> entity = (ResponseEntity<?>) answer;
            entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            answers.writeJson(request, response, entity.getStatusCode().value(), route.pathPattern(),
                    route.answer().writeValueAsBytes(entity.getBody()));
            metrics.count(route.command(), entity.getStatusCode().value());
            answered.increment();
        }
    }

    /** Spring MVC would join several values of a header into one: such a request is left to it. */
    private static boolean singleHeaders(ShortcutRoute<?> route, HttpServletRequest request) {
        for (String name : route.headers()) {
            Enumeration<String> values = request.getHeaders(name);
            if (values != null && values.hasMoreElements()) {
                values.nextElement();
                if (values.hasMoreElements()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A failure the long way may not decide again, answered by the exception handlers the long way has. */
    private void answerFailure(ShortcutRoute<?> route, Exception failure, HttpServletRequest request,
                               HttpServletResponse response) throws IOException, ServletException {
        answers.writeChainHeaders(request, response, route.pathPattern());
        if (failures.resolveException(request, response, null, failure) == null) {
            throw new ServletException("no handler answered the failure", failure);
        }
        metrics.count(route.command(), response.getStatus());
        answered.increment();
    }

    /** The requests this answers since the start. */
    long answered() {
        return answered.sum();
    }

    /**
     * The controller's answer (a {@link ResponseEntity}), the failure it threw (an invalid field, a rule the command
     * broke, a lost race, a failure), or null when the body is no such request's (the long way then answers it).
     */
    private static <B> Object answer(ShortcutRoute<B> route, Matcher path, byte[] json, Caller caller,
                                     HttpServletRequest request) {
        B body;
        try {
            body = route.body().readValue(json);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        if (body == null) {
            return null;
        }
        try {
            return route.handler().handle(path, body, request, RequestContext.of(caller, request));
        } catch (RuntimeException failure) {
            return failure;
        }
    }
}
