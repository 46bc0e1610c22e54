package io.workspaces.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Workspace roles, in increasing order of power (§3.2): viewer &lt; editor &lt; admin. */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw new InvalidValueException("role", "must be one of " + allowedValues());
    }

    /** Why {@code candidate} is not a role's wire name, or {@code null} if it is one. */
    public static String problemWith(String candidate) {
        for (Role role : values()) {
            if (role.wireName().equals(candidate)) {
                return null;
            }
        }
        return "must be one of " + allowedValues();
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }

    /**
     * A caller's role in a workspace: the higher of their own membership and the workspace's {@code *} binding,
     * either of which may be absent ({@code null}); {@code null} when both are.
     */
    public static Role effective(Role own, Role everyone) {
        if (own == null) {
            return everyone;
        }
        return everyone == null || own.atLeast(everyone) ? own : everyone;
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
