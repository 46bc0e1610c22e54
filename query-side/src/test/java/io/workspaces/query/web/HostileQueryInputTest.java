package io.workspaces.query.web;

import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated garbage in every read's path, parameters and headers: always a 4xx problem+json, never a crash. */
class HostileQueryInputTest extends QueryTestBase {

    private static final int GENERATED = 100;

    @AfterEach
    void theServiceIsHealthy() {
        assertThat(query().anonymous().get("/actuator/health").send().body()).contains("\"UP\"");
    }

    @Test
    void hostileParameterValues() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("-1", "0", "1001", "99999999999999999999", "1e3", "0x10", " 1", "NaN", "' OR 1=1 --",
                        "%00", "\u202e", "admin\u0000", "a".repeat(5000)));
        List<String> parameters = List.of("page", "page_size", "sort", "name_prefix", "member", "role", "after",
                "as_of", "include_everyone");
        values.sampleStream().limit(GENERATED).forEach(value -> {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            for (String parameter : parameters) {
                String path = parameter.equals("include_everyone") ? "/v1/principals/alice/workspaces"
                        : parameter.equals("as_of") ? "/v1/workspaces/default" : "/v1/workspaces";
                Api.Response response = query().get(path + "?" + parameter + "=" + encoded).send();
                if (response.status() != 200) { // some random values are valid, e.g. a name_prefix "abc"
                    assertRefused(response, parameter + "=" + value);
                }
            }
            assertRefused(auditor().get("/v1/audit/events?limit=" + encoded + "&type=" + encoded).send(), value);
            Api.Response withToken = query().get("/v1/workspaces")
                    .header("X-Consistency-Token", value.replaceAll("[^ -~]", "?")).send();
            if (withToken.status() != 200) { // "0" is a valid token
                assertRefused(withToken, "token " + value);
            }
        });
    }

    @Test
    void hostilePathSegments() {
        Arbitrary<String> segments = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("..", "%2e%2e", "..%2F..%2Fetc", "%00", "%2F", "%5C", "*", "%E2%80%AE", "' OR 1=1 --",
                        "a".repeat(300), "00000000-0000-0000-0000-000000000000"));
        segments.sampleStream().limit(GENERATED).forEach(raw -> {
            String segment = raw.contains("%") ? raw : URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
            for (String path : List.of("/v1/workspaces/" + segment, "/v1/workspaces/" + segment + "/members",
                    "/v1/workspaces/" + segment + "/history", "/v1/principals/" + segment + "/workspaces")) {
                assertRefused(query().get(path).send(), path);
            }
        });
    }

    private static void assertRefused(Api.Response response, String input) {
        String shown = input.length() > 80 ? input.substring(0, 80) + "..." : input;
        assertThat(response.status()).as("status for %s: %s", shown, response.body()).isBetween(400, 499);
        assertThat(response.contentType()).as("content type for %s", shown).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.", "SQL", "<html");
    }
}
