package io.workspaces.cli;

import io.workspaces.client.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.workspaces.cli.CliProcess.bare;
import static io.workspaces.cli.CliProcess.cli;
import static io.workspaces.cli.CliWorkspacesTest.assertExit;
import static io.workspaces.cli.CliWorkspacesTest.errorLine;
import static io.workspaces.cli.CliWorkspacesTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes and error lines, settings from the environment and config files, tokens; the launcher and the token
 * command as processes of their own. */
@ExtendWith(CliServices.class)
class CliErrorsTest {

    @Test
    void invalidInputExitsTwo() {
        CliProcess.Result pageSize = cli().as("alice").run("list", "--page-size", "5000");
        assertExit(pageSize, ExitCodes.INVALID);
        assertThat(errorLine(pageSize)).isEqualTo("error: Invalid request: page_size must be an integer from 1 to 1000 (422)");
        assertThat(pageSize.errLines()).hasSize(1);

        CliProcess.Result name = cli().as("alice", "workspace-creator").run("create", "--name", "Not_A_Label");
        assertExit(name, ExitCodes.INVALID);
        assertThat(errorLine(name)).startsWith("error: Invalid request: name ").endsWith("(422)");

        CliProcess.Result usage = cli().as("alice").run("list", "--colour");
        assertExit(usage, ExitCodes.INVALID);
        assertThat(usage.errLines()).containsExactly("error: Unknown option: '--colour' (see 'workspaces list --help')");

        CliProcess.Result ahead = cli().as("alice").run("get", "default", "--after", "999999999");
        assertExit(ahead, ExitCodes.INVALID);
        assertThat(errorLine(ahead)).contains("ahead of the event log");
    }

    @Test
    void authenticationFailuresExitSix() {
        CliProcess.Result none = cli().run("list");
        assertExit(none, ExitCodes.UNAUTHENTICATED);
        assertThat(errorLine(none)).startsWith("error: Authentication required: ").endsWith("(401)");
        assertThat(none.err()).contains("hint: no token given");

        CliProcess.Result garbage = cli().run("--token", "not-a-jwt", "get", "default");
        assertExit(garbage, ExitCodes.UNAUTHENTICATED);

        String expired = LocalTokens.mint(CliServices.SECRET, CliServices.ISSUER, "alice", List.of("workspace-creator"),
                Instant.now().minusSeconds(7200), 3600);
        CliProcess.Result late = cli().run("--token", expired, "create", "--name", unique("late"));
        assertExit(late, ExitCodes.UNAUTHENTICATED);
        assertThat(errorLine(late)).endsWith("(401)");

        String forged = LocalTokens.mint("another-secret-of-at-least-32-bytes-xxxxxxxxx", CliServices.ISSUER, "alice",
                List.of("platform-admin"), Instant.now(), 3600);
        assertExit(cli().run("--token", forged, "audit", "verify"), ExitCodes.UNAUTHENTICATED);
    }

    @Test
    void unreachableServiceExitsSeven() {
        String closed = "http://127.0.0.1:" + ServiceProcess.freePort();
        CliProcess.Result query = cli().as("alice").run("--query-url", closed, "list");
        assertExit(query, ExitCodes.UNAVAILABLE);
        assertThat(query.errLines()).containsExactly("error: cannot reach the query side at " + closed
                + ": connection refused (is it running? ./run.sh starts both sides)");

        CliProcess.Result command = cli().as("alice", "workspace-creator").env(Config.COMMAND_URL_ENV, closed)
                .run("create", "--name", unique("nowhere"));
        assertExit(command, ExitCodes.UNAVAILABLE);
        assertThat(errorLine(command)).startsWith("error: cannot reach the command side at " + closed);
    }

