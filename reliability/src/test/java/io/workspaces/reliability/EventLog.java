package io.workspaces.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The event store read back and folded per workspace, independently of the service's code: what every read
 * model must equal, and the invariants the store itself must satisfy.
 */
final class EventLog {

    static final class Workspace {
        final String id;
        String name;
        String description;
        boolean deleted;
        long version;
        final Map<String, String> members = new TreeMap<>();

        Workspace(String id) {
            this.id = id;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, Workspace> workspaces = new LinkedHashMap<>();
    final Set<Long> positions = new HashSet<>();
    final List<String> violations = new ArrayList<>();
    long head;

    static EventLog read(JdbcTemplate jdbc) {
        EventLog log = new EventLog();
        jdbc.query("SELECT global_index, aggregate_identifier, sequence_number, payload_type, payload "
                        + "FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number",
                row -> {
                    log.apply(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5));
                });
        return log;
    }

    private void apply(long position, String id, long sequence, String type, String payloadText) {
        positions.add(position);
        head = Math.max(head, position);
        Workspace workspace = workspaces.computeIfAbsent(id, Workspace::new);
        if (sequence != workspace.version) {
            violations.add("workspace " + id + ": sequence " + sequence + " where " + workspace.version + " was due");
        }
        workspace.version = sequence + 1;
        JsonNode payload = parse(payloadText);
        switch (type) {
            case "workspace.created" -> {
                workspace.name = payload.path("name").asText();
                workspace.description = payload.path("description").asText();
            }
            case "workspace.description-updated" -> workspace.description = payload.path("new_description").asText();
            case "workspace.member-added" -> workspace.members.put(payload.path("principal").asText(),
                    payload.path("role").asText());
            case "workspace.member-role-changed" -> workspace.members.put(payload.path("principal").asText(),
                    payload.path("new_role").asText());
            case "workspace.member-removed" -> workspace.members.remove(payload.path("principal").asText());
            case "workspace.deleted" -> workspace.deleted = true;
            default -> {
                // entities do not change what is compared here
            }
        }
        long namedAdmins = workspace.members.entrySet().stream()
                .filter(member -> member.getValue().equals("admin") && !member.getKey().equals("*")).count();
        if (!workspace.deleted && namedAdmins == 0 && !type.equals("workspace.created")) {
            violations.add("workspace " + id + " has no named admin after sequence " + sequence);
        }
    }

    /** Live workspaces sharing a name: must never happen. */
    List<String> duplicateLiveNames() {
        Map<String, Integer> counts = new TreeMap<>();
        workspaces.values().stream().filter(w -> !w.deleted).forEach(w -> counts.merge(w.name, 1, Integer::sum));
        return counts.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
