package io.workspaces.common.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How callers authenticate ({@code workspaces.security.*}). Bearer JWTs are verified either with a shared
 * HMAC secret ({@code jwt.hmac-secret}, for single-node installs) or with the keys of an OAuth2 issuer
 * (Spring's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}).
 *
 * @param jwt     token verification and how to read a token's platform roles
 * @param devAuth development authentication from headers: local use only
 */
@ConfigurationProperties("workspaces.security")
public record SecurityProperties(Jwt jwt, DevAuth devAuth) {

    public SecurityProperties {
        jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
        devAuth = devAuth == null ? new DevAuth(false, false) : devAuth;
    }

    /**
     * @param hmacSecret HS256 secret, at least 32 bytes; empty when an issuer's keys are used instead
     * @param issuer     the required {@code iss} claim (recommended; unchecked when empty)
     * @param audience   a required {@code aud} value (unchecked when empty)
     * @param rolesClaim the claim holding platform roles: a list or a space-separated string; a dotted path
     *                   reaches into objects, e.g. {@code realm_access.roles} (default {@code roles})
     */
    public record Jwt(String hmacSecret, String issuer, String audience, String rolesClaim) {
        public Jwt {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        }
    }

    /**
     * @param enabled          take the caller, unverified, from {@value #PRINCIPAL_HEADER} and {@value #ROLES_HEADER}
     * @param allowNonLoopback start even though the server listens beyond the loopback interface
     */
    public record DevAuth(boolean enabled, boolean allowNonLoopback) {
        public static final String PRINCIPAL_HEADER = "X-Workspaces-Principal";
        public static final String ROLES_HEADER = "X-Workspaces-Roles";
    }
}
