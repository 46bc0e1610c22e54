package io.workspaces.query.security;

import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.QuerySideApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side with both bearer tokens and development authentication: neither lets a caller act as one of the
 * service's own principals ({@code system:...}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + QuerySideApplication.CONFIG_NAME,
        "workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
        "workspaces.security.jwt.issuer=" + TestTokens.ISSUER,
        "workspaces.security.dev-auth.enabled=true",
        "workspaces.broker.enabled=false"})
// closed after the class: its node (a context of its own, on the shared test database) would otherwise keep running, and claim the projections of any later test that stops its own processors
@DirtiesContext
class ReservedPrincipalsTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    private Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    @Test
    void aTokenWhoseSubjectIsReservedAnswers401() {
        for (String reserved : List.of("system:workspaces", "SYSTEM:Workspaces", "system:other")) {
            Api.Response response = api().bearer(TestTokens.token(reserved, List.of("platform-admin")))
                    .get("/v1/workspaces").send();
            assertProblem(response, 401, "unauthenticated");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        }
        assertThat(api().as("olga").get("/v1/workspaces").send().status()).isEqualTo(200);
    }

    @Test
    void aDevelopmentPrincipalThatIsReservedAnswers401() {
        for (String reserved : List.of("system:workspaces", "System:x")) {
            Api.Response response = api().anonymous().get("/v1/workspaces")
                    .header("X-Workspaces-Principal", reserved).header("X-Workspaces-Roles", "auditor").send();
            assertThat(assertProblem(response, 401, "unauthenticated").path("detail").asText()).contains("reserved");
        }
        assertThat(api().anonymous().get("/v1/workspaces").header("X-Workspaces-Principal", "olga").send()
                .status()).isEqualTo(200);
    }
}
