package io.workspaces.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-Id} if it is sane (visible ASCII, at most 128
 * characters), a new UUID otherwise. Echoed on every response, put in the log context and in event metadata.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SANE = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = saneOrNull(request.getHeader(Headers.REQUEST_ID));
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        request.setAttribute(ATTRIBUTE, requestId);
        response.setHeader(Headers.REQUEST_ID, requestId);
        MDC.put("request_id", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("request_id");
        }
    }

    public static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? null : id.toString();
    }

    public static String correlationId(HttpServletRequest request) {
        String correlationId = saneOrNull(request.getHeader(Headers.CORRELATION_ID));
        return correlationId == null ? requestId(request) : correlationId;
    }

    private static String saneOrNull(String value) {
        return value != null && SANE.matcher(value).matches() ? value : null;
    }
}
