package io.workspaces.common.security;

import io.workspaces.common.web.ProblemResponses;
import io.workspaces.common.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * A missing or rejected credential: 401 with the {@code WWW-Authenticate: Bearer ...} challenge of RFC 6750
 * and a problem+json body saying what was wrong, without echoing the token.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final ProblemWriter problems;

    public ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        challenge.commence(request, response, failure);
        String detail = failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                ? "the bearer token was rejected: " + oauth.getError().getDescription()
                : "this request needs a valid bearer token (Authorization: Bearer <JWT>)";
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Authentication required", detail);
        problems.write(request, response, problem);
    }
}
