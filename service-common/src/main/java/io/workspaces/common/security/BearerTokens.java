package io.workspaces.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The bearer token of the {@code Authorization} header, read as Spring Security's default resolver reads it (scheme
 * {@code Bearer} in any case, one space, a token of RFC 6750's characters; no token in query parameters or form
 * bodies) but without its case-insensitive regular expression, which cost about 2.5% of a small request's CPU time
 * (docs/performance-log.md). A header that starts with {@code bearer} but does not hold such a token is refused as
 * malformed, and a token in the header and another in the query string ({@code access_token}) as ambiguous, as the
 * default resolver refuses them.
 */
final class BearerTokens implements BearerTokenResolver {

    private static final String SCHEME = "bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || !isToken(authorization, SCHEME.length())) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        if (request.getQueryString() != null && request.getParameterValues("access_token") != null) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(
                    "Found multiple bearer tokens in the request"));
        }
        return authorization.substring(SCHEME.length());
    }

    /** {@code [A-Za-z0-9-._~+/]+=*} from {@code start} to the end. */
    static boolean isToken(String text, int start) {
        int end = text.length();
        while (end > start && text.charAt(end - 1) == '=') {
            end--;
        }
        if (end == start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
