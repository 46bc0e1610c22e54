package io.workspaces.query.web;

import io.workspaces.common.security.RequestFirewall;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.IOException;
import java.util.List;

/**
 * What the shortcuts of the hot reads ({@code POST /v1/access/check}, the role lookup) share: which requests they
 * may answer at all, and a 200 written as Spring Security's filter chain and Spring MVC would write it.
 */
public final class ShortcutAnswers {

    public static final String JSON = "application/json";
    /**
     * Where a shortcut's filter sits: after the request id, the body limit and the HTTP metrics; before Spring
     * Security and Spring MVC.
     */
    public static final int FILTER_ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 110;
    /**
     * The headers Spring Security's filter chain writes by default on a response to a plain-HTTP request, written by
     * its own writers (HSTS only goes to HTTPS requests, which never take a shortcut).
     */
    private static final List<HeaderWriter> SECURITY_HEADERS = List.of(new CacheControlHeadersWriter(),
            new XContentTypeOptionsHeaderWriter(), new XXssProtectionHeaderWriter(), new XFrameOptionsHeaderWriter());

    private ShortcutAnswers() {
    }

    /**
     * {@code request} as the filter chain's firewall passes it on (every header checked, parameter names checked as
     * they are read), when it is plain HTTP, not from a browser (no CORS) and has an {@code Accept} a JSON answer
     * satisfies; null otherwise, and when the firewall refuses it (the chain then answers 400).
     */
    public static HttpServletRequest ordinaryOrNull(HttpServletRequest request) {
        if (request.isSecure()) {
            return null;
        }
        HttpServletRequest firewalled = RequestFirewall.firewalledOrNull(request);
        return firewalled != null && firewalled.getHeader("Origin") == null
                && acceptsJson(firewalled.getHeader("Accept")) ? firewalled : null;
    }

    private static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String type = accept.trim();
        return type.equals("*/*") || type.equalsIgnoreCase(JSON) || type.equalsIgnoreCase("application/*");
    }

    /** A 200 with {@code json} as its body, counted in the HTTP metrics under {@code pathPattern}. */
    public static void writeJson(HttpServletRequest request, HttpServletResponse response, String pathPattern,
                                 byte[] json) throws IOException {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(observed -> observed.setPathPattern(pathPattern));
        response.setStatus(HttpServletResponse.SC_OK);
        for (HeaderWriter writer : SECURITY_HEADERS) {
            writer.writeHeaders(request, response);
        }
        response.setContentType(JSON);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
