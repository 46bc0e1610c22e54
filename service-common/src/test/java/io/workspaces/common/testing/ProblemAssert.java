package io.workspaces.common.testing;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts an RFC 9457 answer: status, problem+json, the problem type, a detail, the request id, no internals. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    public static JsonNode assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isEqualTo("urn:problem-type:workspaces:" + type);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("request_id").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.", "SQL", "select ", "insert ");
        return problem;
    }

    /** A 422 naming {@code field} among its field errors. */
    public static JsonNode assertInvalidField(Api.Response response, String field) {
        JsonNode problem = assertProblem(response, 422, "invalid-request");
        assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
        return problem;
    }
}
