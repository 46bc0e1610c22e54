package io.workspaces.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code workspaces}: the command-line client of the Workspaces service. Its options apply to every command. */
@Command(name = "workspaces", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"The command-line client of the Workspaces service: writes go to the command side, reads to the "
                + "query side.", ""},
        subcommands = {CreateCommand.class, ListCommand.class, GetCommand.class, UpdateCommand.class,
                DeleteCommand.class, MembersCommand.class, EntitiesCommand.class, RolesCommand.class, HistoryCommand.class,
                AuditCommand.class, TokenCommand.class, ConfigCommand.class, CompletionCommand.class},
        footerHeading = "%nSettings%n",
        footer = {
                "  flag > environment > config file > default:",
                "  --command-url  WORKSPACES_COMMAND_URL  command-url  http://127.0.0.1:8081",
                "  --query-url    WORKSPACES_QUERY_URL    query-url    http://127.0.0.1:8082",
                "  --token        WORKSPACES_TOKEN        token        (none)",
                "  --output       WORKSPACES_OUTPUT       output       table",
                "  config file: --config FILE, else $XDG_CONFIG_HOME/workspaces/cli.properties",
                "               or ~/.config/workspaces/cli.properties",
                "",
                "Examples",
                "  export WORKSPACES_TOKEN=$(./workspaces token alice workspace-creator)",
                "  ./workspaces create --name ml-team --description \"Models and datasets\"",
                "  ./workspaces list --name-prefix ml",
                "  ./workspaces get ml-team --output json",
                "  source <(./workspaces completion)",
                "",
                "Exit codes",
                "  0 ok, 1 other error, 2 invalid input or usage, 3 not found, 4 conflict,",
                "  5 forbidden, 6 unauthenticated, 7 service unavailable, 8 audit chain broken"})
final class WorkspacesCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--command-url", scope = ScopeType.INHERIT, paramLabel = "URL", order = 1,
            description = "command side base URL (env WORKSPACES_COMMAND_URL; default http://127.0.0.1:8081)")
    String commandUrl;

    @Option(names = "--query-url", scope = ScopeType.INHERIT, paramLabel = "URL", order = 2,
            description = "query side base URL (env WORKSPACES_QUERY_URL; default http://127.0.0.1:8082)")
    String queryUrl;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT", order = 3,
            description = "bearer token (env WORKSPACES_TOKEN; local ones: workspaces token SUBJECT [ROLES...])")
    String token;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 4,
            description = "config file (default ~/.config/workspaces/cli.properties: command-url=, query-url=, token=, output=)")
    Path config;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", order = 5,
            description = "table (for people, the default) or json (one document on stdout, for scripts)")
    Output output;

    @Option(names = "--after", scope = ScopeType.INHERIT, paramLabel = "TOKEN", order = 6,
            description = "consistency token of an earlier write (from --output json): reads wait until they see it")
    Long after;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", order = 7, defaultValue = "30",
            description = "how long one request may take (default ${DEFAULT-VALUE}; exports are not limited)")
    int timeoutSeconds;

    final Io io;
    /** The command line's default value provider: environment, then config file, then built-in defaults. */
    final Config defaults;
    private Settings settings;
    private Api api;

    WorkspacesCli(Io io) {
        this.io = io;
        this.defaults = new Config(io.env(), () -> config);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    Settings settings() {
        if (settings == null) {
            settings = defaults.settings(commandUrl, queryUrl, token, output);
        }
        return settings;
    }

    Api api() {
        if (api == null) {
            if (timeoutSeconds < 1) {
                throw new CliException(ExitCodes.INVALID, "--timeout must be at least 1 second");
            }
            if (after != null && after < 0) {
                throw new CliException(ExitCodes.INVALID, "--after must be a consistency token (a position >= 0)");
            }
            api = new Api(settings(), Duration.ofSeconds(timeoutSeconds), after);
        }
        return api;
    }
}
