package io.workspaces.cli;

import io.workspaces.client.model.Workspace;
import io.workspaces.client.model.Written;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Change a workspace's description (editor or admin in it). Names never change.",
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces update ml-team --description \"ML team\"",
                "  # updated ml-team (version 3, consistency token 9)",
                "  workspaces update ml-team --description x --if-match 2   # only at version 2",
                "Exit codes: 0 updated, 2 invalid description, 3 not found, 4 version",
                "  mismatch (--if-match), 5 not allowed"})
final class UpdateCommand extends BaseCommand {

    @Parameters(paramLabel = "WORKSPACE", description = "name or id")
    String ref;

    @Option(names = "--description", required = true, paramLabel = "TEXT", description = "the new description (at most 1000 characters)")
    String description;

    @Option(names = "--if-match", paramLabel = "VERSION", description = "change it only if the workspace is at this version")
    Long ifMatch;

    @Override
    public Integer call() {
        Written<Workspace> response = client().updateDescription(ref, description, ifMatch);
        Workspace workspace = response.body();
        if (json()) {
            printJson(writeResult("workspace", workspace, response));
        } else {
            out().println("updated " + Terminal.clean(workspace.name()) + " (version " + workspace.version()
                    + tokenNote(response) + ")");
        }
        return ExitCodes.OK;
    }
}
