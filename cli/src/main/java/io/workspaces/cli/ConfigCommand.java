package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the settings in effect and where each comes from (flag, environment, config file, default); "
                + "the token is shortened.",
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces config",
                "  # command-url  http://127.0.0.1:8081  default",
                "  # query-url    http://127.0.0.1:8082  environment WORKSPACES_QUERY_URL",
                "  # token        eyJhbGciOi...(212 characters)  environment WORKSPACES_TOKEN",
                "  # output       table                  default"})
final class ConfigCommand extends BaseCommand {

    @Override
    public Integer call() {
        Settings settings = root().settings();
        String token = settings.token() == null ? "(none)" : shortened(settings.token());
        if (json()) {
            ObjectNode result = Json.object();
            result.putObject("command-url").put("value", settings.commandUrl()).put("source", settings.sources().get("command-url"));
            result.putObject("query-url").put("value", settings.queryUrl()).put("source", settings.sources().get("query-url"));
            result.putObject("token").put("value", settings.token() == null ? null : token).put("source", settings.sources().get("token"));
            result.putObject("output").put("value", settings.output().name()).put("source", settings.sources().get("output"));
            result.put("config_file", String.valueOf(root().config != null ? root().config : Config.defaultFile(io().env())));
            printJson(result);
            return ExitCodes.OK;
        }
        Table table = new Table("SETTING", "VALUE", "SOURCE");
        table.row("command-url", settings.commandUrl(), settings.sources().get("command-url"));
        table.row("query-url", settings.queryUrl(), settings.sources().get("query-url"));
        table.row("token", token, settings.sources().get("token"));
        table.row("output", settings.output().name(), settings.sources().get("output"));
        table.print(out());
        return ExitCodes.OK;
    }

    private static String shortened(String token) {
        return token.length() <= 12 ? "***" : token.substring(0, 10) + "...(" + token.length() + " characters)";
    }
}
