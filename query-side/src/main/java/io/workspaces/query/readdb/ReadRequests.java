package io.workspaces.query.readdb;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/**
 * Sends the SQL of the API's reads to the read database: GET and HEAD under {@code /v1/}, and the access check
 * ({@code POST /v1/access/check}, which changes nothing). Webhook subscriptions and deliveries and the projection
 * admin API stay on the primary, reads included: they are this node's own state, not event-sourced read models, and
 * a client that has just changed them must see its change without a consistency token. So do the audit chain's
 * verification, the actuator (health, the gauges' SQL) and everything not served on a request thread.
 */
class ReadRequests implements Filter {

    static boolean servedFromReadDatabase(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!path.startsWith("/v1/")) {
            return false;
        }
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return !path.startsWith("/v1/webhooks") && !path.startsWith("/v1/admin/") && !path.equals("/v1/admin");
        }
        return "POST".equals(method) && path.equals("/v1/access/check");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !servedFromReadDatabase(http)) {
            chain.doFilter(request, response);
            return;
        }
        Boolean before = ReadRoute.enter();
        try {
            chain.doFilter(request, response);
        } finally {
            ReadRoute.restore(before);
        }
    }
}
