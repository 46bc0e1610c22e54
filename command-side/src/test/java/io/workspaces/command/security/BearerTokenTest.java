package io.workspaces.command.security;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Only a well-formed, correctly signed, unexpired token from the configured issuer authenticates a caller. */
class BearerTokenTest extends ApiTestBase {

    @Test
    void aValidTokenAuthenticatesItsSubjectWithThePlatformRolesOfItsClaim() {
        Api.Response created = api().as("tina").post("/v1/workspaces", "{\"name\":\"" + uniqueName("tok") + "\"}").send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("created_by").asText()).isEqualTo("tina");
        String id = created.json().path("id").asText();
        assertThat(jdbc.queryForObject("SELECT meta_data::jsonb->'platform_roles' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id))
                .isEqualTo("[\"workspace-creator\"]");
    }

    @Test
    void rolesMayBeASpaceSeparatedStringAndForeignRoleNamesAreIgnored() {
        String spaced = TestTokens.sign(TestTokens.claims("sam", List.of()).claim("roles", "reader workspace-creator")
                .build(), TestTokens.SECRET);
        String foreign = TestTokens.token("fred", List.of("admin", "superuser", "ROLE_platform-admin"));

        assertThat(api().bearer(spaced).post("/v1/workspaces", "{\"name\":\"" + uniqueName("sp") + "\"}").send()
                .status()).isEqualTo(201);
        assertProblem(api().bearer(foreign).post("/v1/workspaces", "{\"name\":\"" + uniqueName("fr") + "\"}").send(),
                403, "forbidden");
    }

    @Test
    void missingMalformedAndForgedTokensAnswer401WithABearerChallengeAndChangeNothing() {
        long before = eventCount();
        Instant now = Instant.now();
        Map<String, String> tokens = Map.ofEntries(
                Map.entry("expired", TestTokens.sign(TestTokens.claims("eve", List.of("platform-admin"))
                        .issueTime(Date.from(now.minus(Duration.ofHours(3))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(2)))).build(), TestTokens.SECRET)),
                Map.entry("wrong signature", TestTokens.sign(TestTokens.claims("eve", List.of("platform-admin")).build(),
                        "another-secret-of-enough-length-0123456789")),
                Map.entry("wrong issuer", TestTokens.sign(TestTokens.claims("eve", List.of("platform-admin"))
                        .issuer("https://elsewhere.example").build(), TestTokens.SECRET)),
                Map.entry("no expiry", TestTokens.sign(TestTokens.claims("eve", List.of("platform-admin"))
                        .expirationTime(null).build(), TestTokens.SECRET)),
                Map.entry("alg none", unsigned(TestTokens.claims("eve", List.of("platform-admin")).build())),
                Map.entry("sub is *", TestTokens.token("*", List.of("platform-admin"))),
                Map.entry("sub is the service", TestTokens.token("system:workspaces", List.of("platform-admin"))),
                Map.entry("sub is reserved", TestTokens.token("System:other", List.of("workspace-creator"))),
                Map.entry("sub with a space", TestTokens.token("eve mallory", List.of("platform-admin"))),
                Map.entry("no sub", TestTokens.sign(TestTokens.claims(null, List.of("platform-admin")).build(), TestTokens.SECRET)),
                Map.entry("garbage", "not.a.jwt"));

        tokens.forEach((kind, token) -> {
            Api.Response response = api().bearer(token)
                    .post("/v1/workspaces", "{\"name\":\"" + uniqueName("forged") + "\"}").send();
            assertProblem(response, 401, "unauthenticated");
            assertThat(response.header("WWW-Authenticate")).as(kind)
                    .isEqualTo("Bearer error=\"invalid_token\", error_description=\"The token is not valid\"");
            assertThat(response.json().path("detail").asText()).as(kind)
                    .isEqualTo(assertProblem(api().bearer("not.a.jwt").get("/v1/nothing").send(), 401, "unauthenticated")
                            .path("detail").asText());
            assertThat(response.body()).as(kind).doesNotContain(token, "Jwt", "JOSE", "Signed", "signature");
        });
        Api.Response none = api().anonymous().post("/v1/workspaces", "{\"name\":\"" + uniqueName("anon") + "\"}").send();
        assertProblem(none, 401, "unauthenticated");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aTokenForTheServicesOwnPrincipalCannotChangeTheBuiltInWorkspaces() {
        String token = TestTokens.token("system:workspaces", List.of("platform-admin"));
        long before = eventCount();

        Api.Response patch = api().bearer(token).patch("/v1/workspaces/system", "{\"description\":\"mine\"}").send();
        Api.Response grant = api().bearer(token).put("/v1/workspaces/default/members/mallory", "{\"role\":\"admin\"}")
                .send();

        for (Api.Response response : List.of(patch, grant)) {
            assertProblem(response, 401, "unauthenticated");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void expiryAndNotBeforeAreCheckedWithThirtySecondsOfClockSkew() {
        Instant now = Instant.now();
        String expired10sAgo = TestTokens.sign(TestTokens.claims("sky", List.of("workspace-creator"))
                .issueTime(Date.from(now.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(now.minusSeconds(10))).build(), TestTokens.SECRET);
        String expired40sAgo = TestTokens.sign(TestTokens.claims("sky", List.of("workspace-creator"))
                .issueTime(Date.from(now.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(now.minusSeconds(40))).build(), TestTokens.SECRET);
        String valid10sAhead = TestTokens.sign(TestTokens.claims("sky", List.of("workspace-creator"))
                .notBeforeTime(Date.from(now.plusSeconds(10))).build(), TestTokens.SECRET);
        String valid40sAhead = TestTokens.sign(TestTokens.claims("sky", List.of("workspace-creator"))
                .notBeforeTime(Date.from(now.plusSeconds(40))).build(), TestTokens.SECRET);

        assertThat(api().bearer(expired10sAgo).post("/v1/workspaces", "{\"name\":\"" + uniqueName("skew") + "\"}")
                .send().status()).isEqualTo(201);
        assertThat(api().bearer(valid10sAhead).post("/v1/workspaces", "{\"name\":\"" + uniqueName("skew") + "\"}")
                .send().status()).isEqualTo(201);
        for (String refused : List.of(expired40sAgo, valid40sAhead)) {
            Api.Response response = api().bearer(refused)
                    .post("/v1/workspaces", "{\"name\":\"" + uniqueName("skew") + "\"}").send();
            assertProblem(response, 401, "unauthenticated");
            assertThat(response.header("WWW-Authenticate"))
                    .isEqualTo("Bearer error=\"invalid_token\", error_description=\"The token is not valid\"");
        }
    }

    @Test
    void withoutAMaximumAgeOldTokensAndTokensWithoutIatAreAccepted() {
        Instant now = Instant.now();
        String old = TestTokens.sign(TestTokens.claims("olaf", List.of("workspace-creator"))
                .issueTime(Date.from(now.minus(Duration.ofDays(30)))).build(), TestTokens.SECRET);
        String noIat = TestTokens.sign(TestTokens.claims("olaf", List.of("workspace-creator")).issueTime(null).build(),
                TestTokens.SECRET);
        for (String token : List.of(old, noIat)) {
            assertThat(api().bearer(token).post("/v1/workspaces", "{\"name\":\"" + uniqueName("old") + "\"}").send()
                    .status()).isEqualTo(201);
        }
    }

    @Test
    void headerAuthenticationIsIgnoredWhenDevelopmentAuthenticationIsOff() {
        Api.Response response = api().anonymous().post("/v1/workspaces", "{\"name\":\"" + uniqueName("hdr") + "\"}")
                .header("X-Workspaces-Principal", "alice").header("X-Workspaces-Roles", "platform-admin").send();
        assertProblem(response, 401, "unauthenticated");
    }

    @Test
    void healthAndApiDocsNeedNoToken() {
        assertThat(api().anonymous().get("/actuator/health").send().status()).isEqualTo(200);
        assertThat(api().anonymous().get("/v3/api-docs").send().status()).isEqualTo(200);
    }

    private static String unsigned(JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8)).toString();
        return header + "." + payload + ".";
    }
}
