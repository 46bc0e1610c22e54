package io.workspaces.common.security;

import io.workspaces.common.web.ProblemResponses;
import io.workspaces.common.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * A missing or rejected credential: 401 with the {@code WWW-Authenticate: Bearer ...} challenge of RFC 6750
 * and a problem+json body. A rejected token gets one fixed description, whatever the reason (expired, forged,
 * another issuer...): the reasons help an attacker more than a client, and the library's wording can change.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String INVALID_TOKEN_CHALLENGE =
            "Bearer error=\"invalid_token\", error_description=\"The token is not valid\"";

    private final ProblemWriter problems;

    public ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean rejectedToken = failure instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, rejectedToken ? INVALID_TOKEN_CHALLENGE : "Bearer");
        String detail = rejectedToken
                ? "the bearer token is not valid (expired, not yet valid, too old, wrongly signed, for another issuer "
                        + "or audience, or naming a principal that cannot act); get a new one"
                : "this request needs a valid bearer token (Authorization: Bearer <JWT>)";
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Authentication required", detail);
        problems.write(request, response, problem);
    }
}
