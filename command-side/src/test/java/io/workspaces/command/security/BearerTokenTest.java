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
            assertThat(response.header("WWW-Authenticate")).as(kind).startsWith("Bearer").contains("invalid_token");
            assertThat(response.body()).as(kind).doesNotContain(token);
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
