package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.client.model.HistoryEvent;
import io.workspaces.client.model.Page;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Every event of a workspace, oldest first (query side).",
                "For its admins, auditors and platform admins; deleted workspaces stay readable by id (and by name "
                        + "until it is taken again)."},
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces history ml-team",
                "  # POSITION  SEQ  TIME                  TYPE                    ACTOR  CHANGE",
                "  # 7         0    2026-11-26T13:27:36Z  workspace.created       alice  ml-team",
                "  # ...",
                "  # 5 events",
                "  workspaces history ml-team --all --output json > ml-team-history.json",
                "Exit codes: 0 ok, 3 not found, 5 not allowed (members below admin)"})
final class HistoryCommand extends BaseCommand {

    @Parameters(paramLabel = "WORKSPACE", description = "name or id")
    String ref;

    @Mixin
    Paging paging;

    @Override
    public Integer call() {
        Page<HistoryEvent> page = paging.fetch(client().history(ref));
        if (json()) {
            printJson(page);
            return ExitCodes.OK;
        }
        Table table = new Table("POSITION", "SEQ", "TIME", "TYPE", "ACTOR", "CHANGE");
        page.data().forEach(event -> table.row(event.position(), event.sequenceNumber(), Json.time(event.occurredAt()),
                event.type(), event.actor(), change(event.type(), event.data())));
        if (!table.isEmpty()) {
            table.print(out());
        }
        paging.printFooter(out(), page, "event");
        return ExitCodes.OK;
    }

    /** What an event changed, in a few words. */
    static String change(String type, JsonNode data) {
        return switch (type) {
            case "workspace.created" -> Json.text(data, "name")
                    + (Json.text(data, "description").isEmpty() ? "" : ": " + Json.text(data, "description"));
            case "workspace.description-updated" -> quoted(Json.text(data, "old_description")) + " -> "
                    + quoted(Json.text(data, "new_description"));
            case "workspace.member-added" -> Json.text(data, "principal") + " as " + Json.text(data, "role");
            case "workspace.member-role-changed" -> Json.text(data, "principal") + " " + Json.text(data, "old_role")
                    + " -> " + Json.text(data, "new_role");
            case "workspace.member-removed" -> Json.text(data, "principal") + " (was " + Json.text(data, "role") + ")";
            case "workspace.entity-registered", "workspace.entity-unregistered" -> Json.text(data, "entity_type") + "/"
                    + Json.text(data, "entity_id");
            case "workspace.deleted" -> Json.text(data, "reason").isEmpty() ? "" : "reason: " + Json.text(data, "reason");
            default -> Json.compact(data);
        };
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
