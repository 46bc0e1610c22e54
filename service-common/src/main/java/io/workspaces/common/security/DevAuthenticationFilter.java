package io.workspaces.common.security;

import io.workspaces.common.web.ProblemResponses;
import io.workspaces.common.web.ProblemWriter;
import io.workspaces.events.PlatformRole;
import io.workspaces.events.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.workspaces.common.security.SecurityProperties.DevAuth.PRINCIPAL_HEADER;
import static io.workspaces.common.security.SecurityProperties.DevAuth.ROLES_HEADER;

/**
 * Development authentication: a request without a bearer token is taken to come from the principal named in
 * {@value SecurityProperties.DevAuth#PRINCIPAL_HEADER}, with the platform roles listed (comma- or
 * space-separated) in {@value SecurityProperties.DevAuth#ROLES_HEADER}. Nothing is verified: local use only.
 */
class DevAuthenticationFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public DevAuthenticationFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String principal = request.getHeader(PRINCIPAL_HEADER);
        boolean alreadyAuthenticated = SecurityContextHolder.getContext().getAuthentication() != null;
        if (principal == null || alreadyAuthenticated || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            chain.doFilter(request, response);
            return;
        }
        String problem = Principal.problemWith(principal);
        if (problem == null && "*".equals(principal)) {
            problem = "'*' cannot act";
        }
        if (problem == null) {
            problem = Principal.reservedProblem(principal);
        }
        List<PlatformRole> roles = new ArrayList<>();
        String rolesHeader = request.getHeader(ROLES_HEADER);
        if (problem == null && rolesHeader != null && !rolesHeader.isBlank()) {
            for (String name : rolesHeader.trim().split("[,\\s]+")) {
                Optional<PlatformRole> role = PlatformRole.fromWireName(name);
                if (role.isEmpty()) {
                    problem = "names an unknown platform role '" + name + "' in " + ROLES_HEADER;
                    break;
                }
                roles.add(role.get());
            }
        }
        if (problem != null) {
            problems.write(request, response, ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", PRINCIPAL_HEADER + " " + problem));
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(Caller.of(principal, roles), null));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
