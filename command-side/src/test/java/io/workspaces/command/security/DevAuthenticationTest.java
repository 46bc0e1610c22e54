package io.workspaces.command.security;

import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Development authentication, switched on explicitly: the caller is whoever the headers say. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + CommandSideApplication.CONFIG_NAME,
                "workspaces.security.dev-auth.enabled=true"})
class DevAuthenticationTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Test
    void theHeadersNameTheCallerAndTheirPlatformRoles() {
        String name = "dev-" + System.nanoTime();
        Api.Response created = post(name, "dora", "workspace-creator");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("created_by").asText()).isEqualTo("dora");
        assertProblem(post("dev-" + System.nanoTime(), "dora", null), 403, "forbidden");
    }

    @Test
    void invalidHeadersAnswer401() {
        assertProblem(post("dev-x", "*", "workspace-creator"), 401, "unauthenticated");
        assertProblem(post("dev-x", "has space", "workspace-creator"), 401, "unauthenticated");
        assertProblem(post("dev-x", "dora", "workspace-creator,overlord"), 401, "unauthenticated");
        assertProblem(post("dev-x", null, null), 401, "unauthenticated");
    }

    @Test
    void theServicesReservedPrincipalsCannotBeClaimed() {
        for (String reserved : new String[]{"system:workspaces", "system:x", "SYSTEM:workspaces"}) {
            assertThat(assertProblem(post("dev-" + System.nanoTime(), reserved, "platform-admin"), 401,
                    "unauthenticated").path("detail").asText()).contains("reserved");
        }
        Api.Response patch = new Api("http://127.0.0.1:" + port).anonymous()
                .patch("/v1/workspaces/system", "{\"description\":\"mine\"}")
                .header("X-Workspaces-Principal", "system:workspaces").send();
        assertProblem(patch, 401, "unauthenticated");
    }

    private Api.Response post(String name, String principal, String roles) {
        Api.Request request = new Api("http://127.0.0.1:" + port).anonymous()
                .post("/v1/workspaces", "{\"name\":\"" + name + "\"}");
        if (principal != null) {
            request.header("X-Workspaces-Principal", principal);
        }
        if (roles != null) {
            request.header("X-Workspaces-Roles", roles);
        }
        return request.send();
    }
}
