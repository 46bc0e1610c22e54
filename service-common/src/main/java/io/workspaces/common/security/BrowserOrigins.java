package io.workspaces.common.security;

import io.workspaces.common.web.Headers;
import io.workspaces.common.web.ProblemResponses;
import io.workspaces.common.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Cross-origin calls from browser pages (CORS), for the web console: the query side serves the console, which sends
 * its writes to the command side, another origin. Only the origins listed in {@code workspaces.cors.allowed-origins}
 * (exact, e.g. {@code http://127.0.0.1:8082}) may; none when it is empty. Credentials (cookies) are never allowed:
 * the console sends its bearer token in the {@code Authorization} header, which a browser never adds by itself.
 * A request from any other origin answers 403 problem+json.
 */
final class BrowserOrigins {

    static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, Headers.IDEMPOTENCY_KEY, Headers.CONSISTENCY_TOKEN,
            Headers.REQUEST_ID, Headers.CORRELATION_ID);
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION,
            Headers.CONSISTENCY_TOKEN, Headers.REQUEST_ID, Headers.IDEMPOTENT_REPLAYED);

    private BrowserOrigins() {
    }

    /** The filter, or null when no origin is allowed. */
    static CorsFilter filter(String allowedOrigins, ProblemWriter problems) {
        UrlBasedCorsConfigurationSource source = source(allowedOrigins);
        if (source == null) {
            return null;
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(problems));
        return filter;
    }

    /** The allowed origins' configuration for {@code /v1/**}, or null when no origin is allowed. */
    static UrlBasedCorsConfigurationSource source(String allowedOrigins) {
        List<String> origins = Arrays.stream(allowedOrigins == null ? new String[0] : allowedOrigins.split(","))
                .map(String::trim).filter(StringUtils::hasText).toList();
        if (origins.isEmpty()) {
            return null;
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.PUT.name(),
                HttpMethod.PATCH.name(), HttpMethod.DELETE.name()));
        configuration.setAllowedHeaders(ALLOWED_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofMinutes(10));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/v1/**", configuration);
        return source;
    }

    /** Refuses a cross-origin request with a problem+json answer instead of a plain-text one. */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {
        private final ProblemWriter problems;

        ProblemCorsProcessor(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public boolean processRequest(CorsConfiguration configuration, HttpServletRequest request,
                                      HttpServletResponse response) throws IOException {
            if (configuration != null && CorsUtils.isCorsRequest(request)
                    && configuration.checkOrigin(request.getHeader(HttpHeaders.ORIGIN)) == null) {
                problems.write(request, response, ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden",
                        "Forbidden", "pages of this origin may not call this service (allowed origins: "
                                + "WORKSPACES_CORS_ALLOWED_ORIGINS)"));
                return false;
            }
            return super.processRequest(configuration, request, response);
        }
    }
}
