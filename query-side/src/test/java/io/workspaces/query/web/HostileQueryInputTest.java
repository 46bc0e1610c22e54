package io.workspaces.query.web;

import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.RawHttp;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.support.QueryTestBase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

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
        // generated text is percent-encoded; the listed segments are sent as written (some are encoded already)
        Arbitrary<String> segments = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                        .map(raw -> URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20")),
                Arbitraries.of("..", "%2e%2e", "..%2F..%2Fetc", "%00", "%2F", "%5C", "*", "%E2%80%AE", "'%20OR%201=1%20--",
                        "a".repeat(300), "00000000-0000-0000-0000-000000000000"));
        segments.sampleStream().limit(GENERATED).forEach(segment -> {
            for (String path : List.of("/v1/workspaces/" + segment, "/v1/workspaces/" + segment + "/members",
                    "/v1/workspaces/" + segment + "/history", "/v1/principals/" + segment + "/workspaces")) {
                assertRefused(query().get(path).send(), path);
            }
        });
    }

    @Test
    void controlCharactersInAnyHeaderValueAnswer400() {
        String token = TestTokens.token("alice", List.of());
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("X-Anything", "User-Agent", "Accept",
                        "If-None-Match", "X-Consistency-Token", "Last-Event-ID", "X-Request-Id", "Authorization"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(name -> "X-" + name));
        Arbitrary<Character> forbidden = Arbitraries.oneOf(Arbitraries.chars().range('\u0080', '\u009f'),
                Arbitraries.of('\u007f', '\u0000', '\u0001', '\u001b'));
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
        Arbitrary<String> values = Combinators.combine(text, forbidden, text).as((a, bad, b) -> "v" + a + bad + b);
        Arbitrary<String> paths = Arbitraries.of("/v1/workspaces", "/v1/workspaces/default", "/v1/workspaces/default/members",
                "/v1/principals/alice/workspaces", "/v1/audit/events", "/v1/events", "/actuator/health");
        for (int i = 0; i < GENERATED; i++) {
            String name = names.sample();
            String value = values.sample();
            String path = paths.sample();
            List<String[]> headers = new ArrayList<>();
            if (!name.equals("Authorization")) {
                headers.add(new String[]{"Authorization", "Bearer " + token});
            }
            headers.add(new String[]{name, value});
            RawHttp.Answer answer = RawHttp.send(port, "GET", path, headers, null);
            String shown = path + " with " + name + ": " + value.chars()
                    .mapToObj(c -> c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c))
                    .collect(Collectors.joining());
            assertThat(answer.status()).as("status for %s: %s", shown, answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(shown).startsWith("application/problem+json");
            assertThat(answer.body()).as(shown).doesNotContain("Exception", "at io.", "at org.", "<html");
        }
    }

    @Test
    void instantsOutsideTheYears1To9999Answer422AndThoseInsideAreRead() {
        Arbitrary<Integer> outsideYears = Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, 0),
                Arbitraries.integers().between(10_000, 999_999_999), Arbitraries.of(-4713, -4714, 0, 10_000, 294_277));
        Arbitrary<String> outside = Combinators.combine(outsideYears, Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 23),
                        Arbitraries.of("Z", "+00:00", "-05:00", "+14:00"))
                .as((year, month, day, hour, offset) -> String.format("%s-%02d-%02dT%02d:00:00%s",
                        year > 9999 ? "+" + year : year < 0 ? String.format("-%04d", -year) : String.format("%04d", year),
                        month, day, hour, offset));
        Arbitrary<String> inside = Combinators.combine(Arbitraries.integers().between(1, 9999),
                        Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 28))
                .as((year, month, day) -> String.format("%04d-%02d-%02dT12:00:00Z", year, month, day));
        List<String> edges = List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00+01:00",
                "9999-12-31T23:00:00-01:00", "-4713-01-01T00:00:00Z", "+10000-01-01T00:00:00Z");
        List<String> instants = new ArrayList<>(edges);
        instants.addAll(outside.list().ofSize(GENERATED / 2).sample());
        instants.addAll(inside.list().ofSize(GENERATED / 4).sample());
        for (String instant : instants) {
            boolean valid = instantIsWithinRange(instant);
            String encoded = URLEncoder.encode(instant, StandardCharsets.UTF_8);
            for (String path : List.of("/v1/workspaces/default?as_of=" + encoded,
                    "/v1/workspaces/default/members?as_of=" + encoded, "/v1/audit/events?from=" + encoded,
                    "/v1/audit/events?to=" + encoded)) {
                Api.Response response = auditor().get(path).send();
                if (valid) {
                    assertThat(response.status()).as("%s: %s", path, response.body()).isIn(200, 404);
                } else {
                    assertRefused(response, path);
                    assertThat(response.status()).as(path).isEqualTo(422);
                }
            }
        }
    }

    private static boolean instantIsWithinRange(String instant) {
        Instant parsed = OffsetDateTime.parse(instant).toInstant();
        return !parsed.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                && parsed.isBefore(Instant.parse("+10000-01-01T00:00:00Z"));
    }

    @Test
    void aKeyGivenTwiceInAWebhookBodyAnswers422() {
        List<String> fields = List.of("url", "description", "secret");
        Arbitrary<String> texts = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10);
        for (int i = 0; i < GENERATED / 2; i++) {
            List<String> keys = new ArrayList<>(Arbitraries.of(fields).list().ofMaxSize(2).sample());
            String repeated = Arbitraries.of(fields).sample();
            keys.add(repeated);
            keys.add(repeated);
            Collections.shuffle(keys, new Random(i));
            String body = keys.stream().map(key -> "\"" + key + "\":\"" + (key.equals("url")
                            ? "https://hooks.example.com/" + texts.sample() : texts.sample()) + "\"")
                    .collect(Collectors.joining(",", "{", "}"));
            Api.Response response = query().post("/v1/webhooks", body).send();
            assertRefused(response, body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(body).isIn(fields.toArray());
        }
    }

    private static void assertRefused(Api.Response response, String input) {
        String shown = input.length() > 80 ? input.substring(0, 80) + "..." : input;
        assertThat(response.status()).as("status for %s: %s", shown, response.body()).isBetween(400, 499);
        assertThat(response.contentType()).as("content type for %s", shown).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.", "SQL", "<html");
    }
}
