package io.workspaces.query.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.testing.RawHttp;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON answers of the access paths go out whole, with their length (one write, no chunks), and say the same
 * as before; problem answers and the other routes are unchanged.
 */
class AccessResponsesTest extends QueryTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void roleLookupsAndChecksAnswerWithTheirContentLengthNotInChunks() throws Exception {
        String name = uniqueName("sized");
        long token = create("alice", name, "").consistencyToken();
        List<String[]> alice = List.of(new String[]{"Authorization", "Bearer " + TestTokens.token("alice", List.of())},
                new String[]{"X-Consistency-Token", Long.toString(token)});

        RawHttp.Answer lookup = RawHttp.send(port, "GET", "/v1/principals/alice/workspaces", alice, null);
        assertSized(lookup, 200);
        JsonNode grants = JSON.readTree(lookup.body());
        assertThat(grants.path("data").findValuesAsText("name")).contains(name);

        List<String[]> json = List.of(alice.get(0), alice.get(1), new String[]{"Content-Type", "application/json"});
        RawHttp.Answer check = RawHttp.send(port, "POST", "/v1/access/check", json,
                "{\"checks\":[{\"principal\":\"alice\",\"workspace\":\"" + name + "\",\"action\":\"manage\"}]}");
        assertSized(check, 200);
        JsonNode result = JSON.readTree(check.body()).path("results").get(0);
        assertThat(result.path("allowed").asBoolean()).isTrue();
        assertThat(result.path("role").asText()).isEqualTo("admin");

        RawHttp.Answer forbidden = RawHttp.send(port, "GET", "/v1/principals/bob/workspaces", alice, null);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).startsWith("application/problem+json");
    }

    private static void assertSized(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Transfer-Encoding")).isNull();
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("Content-Length"))
                .isEqualTo(Integer.toString(answer.body().getBytes(StandardCharsets.UTF_8).length));
    }
}
