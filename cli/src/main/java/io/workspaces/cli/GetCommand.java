package io.workspaces.cli;

import io.workspaces.client.model.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

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
        Workspace workspace = client().getWorkspace(ref, instant(asOf));
        if (json()) {
            printJson(workspace);
        } else {
            WorkspaceViews.detail(out(), workspace);
        }
        return ExitCodes.OK;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.INVALID, "--as-of must be an RFC 3339 instant, e.g. 2026-11-01T00:00:00Z, "
                    + "not '" + Terminal.clean(value) + "'");
        }
    }
}
