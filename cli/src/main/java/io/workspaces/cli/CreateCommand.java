package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.client.ConflictException;
import io.workspaces.client.NotFoundException;
import io.workspaces.client.model.CreateWorkspace;
import io.workspaces.client.model.Workspace;
import io.workspaces.client.model.Written;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a workspace (you become its admin; needs the platform role workspace-creator or platform-admin).",
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces create --name ml-team --description \"Models and datasets\"",
                "  # created ml-team (id 3f1c..., version 2, consistency token 8)",
                "  # exit 0 when it exists already (and you can read it):",
                "  workspaces create --name ml-team --exist-ok",
                "  # a retry with the same key returns the first answer instead of 409:",
                "  workspaces create --name vision --idempotency-key 7f1c --output json",
                "Exit codes: 0 created (or exists, with --exist-ok), 2 invalid name or",
                "  description, 4 name taken, 5 not allowed to create, 6 no or bad token,",
                "  7 service unreachable"})
final class CreateCommand extends BaseCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "lowercase letters, digits and hyphens, 1-63 characters, starting with a letter")
    String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "at most 1000 characters")
    String description;

    @Option(names = "--exist-ok", description = "if the name is taken by a workspace you can read, show it and succeed")
    boolean existOk;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "a retried create with the same key returns the first answer instead of 409")
    String idempotencyKey;

    @Override
    public Integer call() {
        Written<Workspace> response;
        try {
            // without --idempotency-key the client makes up a key, so that its own retries cannot create twice
            response = client().createWorkspace(CreateWorkspace.named(name).description(description)
                    .idempotencyKey(idempotencyKey));
        } catch (ConflictException e) {
            if (existOk && e.status() == 409 && e.type().equals("name-taken")) {
                return existing(root().api().toCliException(e));
            }
            throw e;
        }
        Workspace workspace = response.body();
        if (json()) {
            ObjectNode result = writeResult("workspace", workspace, response);
            result.put("created", true);
            printJson(result);
        } else {
            out().println("created " + Terminal.clean(workspace.name()) + " (id " + workspace.id()
                    + ", version " + workspace.version() + tokenNote(response) + ")");
        }
        return ExitCodes.OK;
    }

    /** --exist-ok and the name is taken: the workspace holding it, if the caller can read it. */
    private int existing(CliException nameTaken) {
        Workspace workspace = null;
        // the query side may not have seen a create of a moment ago yet: give it a few chances
        for (int attempt = 0; attempt < 10 && workspace == null; attempt++) {
            try {
                workspace = client().getWorkspace(name);
            } catch (NotFoundException e) {
                pause();
            }
        }
        if (workspace == null) {
            throw new CliException(ExitCodes.CONFLICT, nameTaken.getMessage() + "; it is not a workspace you can read");
        }
        if (json()) {
            ObjectNode result = writeResult("workspace", workspace, null);
            result.put("created", false);
            printJson(result);
        } else {
            out().println(Terminal.clean(name) + " exists already (id " + workspace.id() + ", version "
                    + workspace.version() + ")");
        }
        return ExitCodes.OK;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted");
        }
    }
}
