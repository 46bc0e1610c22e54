package io.workspaces.command.web;

import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage against every write endpoint: generated malformed, truncated, mistyped, nested, oversized and
 * unicode-laden requests. Each must get a 4xx problem+json, change nothing, and leave the service healthy.
 */
class HostileInputTest extends ApiTestBase {

    private static final int GENERATED = 100;
    private long eventsBefore;
    private String workspace;

    @BeforeEach
    void aWorkspaceToAttack() {
        workspace = createWorkspace("alice", uniqueName("target")).path("name").asText();
        eventsBefore = eventCount();
    }

    @AfterEach
    void nothingChangedAndTheServiceIsHealthy() {
        assertThat(eventCount()).as("events stored by hostile requests").isEqualTo(eventsBefore);
        assertThat(api().anonymous().get("/actuator/health").send().body()).contains("\"UP\"");
    }

    @Test
    void malformedAndTruncatedJsonBodies() {
        String valid = "{\"name\":\"valid-name\",\"description\":\"a description\"}";
        Arbitrary<String> truncated = Arbitraries.integers().between(0, valid.length() - 1).map(end -> valid.substring(0, end));
        Arbitrary<String> mangled = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .map(junk -> valid.substring(0, valid.length() / 2) + junk);
        Arbitrary<String> random = Arbitraries.strings().ofMinLength(1).ofMaxLength(200);
        for (Arbitrary<String> bodies : List.of(truncated, mangled, random)) {
            bodies.sampleStream().limit(GENERATED).forEach(body -> {
                assertRefused(api().as("alice").post("/v1/workspaces", body).send(), body);
                assertRefused(api().as("alice").patch("/v1/workspaces/" + workspace, body).send(), body);
                assertRefused(api().as("alice").put("/v1/workspaces/" + workspace + "/members/bob", body).send(), body);
            });
        }
    }

    @Test
    void wrongTypesNullsAndUnknownFields() {
        Arbitrary<String> values = Arbitraries.of("null", "true", "0", "-1", "1e309", "[]", "{}", "[\"a\"]",
                "{\"nested\":1}", "\"\"", "123456789012345678901234567890");
        values.sampleStream().limit(GENERATED).forEach(value -> {
            assertRefused(api().as("alice").post("/v1/workspaces", "{\"name\":" + value + "}").send(), value);
            if (!value.equals("\"\"")) { // an empty description is a valid one
                assertRefused(api().as("alice").patch("/v1/workspaces/" + workspace, "{\"description\":" + value + "}")
                        .send(), value);
            }
            assertRefused(api().as("alice").put("/v1/workspaces/" + workspace + "/members/bob",
                    "{\"role\":" + value + "}").send(), value);
        });
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                .filter(field -> !List.of("name", "description", "role").contains(field))
                .sampleStream().limit(GENERATED / 3).forEach(field -> assertRefused(api().as("alice")
                        .post("/v1/workspaces", "{\"name\":\"" + uniqueName("x") + "\",\"" + field + "\":1}").send(), field));
    }

    @Test
    void hugeAndDeeplyNestedBodies() {
        assertRefused(api().as("alice").post("/v1/workspaces", "{\"name\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}")
                .send(), "10 MB");
        try {
            assertRefused(api().as("alice").post("/v1/workspaces", "{\"description\":\"" + "b".repeat(10 * 1024 * 1024)
                    + "\"}").chunked().send(), "10 MB chunked");
        } catch (UncheckedIOException cutOff) {
            // also a refusal: the server answered 413 and closed the connection while the upload was still going
        }
        for (int depth : new int[]{100, 2_000, 20_000}) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            assertRefused(api().as("alice").post("/v1/workspaces", "{\"name\":" + nested + "}").send(), "depth " + depth);
            assertRefused(api().as("alice").post("/v1/workspaces", nested).send(), "depth " + depth);
        }
    }

    @Test
    void overlongUnicodeAndSqlLookingNames() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(64).ofMaxLength(300),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)
                        .filter(name -> !name.matches("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")),
                Arbitraries.of("\u0430dmin", "p\u0430ypal", "\u202eevil", "a\u0000b", "caf\u00e9", "ADMIN", "-lead",
                        "trail-", "x'; DROP TABLE domain_event_entry; --", "a\" OR \"1\"=\"1", "../../etc",
                        "12345678-1234-1234-1234-123456789abc", "deadbeef-dead-beef-dead-beefdeadbeef"));
        names.sampleStream().limit(GENERATED).forEach(name -> assertRefused(api().as("alice")
                .post("/v1/workspaces", "{\"name\":" + jsonString(name) + "}").send(), name));
    }

    @Test
    void hostilePathSegmentsForWorkspacesPrincipalsAndEntities() {
        Arbitrary<String> segments = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("..", "%2e%2e", "..%2F..%2Fetc", "%00", "a%00b", "%2F", "%5C", "x%3B%20DROP", "*", "%2A",
                        "%E2%80%AE", "%F0%9F%98%80", "' OR 1=1 --", "a".repeat(300)));
        Function<String, String> segment = raw -> raw.contains("%") ? raw
                : URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
        segments.sampleStream().limit(GENERATED).forEach(raw -> {
            String s = segment.apply(raw);
            assertRefused(api().as("bob").patch("/v1/workspaces/" + s, "{\"description\":\"x\"}").send(), raw);
            assertRefused(api().as("bob").delete("/v1/workspaces/" + s).send(), raw);
            assertRefused(api().as("bob").put("/v1/workspaces/" + s + "/members/bob", "{\"role\":\"viewer\"}").send(), raw);
            assertRefused(api().as("bob").put("/v1/workspaces/" + workspace + "/members/" + s, "{\"role\":\"viewer\"}")
                    .send(), raw);
            assertRefused(api().as("bob").put("/v1/workspaces/" + workspace + "/entities/" + s + "/x").send(), raw);
        });
    }

    @Test
    void hostileHeaders() {
        for (String ifMatch : List.of("\"abc\"", "\"-1\"", "\"99999999999999999999\"", "W/\"x\"", "1", "\"1\", \"2\"")) {
            assertRefused(api().as("alice").patch("/v1/workspaces/" + workspace, "{\"description\":\"x\"}")
                    .header("If-Match", ifMatch).send(), ifMatch);
        }
        for (String key : List.of("", " ", "k".repeat(300), "caf\u00e9")) {
            Api.Response response = api().as("alice").post("/v1/workspaces", "{\"name\":\"" + uniqueName("k") + "\"")
                    .header("Idempotency-Key", key).send();
            assertRefused(response, "Idempotency-Key " + key);
        }
    }

    private static void assertRefused(Api.Response response, String input) {
        assertThat(response.status()).as("status for %s: %s", abbreviate(input), response.body()).isBetween(400, 499);
        assertThat(response.contentType()).as("content type for %s", abbreviate(input)).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.", "SQL", "<html");
    }

    private static String abbreviate(String input) {
        return input.length() > 80 ? input.substring(0, 80) + "..." : input;
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                json.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", c));
            } else {
                json.appendCodePoint(c);
            }
        });
        return json.append('"').toString();
    }
}
