package io.workspaces.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable type name of every event, as stored in the event log and sent to consumers. Java class names
 * never reach the store, so classes can move or be renamed freely; these names never change.
 */
public final class EventTypes {

    private static final Map<Class<? extends WorkspaceEvent>, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(WorkspaceCreated.class, "workspace.created");
        NAMES.put(WorkspaceDescriptionUpdated.class, "workspace.description-updated");
        NAMES.put(MemberAdded.class, "workspace.member-added");
        NAMES.put(MemberRoleChanged.class, "workspace.member-role-changed");
        NAMES.put(MemberRemoved.class, "workspace.member-removed");
        NAMES.put(EntityRegistered.class, "workspace.entity-registered");
        NAMES.put(EntityUnregistered.class, "workspace.entity-unregistered");
        NAMES.put(WorkspaceDeleted.class, "workspace.deleted");
    }

    private EventTypes() {
    }

    /** Every event class with its stable name, in declaration order. */
    public static Map<Class<? extends WorkspaceEvent>, String> all() {
        return Collections.unmodifiableMap(NAMES);
    }

    public static Optional<String> nameOf(Class<?> eventClass) {
        return Optional.ofNullable(NAMES.get(eventClass));
    }

    public static Optional<Class<? extends WorkspaceEvent>> classOf(String name) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }
}
