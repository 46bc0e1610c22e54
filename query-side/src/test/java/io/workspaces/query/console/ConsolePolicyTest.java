package io.workspaces.query.console;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's Content-Security-Policy and issuer sign-in settings, from the settings alone. */
class ConsolePolicyTest {

    private static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    private static final String CLIENT_ID = "workspaces.console.oauth.client-id";

    @Test
    void withoutAnIssuerThePageConnectsToItselfAndTheCommandSideOnly() {
        assertThat(ConsoleConfiguration.contentSecurityPolicy("http://127.0.0.1:8081/", null))
                .contains("connect-src 'self' http://127.0.0.1:8081; ");
        assertThat(IssuerSignIn.from(new MockEnvironment().withProperty(ISSUER_URI, "https://login.example.com/realm"),
                false)).as("no client id: no issuer sign-in").isNull();
    }

    @Test
    void withAnIssuerThePageMayConnectToExactlyItsOrigin() {
        IssuerSignIn signIn = IssuerSignIn.from(new MockEnvironment()
                .withProperty(ISSUER_URI, "https://login.example.com:8443/realms/workspaces")
                .withProperty(CLIENT_ID, "console"), false);
        assertThat(signIn).isEqualTo(new IssuerSignIn("https://login.example.com:8443/realms/workspaces", "console",
                "openid"));
        assertThat(ConsoleConfiguration.contentSecurityPolicy("http://127.0.0.1:8081", signIn.origin()))
                .contains("connect-src 'self' http://127.0.0.1:8081 https://login.example.com:8443; ")
                .doesNotContain("realms", "*", "unsafe");
        assertThat(signIn.settings()).containsOnlyKeys("issuer", "client_id", "scopes");
    }

    @Test
    void anHmacSecretMeansTheIssuerDoesNotSignTheTokens() {
        assertThat(IssuerSignIn.from(new MockEnvironment().withProperty(ISSUER_URI, "https://login.example.com")
                .withProperty(CLIENT_ID, "console").withProperty("workspaces.security.jwt.hmac-secret", "s".repeat(32)),
                false)).isNull();
    }

    @Test
    void anIssuerThatIsNotAnHttpUrlIsRefused() {
        assertThatThrownBy(() -> IssuerSignIn.from(new MockEnvironment().withProperty(ISSUER_URI, "javascript:alert(1)")
                .withProperty(CLIENT_ID, "console"), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
