package io.workspaces.cli;

import io.workspaces.client.model.Workspace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a workspace looks to people. */
final class WorkspaceViews {

    private WorkspaceViews() {
    }

    static void detail(PrintStream out, Workspace workspace) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"name", workspace.name()});
        lines.add(new String[]{"id", String.valueOf(workspace.id())});
        lines.add(new String[]{"description", text(workspace.description())});
        lines.add(new String[]{"version", Long.toString(workspace.version())});
        lines.add(new String[]{"members", Integer.toString(workspace.memberCount())});
        lines.add(new String[]{"entities", entities(workspace.entityCounts())});
        lines.add(new String[]{"created", Json.time(workspace.createdAt()) + " by " + text(workspace.createdBy())});
        lines.add(new String[]{"updated", Json.time(workspace.updatedAt()) + " by " + text(workspace.updatedBy())});
        Table.keyValues(out, lines);
    }

    static Table table() {
        return new Table("NAME", "MEMBERS", "VERSION", "UPDATED", "DESCRIPTION");
    }

    static void row(Table table, Workspace workspace) {
        table.row(workspace.name(), workspace.memberCount(), workspace.version(), Json.time(workspace.updatedAt()),
                text(workspace.description()));
    }

    /** "dataset 3, model 1", or "none". */
    static String entities(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        if (counts != null) {
            counts.forEach((type, count) -> parts.add(type + " " + count));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
