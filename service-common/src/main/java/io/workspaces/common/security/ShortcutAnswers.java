package io.workspaces.common.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the shortcuts of the hot paths share (the access check and the role lookup on the query side, the commonest
 * writes on the command side; docs/performance-log.md): which requests they may answer at all, and an answer written as
 * Spring Security's filter chain and Spring MVC would write it.
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

    /** The chain's CORS configuration (null when no origin is allowed), whose processor adds {@code Vary}. */
    private final UrlBasedCorsConfigurationSource browserOrigins;
    private final DefaultCorsProcessor corsProcessor = new DefaultCorsProcessor();

    ShortcutAnswers(UrlBasedCorsConfigurationSource browserOrigins) {
        this.browserOrigins = browserOrigins;
    }

    /**
     * {@code request} as the filter chain's firewall passes it on (every header checked, parameter names checked as
     * they are read), when it is plain HTTP, not from a browser (no CORS) and has an {@code Accept} a JSON answer
     * satisfies; null otherwise, and when the firewall refuses it (the chain then answers 400).
     */
    public HttpServletRequest ordinaryOrNull(HttpServletRequest request) {
        if (request.isSecure()) {
            return null;
        }
        HttpServletRequest firewalled = RequestFirewall.firewalledOrNull(request);
        return firewalled != null && firewalled.getHeader("Origin") == null
                && acceptsJson(firewalled.getHeader("Accept")) ? firewalled : null;
    }

    /** A 200 with {@code json} as its body, counted in the HTTP metrics under {@code pathPattern}. */
    public void writeJson(HttpServletRequest request, HttpServletResponse response, String pathPattern, byte[] json)
            throws IOException {
        writeJson(request, response, HttpServletResponse.SC_OK, pathPattern, json);
    }

    /**
     * An answer of {@code status} with {@code json} as its body (headers of its own already set on {@code response}),
     * counted in the HTTP metrics under {@code pathPattern}.
     */
    public void writeJson(HttpServletRequest request, HttpServletResponse response, int status, String pathPattern,
                          byte[] json) throws IOException {
        writeChainHeaders(request, response, pathPattern);
        response.setStatus(status);
        response.setContentType(JSON);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /**
     * What the filter chain adds to every answer of an ordinary request, written on {@code response} before its body:
     * the security headers, and {@code Vary} when CORS is configured; the answer is counted in the HTTP metrics under
     * {@code pathPattern}.
     */
    public void writeChainHeaders(HttpServletRequest request, HttpServletResponse response, String pathPattern)
            throws IOException {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(observed -> observed.setPathPattern(pathPattern));
        CorsConfiguration cors = browserOrigins == null ? null : browserOrigins.getCorsConfiguration(request);
        if (cors != null) {
            // a request without Origin is no CORS request: the processor only adds Vary, as in the chain
            corsProcessor.processRequest(cors, request, response);
        }
        for (HeaderWriter writer : SECURITY_HEADERS) {
            writer.writeHeaders(request, response);
        }
    }

    /** {@code application/json}, with no parameter but a UTF-8 charset. */
    public static boolean isJson(String contentType) {
        return isJson(contentType, List.of());
    }

    /** {@code application/json} or one of {@code otherTypes}, with no parameter but a UTF-8 charset. */
    public static boolean isJson(String contentType, List<String> otherTypes) {
        if (contentType == null) {
            return false;
        }
        String rest = null;
        if (contentType.regionMatches(true, 0, JSON, 0, JSON.length())) {
            rest = contentType.substring(JSON.length()).trim();
        }
        for (int i = 0; rest == null && i < otherTypes.size(); i++) {
            String type = otherTypes.get(i);
            if (contentType.regionMatches(true, 0, type, 0, type.length())) {
                rest = contentType.substring(type.length()).trim();
            }
        }
        if (rest == null || rest.isEmpty()) {
            return rest != null;
        }
        if (rest.charAt(0) != ';') {
            return false;
        }
        String parameter = rest.substring(1).trim();
        return parameter.equalsIgnoreCase("charset=utf-8") || parameter.equalsIgnoreCase("charset=\"utf-8\"");
    }

    /** {@code request} with its body already read as {@code body}, for the filter chain when a shortcut declines. */
    public static HttpServletRequest withBody(HttpServletRequest request, byte[] body) {
        return new ReadBody(request, body);
    }

    private static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String type = accept.trim();
        return type.equals("*/*") || type.equalsIgnoreCase(JSON) || type.equalsIgnoreCase("application/*");
    }

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
