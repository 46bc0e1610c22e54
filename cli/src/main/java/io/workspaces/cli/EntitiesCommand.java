package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.client.model.Written;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "entities", mixinStandardHelpOptions = true,
        description = {"Register or unregister an entity (dataset, model, job...) of another service in a workspace "
                + "(editor or admin in it). A workspace that holds entities cannot be deleted."},
        subcommands = {EntitiesCommand.Register.class, EntitiesCommand.Unregister.class},
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces entities register ml-team dataset d-42",
                "  workspaces entities unregister ml-team dataset d-42"})
final class EntitiesCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which one: register or unregister?");
    }

    /** register and unregister: PUT / DELETE of the same path, both idempotent. */
    abstract static class EntityWrite extends BaseCommand {

        @Parameters(index = "0", paramLabel = "WORKSPACE", description = "name or id")
        String ref;

        @Parameters(index = "1", paramLabel = "TYPE", description = "the entity type, e.g. dataset")
        String type;

        @Parameters(index = "2", paramLabel = "ID", description = "the entity's id in its service")
        String id;

        @Option(names = "--if-match", paramLabel = "VERSION", description = "only if the workspace is at this version")
        Long ifMatch;

        Integer write(boolean register, String done) {
            Written<Void> response = register ? client().registerEntity(ref, type, id, ifMatch)
                    : client().unregisterEntity(ref, type, id, ifMatch);
            if (json()) {
                ObjectNode result = writeResult(null, null, response);
                result.putObject(done).put("workspace", ref).put("type", type).put("id", id);
                printJson(result);
            } else {
                out().println(done + " " + Terminal.clean(type) + "/" + Terminal.clean(id) + " in "
                        + Terminal.clean(ref) + tokenSuffix(response));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Record that an entity belongs to the workspace (idempotent).",
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces entities register ml-team dataset d-42",
                    "  # registered dataset/d-42 in ml-team (consistency token 17)",
                    "Exit codes: 0 ok, 2 invalid type or id, 3 workspace not found, 5 not allowed"})
    static final class Register extends EntityWrite {
        @Override
        public Integer call() {
            return write(true, "registered");
        }
    }

    @Command(name = "unregister", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Record that an entity no longer belongs to the workspace (idempotent).",
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces entities unregister ml-team dataset d-42",
                    "  # unregistered dataset/d-42 in ml-team (consistency token 18)",
                    "Exit codes: 0 ok, 2 invalid type or id, 3 workspace not found, 5 not allowed"})
    static final class Unregister extends EntityWrite {
        @Override
        public Integer call() {
            return write(false, "unregistered");
        }
    }
}
