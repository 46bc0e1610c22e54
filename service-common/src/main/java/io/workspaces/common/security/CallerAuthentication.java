package io.workspaces.common.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.Optional;

/** An authenticated {@link Caller}: the result of a verified bearer token (or of development headers). */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Object credentials;

    public CallerAuthentication(Caller caller, Object credentials) {
        super(caller.platformRoleNames().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.caller = caller;
        this.credentials = credentials;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    /** When the credentials stop being valid: a bearer token's {@code exp}; none for development authentication. */
    public Optional<Instant> expiresAt() {
        return credentials instanceof Jwt jwt ? Optional.ofNullable(jwt.getExpiresAt()) : Optional.empty();
    }

    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.principal().value();
    }
}
