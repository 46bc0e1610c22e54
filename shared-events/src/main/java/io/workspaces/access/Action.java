package io.workspaces.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a principal may want to do in a workspace, as the access checks name it. */
public enum Action {
    /** Read the workspace and its members; see it in lists. */
    READ,
    /** Update the description, register and unregister entities. */
    WRITE,
    /** Add, re-role and remove members. */
    MANAGE,
    /** Delete the workspace. */
    DELETE,
    /** Read the workspace's history. */
    READ_HISTORY;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String wireName() {
        return wireName;
    }

    /** The action a wire name stands for, or null when it names none. */
    public static Action fromWireName(String name) {
        for (Action action : values()) {
            if (action.wireName.equals(name)) {
                return action;
            }
        }
        return null;
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(Action::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