    @Test
    void settingsComeFromFlagsThenEnvironmentThenConfigFile(@TempDir Path dir) throws IOException {
        CliServices services = CliServices.get();
        Path file = dir.resolve("cli.properties");
        Files.writeString(file, "command-url=" + services.command.baseUrl() + "\nquery-url=" + services.query.baseUrl()
                + "\ntoken=" + CliServices.token("gina", "workspace-creator") + "\noutput=json\n");

        // the config file alone is enough
        String name = unique("conf");
        CliProcess.Result created = bare().run("--config", file.toString(), "create", "--name", name);
        assertExit(created, 0);
        assertThat(created.json().path("workspace").path("created_by").asText()).isEqualTo("gina");

        // the default config file ($XDG_CONFIG_HOME/workspaces/cli.properties)
        Files.createDirectories(dir.resolve("workspaces"));
        Files.copy(file, dir.resolve("workspaces/cli.properties"));
        CliProcess.Result fromDefault = bare().env("XDG_CONFIG_HOME", dir.toString())
                .run("get", name, "--after", created.json().path("consistency_token").asText());
        assertExit(fromDefault, 0);
        assertThat(fromDefault.json().path("name").asText()).isEqualTo(name);

        // the environment beats the file, a flag beats both
        String closed = "http://127.0.0.1:" + ServiceProcess.freePort();
        CliProcess.Result envWins = bare().env(Config.QUERY_URL_ENV, closed).run("--config", file.toString(), "get", name);
        assertExit(envWins, ExitCodes.UNAVAILABLE);
        CliProcess.Result flagWins = bare().env(Config.QUERY_URL_ENV, closed)
                .run("--config", file.toString(), "--query-url", services.query.baseUrl(), "--output", "table", "get", name);
        assertExit(flagWins, 0);
        assertThat(flagWins.out()).startsWith("name ");

        CliProcess.Result shown = bare().env(Config.QUERY_URL_ENV, closed).run("--config", file.toString(), "config");
        assertExit(shown, 0);
        assertThat(shown.json().path("query-url").path("source").asText()).isEqualTo("environment WORKSPACES_QUERY_URL");
        assertThat(shown.json().path("command-url").path("source").asText()).isEqualTo("config file " + file);
        assertThat(shown.json().path("token").path("value").asText()).endsWith("characters)");
    }

    @Test
    void tokenCommandMintsWhatTheServiceAccepts(@TempDir Path dir) throws IOException {
        CliProcess.Result minted = bare().env("WORKSPACES_JWT_HMAC_SECRET", CliServices.SECRET)
                .env("WORKSPACES_JWT_ISSUER", CliServices.ISSUER).run("token", "hank", "workspace-creator");
        assertExit(minted, 0);
        String token = minted.out().strip();
        assertThat(token.split("\\.")).hasSize(3);
        assertExit(cli().run("--token", token, "create", "--name", unique("hank")), 0);

        // the secret from .local/jwt-hmac-secret of the repository, as ./token.sh reads it
        Files.createDirectories(dir.resolve(".local"));
        Files.writeString(dir.resolve(".local/jwt-hmac-secret"), CliServices.SECRET + "\n");
        CliProcess.Result fromFile = bare().env("WORKSPACES_JWT_ISSUER", CliServices.ISSUER)
                .property("workspaces.home", dir.toString()).run("token", "ida", "auditor", "-o", "json");
        assertExit(fromFile, 0);
        assertThat(fromFile.json().path("roles").get(0).asText()).isEqualTo("auditor");
        assertExit(cli().run("--token", fromFile.json().path("token").asText(), "roles", "hank"), 0);

        CliProcess.Result noSecret = bare().property("workspaces.home", dir.resolve("empty").toString()).run("token", "x");
        assertExit(noSecret, ExitCodes.ERROR);
        assertThat(errorLine(noSecret)).contains("no secret yet");
    }

    @Test
    void theLauncherRunsTheJarAndKeepsAClassArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(CliProcess.jar(), dir.resolve("cli-test-exec.jar"));
        Path launcher = Path.of(System.getProperty("workspaces.root", ".."), "workspaces");
        for (int run = 1; run <= 2; run++) {
            ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "--output", "json", "config")
                    .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("WORKSPACES_"));
            builder.environment().put("WORKSPACES_CLI_JAR", jar.toString());
            builder.environment().put("XDG_CONFIG_HOME", dir.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
            assertThat(Files.readString(dir.resolve("err"))).isEmpty();
            assertThat(CliProcess.JSON.readTree(dir.resolve("out").toFile()).path("command-url").path("value").asText())
                    .isEqualTo(Config.DEFAULT_COMMAND_URL);
            assertThat(dir.resolve("cli-test-exec.jsa")).as("the class-data archive after run %d", run).isRegularFile();
        }
    }

    @Test
    void versionHelpAndCompletion() {
        CliProcess.Result version = bare().run("--version");
        assertExit(version, 0);
        assertThat(version.out()).startsWith("workspaces 0.1.0");

        CliProcess.Result completion = bare().run("completion");
        assertExit(completion, 0);
        assertThat(completion.out()).contains("complete -F", "members", "set-role", "--name-prefix");
    }
}
