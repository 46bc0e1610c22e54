package io.workspaces.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Command-line parsing, help and usage errors, in process (no service needed). */
class CliArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "create", "list", "get", "update", "delete", "members", "members list", "members add",
            "members set-role", "members remove", "entities", "entities register", "entities unregister", "roles", "history", "audit", "audit export", "audit verify", "token",
            "config", "completion"})
    void everyCommandHasHelpWithExamples(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        CliProcess.Result help = InProcess.run(args);
        assertThat(help.exit()).as("%s", help).isZero();
        assertThat(help.out()).startsWith("Usage: workspaces" + (command.isEmpty() ? "" : " " + command))
                .contains("Examples");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void footersFitEightyColumns() {
        List<CommandLine> commands = new ArrayList<>(List.of(Main.commandLine(InProcess.io())));
        List<String> tooLong = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values());
            CommandLine.Model.UsageMessageSpec usage = commands.get(i).getCommandSpec().usageMessage();
            for (String line : usage.footer()) {
                if (line.length() > 80) {
                    tooLong.add(commands.get(i).getCommandSpec().qualifiedName() + ": " + line);
                }
            }
            for (String line : concat(usage.footer(), usage.description())) {
                // picocli formats these texts: a lone % must be written %%
                assertThatCode(() -> String.format(line)).as(line).doesNotThrowAnyException();
            }
        }
        assertThat(commands).hasSizeGreaterThan(15);
        assertThat(tooLong).isEmpty();
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertUsageError(InProcess.run(), "error: no command given (see 'workspaces --help')");
        assertUsageError(InProcess.run("frobnicate"), "error: Unmatched argument at index 0: 'frobnicate' (see 'workspaces --help')");
        assertUsageError(InProcess.run("create"), "error: Missing required option: '--name=NAME' (see 'workspaces create --help')");
        assertUsageError(InProcess.run("members"), "error: which one: list, add, set-role or remove? (see 'workspaces members --help')");
        assertUsageError(InProcess.run("members", "add", "ml-team", "bob"),
                "error: Missing required option: '--role=ROLE' (see 'workspaces members add --help')");
        assertUsageError(InProcess.run("list", "--page", "1", "--all"),
                "error: --all and --page cannot be combined (see 'workspaces list --help')");
        assertUsageError(InProcess.run("list", "--page", "one"),
                "error: Invalid value for option '--page': 'one' is not an int (see 'workspaces list --help')");
        assertUsageError(InProcess.run("get", "x", "--timeout", "0"), "error: --timeout must be at least 1 second");
    }

    @Test
    void localMistakesExitTwo() {
        CliProcess.Result output = InProcess.run("list", "--output", "yaml");
        assertThat(output.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(output.err()).startsWith("error: Invalid value for option '--output': expected one of [table, json]");
        CliProcess.Result config = InProcess.run("--config", "/nonexistent/cli.properties", "list");
        assertThat(config.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(config.err()).isEqualTo("error: config file /nonexistent/cli.properties does not exist\n");
        CliProcess.Result role = InProcess.run(Map.of("WORKSPACES_JWT_HMAC_SECRET", "s"), "", false, "token", "x", "root");
        assertThat(role.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(role.err()).isEqualTo("error: unknown platform role 'root' (platform-admin, workspace-creator, auditor, access-checker)\n");
        CliProcess.Result principal = InProcess.run(Map.of("WORKSPACES_JWT_HMAC_SECRET", "s"), "", false, "token", "a/b");
        assertThat(principal.exit()).isEqualTo(ExitCodes.INVALID);
        CliProcess.Result ttl = InProcess.run(Map.of("WORKSPACES_JWT_HMAC_SECRET", "s"), "", false, "token", "a", "--ttl", "0");
        assertThat(ttl.exit()).isEqualTo(ExitCodes.INVALID);
        CliProcess.Result secretFile = InProcess.run("token", "a", "--secret-file", "/nonexistent/secret");
        assertThat(secretFile.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(secretFile.err()).isEqualTo("error: no secret file /nonexistent/secret\n");
    }

    @Test
    void deleteWithoutATerminalNeedsYesBeforeAnyRequest() {
        CliProcess.Result refused = InProcess.run("delete", "ml-team", "--query-url", "http://127.0.0.1:1");
        assertThat(refused.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(refused.err()).isEqualTo("error: refusing to delete 'ml-team' without confirmation: stdin is not a "
                + "terminal; pass --yes\n");

        CliProcess.Result declined = InProcess.run(Map.of(), "\n", true, "delete", "ml-team");
        assertThat(declined.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(declined.err()).endsWith("[y/N] error: not deleted: not confirmed\n");

        CliProcess.Result confirmedButNowhere = InProcess.run(Map.of(), "yes\n", true, "delete", "ml-team",
                "--command-url", "http://127.0.0.1:1");
        assertThat(confirmedButNowhere.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void globalOptionsGoAnywhere() {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", "/nonexistent");
        CliProcess.Result before = InProcess.run(env, "", false, "--output", "json", "--query-url", "http://q:1/", "config");
        CliProcess.Result after = InProcess.run(env, "", false, "config", "--query-url", "http://q:1/", "-o", "json");
        assertThat(before.exit()).isZero();
        assertThat(after.out()).isEqualTo(before.out()).contains("\"value\" : \"http://q:1\"", "\"source\" : \"flag --query-url\"");
    }

    @Test
    void badSettingsExitTwo() {
        CliProcess.Result url = InProcess.run(Map.of("WORKSPACES_QUERY_URL", "ftp://x"), "", false, "list");
        assertThat(url.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(url.err()).isEqualTo("error: query-url (environment WORKSPACES_QUERY_URL) is not an http(s) base URL: "
                + "'ftp://x'\n");
        CliProcess.Result output = InProcess.run(Map.of("WORKSPACES_OUTPUT", "yaml"), "", false, "list");
        assertThat(output.exit()).isEqualTo(ExitCodes.INVALID);
    }

    private static List<String> concat(String[] first, String[] second) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all;
    }

    private static void assertUsageError(CliProcess.Result result, String line) {
        assertThat(result.exit()).as("%s", result).isEqualTo(ExitCodes.INVALID);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(line + "\n");
    }
}
