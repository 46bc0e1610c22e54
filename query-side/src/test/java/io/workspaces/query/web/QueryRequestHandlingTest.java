package io.workspaces.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What every read gets whatever the endpoint: authentication, request ids, problem+json, operations endpoints. */
class QueryRequestHandlingTest extends QueryTestBase {

    @Test
    void readModelQueriesArePlannedForTheirParametersAndTheTablesCurrentSize() {
        // a generic plan cached while the tables were small outlives their growth (docs/performance-log.md)
        assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
    }

    @Test
    void readsWithoutAPrincipalAnswer401() {
        for (String path : new String[]{"/v1/workspaces", "/v1/workspaces/default", "/v1/workspaces/default/members",
                "/v1/workspaces/default/history", "/v1/principals/bob/workspaces"}) {
            assertProblem(query().anonymous().get(path).send(), 401, "unauthenticated");
        }
    }

    @Test
    void requestIdsAreEchoedOrGenerated() {
        assertThat(query().get("/v1/workspaces").header("X-Request-Id", "q-123").send().header("X-Request-Id"))
                .isEqualTo("q-123");
        assertThat(query().get("/v1/workspaces").send().header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void writesToReadRoutesAnswer405WithAHintAtTheCommandSideAndTheAllowedMethods() {
        Api.Response created = command().post("/v1/workspaces", "{\"name\":\"" + uniqueName("ro") + "\"}").send();
        String path = "/v1/workspaces/" + created.json().path("name").asText();
        java.util.List<Api.Request> writes = java.util.List.of(
                query().post("/v1/workspaces", "{\"name\":\"nope\"}"),
                query().patch(path, "{\"description\":\"x\"}"),
                query().put(path, "{\"description\":\"x\"}"),
                query().delete(path),
                query().post(path + "/members", "{\"role\":\"viewer\"}"),
                query().delete(path + "/history"),
                query().post("/v1/principals/alice/workspaces", "{}"));
        for (Api.Request write : writes) {
            Api.Response response = write.send();
            JsonNode problem = assertProblem(response, 405, "http-405");
            assertThat(problem.path("detail").asText()).contains("command side");
            assertThat(response.header("Allow")).contains("GET");
        }
        // other 405s keep the plain answer
        Api.Response redeliverGet = query().get("/v1/webhooks/" + java.util.UUID.randomUUID() + "/deliveries/"
                + java.util.UUID.randomUUID() + "/redeliver").send();
        assertProblem(redeliverGet, 405, "http-405");
        assertThat(redeliverGet.header("Allow")).contains("POST");
        assertThat(redeliverGet.json().path("detail").asText()).doesNotContain("command side");
    }

    @Test
    void writesAndUnknownRoutesAnswerProblemJson() {
        Api.Response write = query().post("/v1/workspaces", "{\"name\":\"nope\"}").send();
        assertThat(write.status()).isEqualTo(405);
        assertThat(write.contentType()).startsWith("application/problem+json");
        Api.Response unknown = query().get("/v1/nothing-here").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteWithItsStatuses(
            @org.springframework.beans.factory.annotation.Autowired
            @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping routes) {
        Api.Response docs = query().anonymous().get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(io.workspaces.common.testing.ApiDocumentationCheck.check(docs.json(), routes)).isGreaterThan(20);
        assertThat(query().anonymous().get("/swagger-ui/index.html").send().status()).isEqualTo(200);
    }

    @Test
    void healthPrometheusAndOpenApiArePublished() {
        Api.Response health = query().anonymous().get("/actuator/health").send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(query().anonymous().get("/actuator/prometheus").send().body()).contains("jvm_memory_used_bytes");
        Api.Response docs = query().anonymous().get("/v3/api-docs").send();
        assertThat(docs.body()).contains("/v1/workspaces/{ref}/history", "/v1/principals/{principal}/workspaces");
    }
}
