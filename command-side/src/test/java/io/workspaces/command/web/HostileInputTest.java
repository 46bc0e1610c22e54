package io.workspaces.command.web;

import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.RawHttp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
        // generated text is percent-encoded; the listed segments are sent as written (some are encoded already)
        Arbitrary<String> segments = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                        .map(raw -> URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20")),
                Arbitraries.of("..", "%2e%2e", "..%2F..%2Fetc", "%00", "a%00b", "%2F", "%5C", "x%3B%20DROP", "*", "%2A",
                        "%E2%80%AE", "%F0%9F%98%80", "'%20OR%201=1%20--", "a".repeat(300)));
        segments.sampleStream().limit(GENERATED).forEach(s -> {
            assertRefused(api().as("bob").patch("/v1/workspaces/" + s, "{\"description\":\"x\"}").send(), s);
            assertRefused(api().as("bob").delete("/v1/workspaces/" + s).send(), s);
            assertRefused(api().as("bob").put("/v1/workspaces/" + s + "/members/bob", "{\"role\":\"viewer\"}").send(), s);
            assertRefused(api().as("bob").put("/v1/workspaces/" + workspace + "/members/" + s, "{\"role\":\"viewer\"}")
                    .send(), s);
            assertRefused(api().as("bob").put("/v1/workspaces/" + workspace + "/entities/" + s + "/x").send(), s);
        });
    }

    @Test
    void hostileHeaders() {
        for (String ifMatch : List.of("\"abc\"", "\"-1\"", "\"99999999999999999999\"", "W/\"x\"", "1", "\"1\", \"9\"", "W/\"2\"")) {
            assertRefused(api().as("alice").patch("/v1/workspaces/" + workspace, "{\"description\":\"x\"}")
                    .header("If-Match", ifMatch).send(), ifMatch);
        }
        for (String key : List.of("", " ", "k".repeat(300), "caf\u00e9")) {
            Api.Response response = api().as("alice").post("/v1/workspaces", "{\"name\":\"" + uniqueName("k") + "\"")
                    .header("Idempotency-Key", key).send();
            assertRefused(response, "Idempotency-Key " + key);
        }
    }

    @Test
    void controlCharactersInAnyHeaderValueAnswer400() {
        String token = io.workspaces.common.testing.TestTokens.token("alice", List.of("workspace-creator"));
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("X-Anything", "User-Agent", "Accept", "If-Match",
                        "Idempotency-Key", "X-Request-Id", "X-Correlation-Id", "Accept-Language", "Authorization"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(name -> "X-" + name));
        Arbitrary<String> values = hostileHeaderValues();
        Arbitrary<String[]> requests = Arbitraries.of(
                new String[]{"POST", "/v1/workspaces", "{\"name\":\"hdr-" + System.nanoTime() + "\"}"},
                new String[]{"PATCH", "/v1/workspaces/" + workspace, "{\"description\":\"x\"}"},
                new String[]{"PUT", "/v1/workspaces/" + workspace + "/members/bob", "{\"role\":\"viewer\"}"},
                new String[]{"DELETE", "/v1/workspaces/" + workspace, null},
                new String[]{"GET", "/actuator/health", null});
        for (int i = 0; i < GENERATED; i++) {
            String name = names.sample();
            String value = values.sample();
            String[] request = requests.sample();
            List<String[]> headers = new java.util.ArrayList<>();
            if (!name.equals("Authorization")) {
                headers.add(new String[]{"Authorization", "Bearer " + token});
            }
            if (request[2] != null) {
                headers.add(new String[]{"Content-Type", "application/json"});
            }
            headers.add(new String[]{name, value});
            RawHttp.Answer answer = RawHttp.send(port, request[0], request[1], headers, request[2]);
            String shown = request[0] + " " + request[1] + " with " + name + ": " + escaped(value);
            assertThat(answer.status()).as("status for %s: %s", shown, answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(shown).startsWith("application/problem+json");
            assertThat(answer.body()).as(shown).doesNotContain("Exception", "at io.", "at org.", "<html");
        }
    }

    /** Printable text with at least one character a header value must not hold: C1 controls, DEL, C0 but CR/LF. */
    static Arbitrary<String> hostileHeaderValues() {
        Arbitrary<Character> forbidden = Arbitraries.oneOf(Arbitraries.chars().range('\u0080', '\u009f'),
                Arbitraries.of('\u007f', '\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u001f'));
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
        return net.jqwik.api.Combinators.combine(text, forbidden, text).as((before, bad, after) -> "v" + before + bad + after);
    }

    @Test
    void aKeyGivenTwiceInABodyAnswers422WhateverTheOtherFields() {
        Arbitrary<String> texts = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(t -> "\"" + t + "\"");
        record Target(String method, String path, List<String> fields) {
        }
        List<Target> targets = List.of(new Target("POST", "/v1/workspaces", List.of("name", "description")),
                new Target("PATCH", "/v1/workspaces/" + workspace, List.of("description", "name")),
                new Target("PUT", "/v1/workspaces/" + workspace + "/members/bob", List.of("role")));
        for (int i = 0; i < GENERATED; i++) {
            Target target = Arbitraries.of(targets).sample();
            List<String> keys = new java.util.ArrayList<>(Arbitraries.of(target.fields()).list().ofMinSize(0).ofMaxSize(3)
                    .sample());
            String repeated = Arbitraries.of(target.fields()).sample();
            keys.add(repeated);
            keys.add(repeated);
            java.util.Collections.shuffle(keys, new java.util.Random(i));
            String body = keys.stream().map(key -> "\"" + key + "\":" + (key.equals("role")
                            ? Arbitraries.of("\"viewer\"", "\"editor\"", "\"admin\"").sample()
                            : key.equals("name") && target.method().equals("POST") ? "\"" + uniqueName("dup") + "\""
                            : texts.sample()))
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            Api.Request request = switch (target.method()) {
                case "POST" -> api().as("alice").post(target.path(), body);
                case "PATCH" -> api().as("alice").patch(target.path(), body);
                default -> api().as("alice").put(target.path(), body);
            };
            Api.Response response = request.send();
            assertRefused(response, body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().path("errors").findValuesAsText("message").toString()).as(body)
                    .contains("more than once");
            assertThat(target.fields()).contains(response.json().path("errors").get(0).path("field").asText());
        }
    }

    private static String escaped(String value) {
        StringBuilder shown = new StringBuilder();
        value.chars().forEach(c -> shown.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return shown.toString();
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
