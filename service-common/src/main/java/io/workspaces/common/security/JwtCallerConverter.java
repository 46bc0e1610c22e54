package io.workspaces.common.security;

import io.workspaces.events.PlatformRole;
import io.workspaces.events.Principal;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A verified JWT as a {@link Caller}: the principal is {@code sub}, the platform roles come from the
 * configured claim. Role names of other systems in that claim are ignored; a {@code sub} that is not a valid
 * principal, is {@code *} or is one of the service's reserved principals makes the token invalid.
 */
class JwtCallerConverter implements Converter<Jwt, CallerAuthentication> {

    private final String[] rolesClaimPath;

    public JwtCallerConverter(String rolesClaim) {
        this.rolesClaimPath = rolesClaim.split("\\.");
    }

    @Override
    public CallerAuthentication convert(Jwt jwt) {
        String subject = jwt.getSubject();
        String problem = subject == null ? "is missing" : Principal.problemWith(subject);
        if (problem == null && "*".equals(subject)) {
            problem = "must name one principal, not '*'";
        }
        if (problem == null) {
            problem = Principal.reservedProblem(subject);
        }
        if (problem != null) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "the token's sub claim " + problem, null));
        }
        return new CallerAuthentication(Caller.of(subject, roles(jwt)), jwt);
    }

    private Set<PlatformRole> roles(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : rolesClaimPath) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Collection<?> names;
        if (value instanceof Collection<?> list) {
            names = list;
        } else if (value instanceof String text) {
            names = List.of(text.trim().split("\\s+"));
        } else {
            names = List.of();
        }
        List<PlatformRole> roles = new ArrayList<>();
        for (Object name : names) {
            Optional.ofNullable(name).map(Object::toString).flatMap(PlatformRole::fromWireName).ifPresent(roles::add);
        }
        return roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }
}
