package io.workspaces.command.security;

import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token settings and the management port, set: a clock skew of 5 s, a maximum token age of 10 minutes, and
 * /actuator on a port of its own.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + CommandSideApplication.CONFIG_NAME,
        "workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
        "workspaces.security.jwt.issuer=" + TestTokens.ISSUER,
        "workspaces.security.jwt.clock-skew=5s",
        "workspaces.security.jwt.max-age=10m",
        "management.server.port=0"})
class TokenSettingsTest {

    private static final String INVALID = "Bearer error=\"invalid_token\", error_description=\"The token is not valid\"";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Test
    void theConfiguredClockSkewReplacesTheDefault() {
        Instant now = Instant.now();
        assertAccepted(token(now.minus(Duration.ofMinutes(1)), now.minusSeconds(2)));
        assertRefused(token(now.minus(Duration.ofMinutes(1)), now.minusSeconds(10)));
    }

    @Test
    void tokensOlderThanTheMaximumAgeOrWithoutIatAreRefused() {
        Instant now = Instant.now();
        assertAccepted(token(now.minus(Duration.ofMinutes(9)), now.plus(Duration.ofHours(1))));
        assertRefused(token(now.minus(Duration.ofMinutes(11)), now.plus(Duration.ofHours(1))));
        assertRefused(token(null, now.plus(Duration.ofHours(1))));
    }

    @Test
    void actuatorIsServedOnTheManagementPortOnly() {
        assertThat(managementPort).isNotEqualTo(port);
        Api management = new Api("http://127.0.0.1:" + managementPort).anonymous();
        Api.Response prometheus = management.get("/actuator/prometheus").send();
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes")
                // the service's own metrics are there too
                .contains("workspaces_commands_total{application=\"workspaces-command-side\",command=\"create_workspace\",outcome=\"accepted\"}");
        assertThat(management.get("/actuator/health").send().body()).contains("\"UP\"");

        Api api = new Api("http://127.0.0.1:" + port).anonymous();
        assertThat(api.get("/actuator/prometheus").send().status()).isEqualTo(404);
        assertThat(api.get("/actuator/health").send().status()).isEqualTo(404);
        assertProblem(api.post("/v1/workspaces", "{\"name\":\"x\"}").send(), 401, "unauthenticated");
        assertThat(management.get("/v1/workspaces").send().status()).isIn(401, 404);
    }

    private static String token(Instant issuedAt, Instant expiresAt) {
        return TestTokens.sign(TestTokens.claims("tess", List.of("workspace-creator"))
                .issueTime(issuedAt == null ? null : Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt)).build(), TestTokens.SECRET);
    }

    private void assertAccepted(String token) {
        Api.Response response = new Api("http://127.0.0.1:" + port).bearer(token)
                .post("/v1/workspaces", "{\"name\":\"ts-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private void assertRefused(String token) {
        Api.Response response = new Api("http://127.0.0.1:" + port).bearer(token)
                .post("/v1/workspaces", "{\"name\":\"ts-" + UUID.randomUUID().toString().substring(0, 8) + "\"}").send();
        assertProblem(response, 401, "unauthenticated");
        assertThat(response.header("WWW-Authenticate")).isEqualTo(INVALID);
    }
}
