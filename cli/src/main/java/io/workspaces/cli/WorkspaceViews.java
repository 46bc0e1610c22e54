package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** How a workspace body ({id, name, description, created_at, ...}) looks to people. */
final class WorkspaceViews {

    private WorkspaceViews() {
    }

    static void detail(PrintStream out, JsonNode workspace) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"name", Json.text(workspace, "name")});
        lines.add(new String[]{"id", Json.text(workspace, "id")});
        lines.add(new String[]{"description", Json.text(workspace, "description")});
        lines.add(new String[]{"version", Json.text(workspace, "version")});
        lines.add(new String[]{"members", Json.text(workspace, "member_count")});
        lines.add(new String[]{"entities", entities(workspace.path("entity_counts"))});
        lines.add(new String[]{"created", Json.time(workspace, "created_at") + " by " + Json.text(workspace, "created_by")});
        lines.add(new String[]{"updated", Json.time(workspace, "updated_at") + " by " + Json.text(workspace, "updated_by")});
        Table.keyValues(out, lines);
    }

    static Table table() {
        return new Table("NAME", "MEMBERS", "VERSION", "UPDATED", "DESCRIPTION");
    }

    static void row(Table table, JsonNode workspace) {
        table.row(Json.text(workspace, "name"), Json.text(workspace, "member_count"), Json.text(workspace, "version"),
                Json.time(workspace, "updated_at"), Json.text(workspace, "description"));
    }

    /** "dataset 3, model 1", or "none". */
    static String entities(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        counts.fields().forEachRemaining(entry -> parts.add(entry.getKey() + " " + entry.getValue().asText()));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
