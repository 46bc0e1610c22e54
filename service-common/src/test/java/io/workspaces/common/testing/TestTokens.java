package io.workspaces.common.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Bearer tokens for tests, signed like a real issuer would (HS256 with the secret the test applications are
 * configured with), plus the broken kinds a server must refuse.
 */
public final class TestTokens {

    public static final String SECRET = "test-only-hmac-secret-0123456789-abcdefghij";
    public static final String ISSUER = "workspaces-test";
    /** Spring properties that make an application verify these tokens. */
    public static final String[] PROPERTIES = {
            "workspaces.security.jwt.hmac-secret=" + SECRET,
            "workspaces.security.jwt.issuer=" + ISSUER};

    private TestTokens() {
    }

    /** A valid token for {@code principal} with these platform roles, valid for an hour. */
    public static String token(String principal, List<String> roles) {
        return sign(claims(principal, roles).build(), SECRET);
    }

    public static JWTClaimsSet.Builder claims(String principal, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(principal)
                .issuer(ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("roles", roles);
    }

    public static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
