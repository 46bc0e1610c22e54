package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The token command signs as ./token.sh does: the same header and claims, HS256 with the same secret. */
class CliTokenTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void aTokenIsAnHs256JwtWithTheClaimsOfTokenSh() throws Exception {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String token = LocalTokens.mint(SECRET, "workspaces-local", "alice", List.of("workspace-creator", "auditor"), now, 3600);
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).doesNotContain("=", "+", "/");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        JsonNode claims = CliProcess.JSON.readTree(decode(parts[1]));
        assertThat(claims).isEqualTo(CliProcess.JSON.readTree("{\"sub\":\"alice\",\"iss\":\"workspaces-local\","
                + "\"iat\":1800000000,\"exp\":1800003600,\"roles\":[\"workspace-creator\",\"auditor\"]}"));
    }

    @Test
    void theSameTokenAsTokenSh(@TempDir Path dir) throws Exception {
        Path script = Path.of(System.getProperty("workspaces.root", ".."), "token.sh");
        assumeTrue(Files.isExecutable(script) && Files.isExecutable(Path.of("/usr/bin/openssl")), "token.sh and openssl");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "bob", "platform-admin");
        builder.environment().put("WORKSPACES_JWT_HMAC_SECRET", SECRET);
        builder.environment().put("WORKSPACES_JWT_ISSUER", "iss-1");
        builder.environment().put("WORKSPACES_TOKEN_TTL", "600");
        builder.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        String fromScript = Files.readString(dir.resolve("out")).strip();
        JsonNode claims = CliProcess.JSON.readTree(decode(fromScript.split("\\.")[1]));
        Instant issued = Instant.ofEpochSecond(claims.path("iat").asLong());
        // the same header and claims, both signed with the secret (JSON member order may differ)
        String ours = LocalTokens.mint(SECRET, "iss-1", "bob", List.of("platform-admin"), issued, 600);
        assertThat(SignedJWT.parse(fromScript).verify(new MACVerifier(SECRET))).isTrue();
        assertThat(SignedJWT.parse(ours).verify(new MACVerifier(SECRET))).isTrue();
        assertThat(CliProcess.JSON.readTree(decode(ours.split("\\.")[0])))
                .isEqualTo(CliProcess.JSON.readTree(decode(fromScript.split("\\.")[0])));
        assertThat(CliProcess.JSON.readTree(decode(ours.split("\\.")[1]))).isEqualTo(claims);
    }

    @Test
    void principalsAreCheckedLikeTokenShDoes() {
        assertThat(LocalTokens.principalProblem("alice")).isNull();
        assertThat(LocalTokens.principalProblem("svc:ingest@example.org")).isNull();
        assertThat(LocalTokens.principalProblem("*")).isNotNull();
        assertThat(LocalTokens.principalProblem("a/b")).isNotNull();
        assertThat(LocalTokens.principalProblem("has space")).isNotNull();
        assertThat(LocalTokens.principalProblem("")).isNotNull();
        assertThat(LocalTokens.principalProblem("x".repeat(256))).isNotNull();
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
