package io.workspaces.command.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens of an OAuth2 issuer (RS256, keys from its JWK set URI, served here by a small HTTP server) get the same
 * checks as HMAC tokens: the default clock skew of 30 s, the maximum age, reserved principals, one fixed answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + CommandSideApplication.CONFIG_NAME,
        "workspaces.security.jwt.max-age=10m"})
class IssuerTokenTest {

    private static final String INVALID = "Bearer error=\"invalid_token\", error_description=\"The token is not valid\"";
    private static final RSAKey KEY;
    private static final HttpServer JWKS;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("test-key").generate();
            byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            JWKS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            JWKS.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            JWKS.start();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stopKeys() {
        JWKS.stop(0);
    }

    @Test
    void expiryIsCheckedWithThirtySecondsOfSkew() {
        Instant now = Instant.now();
        assertAccepted(token("ian", now.minus(Duration.ofMinutes(1)), now.minusSeconds(10)));
        assertRefused(token("ian", now.minus(Duration.ofMinutes(1)), now.minusSeconds(40)));
    }

    @Test
    void theMaximumAgeAndReservedPrincipalsApply() {
        Instant now = Instant.now();
        assertAccepted(token("ian", now.minus(Duration.ofMinutes(9)), now.plus(Duration.ofHours(1))));
        assertRefused(token("ian", now.minus(Duration.ofMinutes(11)), now.plus(Duration.ofHours(1))));
        assertRefused(token("ian", null, now.plus(Duration.ofHours(1))));
        assertRefused(token("system:workspaces", now, now.plus(Duration.ofHours(1))));
    }

    private static String token(String subject, Instant issuedAt, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://issuer.example")
                    .issueTime(issuedAt == null ? null : Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .claim("roles", List.of("workspace-creator")).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Api.Response create(String token) {
        return new Api("http://127.0.0.1:" + port).bearer(token)
                .post("/v1/workspaces", "{\"name\":\"it-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").send();
    }

    private void assertAccepted(String token) {
        Api.Response response = create(token);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private void assertRefused(String token) {
        Api.Response response = create(token);
        assertProblem(response, 401, "unauthenticated");
        assertThat(response.header("WWW-Authenticate")).isEqualTo(INVALID);
    }
}
