package io.workspaces.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings precedence: flag > environment > config file > default. */
class CliConfigTest {

    @TempDir
    Path dir;

    private static final Config.Flags NO_FLAGS = new Config.Flags(null, null, null, null, null);

    @Test
    void defaultsWithNothingGiven() {
        Settings settings = Config.resolve(NO_FLAGS, Map.of("XDG_CONFIG_HOME", dir.toString()));
        assertThat(settings.commandUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(settings.queryUrl()).isEqualTo("http://127.0.0.1:8082");
        assertThat(settings.token()).isNull();
        assertThat(settings.output()).isEqualTo(Output.table);
        assertThat(settings.sources()).containsEntry("command-url", "default").containsEntry("token", "not set");
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = write("workspaces/cli.properties", """
                command-url=http://file:1
                query-url=http://file:2
                token=file-token
                output=json
                """);
        Map<String, String> env = new HashMap<>(Map.of("XDG_CONFIG_HOME", dir.toString()));

        Settings fromFile = Config.resolve(NO_FLAGS, env);
        assertThat(fromFile.commandUrl()).isEqualTo("http://file:1");
        assertThat(fromFile.queryUrl()).isEqualTo("http://file:2");
        assertThat(fromFile.token()).isEqualTo("file-token");
        assertThat(fromFile.output()).isEqualTo(Output.json);
        assertThat(fromFile.sources()).containsEntry("token", "config file " + file);

        env.put("WORKSPACES_QUERY_URL", "http://env:2/");
        env.put("WORKSPACES_TOKEN", "env-token");
        Settings fromEnv = Config.resolve(NO_FLAGS, env);
        assertThat(fromEnv.commandUrl()).isEqualTo("http://file:1");
        assertThat(fromEnv.queryUrl()).isEqualTo("http://env:2");
        assertThat(fromEnv.token()).isEqualTo("env-token");
        assertThat(fromEnv.sources()).containsEntry("query-url", "environment WORKSPACES_QUERY_URL");

        Settings fromFlags = Config.resolve(new Config.Flags(null, "https://flag:2", "flag-token", Output.table, null), env);
        assertThat(fromFlags.commandUrl()).isEqualTo("http://file:1");
        assertThat(fromFlags.queryUrl()).isEqualTo("https://flag:2");
        assertThat(fromFlags.token()).isEqualTo("flag-token");
        assertThat(fromFlags.output()).isEqualTo(Output.table);
        assertThat(fromFlags.sources()).containsEntry("query-url", "flag --query-url").containsEntry("output", "flag --output");
    }

    @Test
    void anEmptyTokenMeansNone() {
        Settings settings = Config.resolve(new Config.Flags(null, null, "", null, null),
                Map.of("XDG_CONFIG_HOME", dir.toString(), "WORKSPACES_TOKEN", "env-token"));
        assertThat(settings.token()).isNull();
        assertThat(settings.sources()).containsEntry("token", "flag --token (empty: none)");
    }

    @Test
    void anExplicitConfigFileReplacesTheDefaultOne() throws IOException {
        write("workspaces/cli.properties", "token=default-file\n");
        Path other = write("other.properties", "token=other-file\n");
        Settings settings = Config.resolve(new Config.Flags(null, null, null, null, other),
                Map.of("XDG_CONFIG_HOME", dir.toString()));
        assertThat(settings.token()).isEqualTo("other-file");
    }

    @Test
    void theDefaultFileFollowsXdgThenHome() {
        assertThat(Config.defaultFile(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")))
                .isEqualTo(Path.of("/x/workspaces/cli.properties"));
        assertThat(Config.defaultFile(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.config/workspaces/cli.properties"));
    }

    @Test
    void mistakesAreInvalidInput() throws IOException {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.toString());
        assertInvalid(() -> Config.resolve(new Config.Flags(null, null, null, null, dir.resolve("missing")), env),
                "does not exist");
        Path typo = write("typo.properties", "querry-url=http://x\n");
        assertInvalid(() -> Config.resolve(new Config.Flags(null, null, null, null, typo), env),
                "unknown key 'querry-url'");
        assertInvalid(() -> Config.resolve(new Config.Flags("localhost:8081", null, null, null, null), env),
                "command-url (flag --command-url) is not an http(s) base URL: 'localhost:8081'");
        assertInvalid(() -> Config.resolve(new Config.Flags(null, "http://h/?x=1", null, null, null), env),
                "not an http(s) base URL");
        Path badOutput = write("output.properties", "output=xml\n");
        assertInvalid(() -> Config.resolve(new Config.Flags(null, null, null, null, badOutput), env),
                "must be table or json");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.INVALID)).hasMessageContaining(message);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
