package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show one workspace (query side).",
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces get ml-team",
                "  # name         ml-team",
                "  # id           3f1c2b6e-...",
                "  # description  Models and datasets",
                "  # version      2 ...",
                "  # wait until the write with consistency token 8 is visible:",
                "  workspaces get ml-team --after 8",
                "  # as it was then (for its members, auditors and platform admins):",
                "  workspaces get ml-team --as-of 2026-11-01T00:00:00Z",
                "Exit codes: 0 found, 3 unknown, deleted or not readable by you"})
final class GetCommand extends BaseCommand {

    @Parameters(paramLabel = "WORKSPACE", description = "name or id")
    String ref;

    @Option(names = "--as-of", paramLabel = "TIME", description = "RFC 3339 instant: the workspace as it was then")
    String asOf;

    @Override
    public Integer call() {
        JsonNode workspace = api().get(Api.Side.QUERY, "/v1/workspaces/" + Api.segment(ref), Api.query("as_of", asOf)).body();
        if (json()) {
            printJson(workspace);
        } else {
            WorkspaceViews.detail(out(), workspace);
        }
        return ExitCodes.OK;
    }
}
