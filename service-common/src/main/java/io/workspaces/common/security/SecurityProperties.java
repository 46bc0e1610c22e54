package io.workspaces.common.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How callers authenticate ({@code workspaces.security.*}). Bearer JWTs are verified either with a shared
 * HMAC secret ({@code jwt.hmac-secret}, for single-node installs) or with the keys of an OAuth2 issuer
 * (Spring's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}).
 *
 * @param jwt     token verification and how to read a token's platform roles
 * @param devAuth development authentication from headers: local use only
 */
@ConfigurationProperties("workspaces.security")
record SecurityProperties(Jwt jwt, DevAuth devAuth) {

    public SecurityProperties {
        jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
        devAuth = devAuth == null ? new DevAuth(false, false) : devAuth;
    }

    /**
     * @param hmacSecret HS256 secret, at least 32 bytes; empty when an issuer's keys are used instead
     * @param issuer     the required {@code iss} claim (recommended; unchecked when empty)
     * @param audience   a required {@code aud} value (unchecked when empty)
     * @param rolesClaim the claim holding platform roles: a list or a space-separated string; a dotted path
     *                   reaches into objects, e.g. {@code realm_access.roles} (default {@code roles})
     * @param clockSkew  how far {@code exp}, {@code nbf} (and the maximum age) may be off the server's clock (30 s)
     * @param maxAge     when set, tokens whose {@code iat} is older than this, or that have no {@code iat}, are refused
     */
    public record Jwt(String hmacSecret, String issuer, String audience, String rolesClaim, Duration clockSkew,
                      Duration maxAge) {
        public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

        public Jwt {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("workspaces.security.jwt.clock-skew must not be negative");
            }
            if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
                throw new IllegalArgumentException("workspaces.security.jwt.max-age must be positive");
            }
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
