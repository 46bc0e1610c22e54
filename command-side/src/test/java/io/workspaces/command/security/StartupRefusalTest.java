package io.workspaces.command.security;

import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.StartupRefusedException;
import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configurations that would leave the API open or unusable are refused at start-up, with one clear sentence. */
class StartupRefusalTest {

    @Test
    void withNoWayToVerifyTokensTheServiceRefusesToStart() {
        assertThatThrownBy(() -> start())
                .hasRootCauseInstanceOf(StartupRefusedException.class)
                .rootCause().hasMessageContaining("WORKSPACES_JWT_HMAC_SECRET")
                .hasMessageContaining("ISSUER_URI");
    }

    @Test
    void developmentAuthenticationIsRefusedBeyondTheLoopbackInterface() {
        assertThatThrownBy(() -> start("--workspaces.security.dev-auth.enabled=true", "--server.address=0.0.0.0"))
                .hasRootCauseInstanceOf(StartupRefusedException.class)
                .rootCause().hasMessageContaining("refused on a server listening on 0.0.0.0");
    }

    @Test
    void developmentAuthenticationBeyondTheLoopbackStartsOnlyWhenForced() {
        try (ConfigurableApplicationContext context = start("--workspaces.security.dev-auth.enabled=true",
                "--workspaces.security.dev-auth.allow-non-loopback=true", "--server.address=0.0.0.0")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void aShortHmacSecretIsRefused() {
        assertThatThrownBy(() -> start("--workspaces.security.jwt.hmac-secret=too-short"))
                .hasRootCauseInstanceOf(StartupRefusedException.class)
                .rootCause().hasMessageContaining("at least 32 bytes");
    }

    private static ConfigurableApplicationContext start(String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + TestDatabase.URL, "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD));
        arguments.addAll(List.of(extra));
        return CommandSideApplication.application().run(arguments.toArray(String[]::new));
    }
}
