package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.client.model.Written;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete a workspace (admin in it, or platform-admin). Its history stays readable.",
                "Asks for confirmation on a terminal; without a terminal it needs --yes."},
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces delete ml-team --reason \"project ended\"",
                "  # Delete workspace 'ml-team'? This cannot be undone. [y/N] y",
                "  # deleted ml-team (consistency token 12)",
                "  workspaces delete ml-team --yes                   # in scripts",
                "Exit codes: 0 deleted, 1 not confirmed, 2 no --yes without a terminal,",
                "  3 not found, 4 not empty (entities registered) or built in, 5 not allowed"})
final class DeleteCommand extends BaseCommand {

    @Parameters(paramLabel = "WORKSPACE", description = "name or id")
    String ref;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why; kept in the workspace's history")
    String reason;

    @Option(names = "--if-match", paramLabel = "VERSION", description = "delete it only if the workspace is at this version")
    Long ifMatch;

    @Override
    public Integer call() {
        if (!yes) {
            confirm();
        }
        Written<Void> response = client().deleteWorkspace(ref, reason, ifMatch);
        if (json()) {
            ObjectNode result = writeResult(null, null, response);
            result.put("deleted", ref);
            printJson(result);
        } else {
            out().println("deleted " + Terminal.clean(ref) + tokenSuffix(response));
        }
        return ExitCodes.OK;
    }

    private void confirm() {
        if (!io().stdinTerminal()) {
            throw new CliException(ExitCodes.INVALID, "refusing to delete '" + Terminal.clean(ref)
                    + "' without confirmation: stdin is not a terminal; pass --yes");
        }
        out().flush();
        io().err().print("Delete workspace '" + Terminal.clean(ref) + "'? This cannot be undone. [y/N] ");
        io().err().flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(io().in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            io().err().println();
        }
        String normalized = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("y") && !normalized.equals("yes")) {
            throw new CliException(ExitCodes.ERROR, "not deleted: not confirmed");
        }
    }
}
