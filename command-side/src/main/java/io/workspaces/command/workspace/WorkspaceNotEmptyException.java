package io.workspaces.command.workspace;

import java.util.Map;
import java.util.stream.Collectors;

public class WorkspaceNotEmptyException extends WorkspaceRuleViolation {

    private final Map<String, Integer> entityCounts;

    public WorkspaceNotEmptyException(String name, Map<String, Integer> entityCounts) {
        super("workspace '" + name + "' contains " + entityCounts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + "; unregister them first");
        this.entityCounts = Map.copyOf(entityCounts);
    }

    public Map<String, Integer> entityCounts() {
        return entityCounts;
    }
}
