package io.workspaces.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A workspace name (docs/domain.md): an RFC 1035 label that does not parse as a UUID, so that a path segment
 * {@code {ref}} is unambiguous (a UUID is an id, anything else a name). Names are immutable.
 */
public record WorkspaceName(String value) {

    private static final Pattern RFC_1035_LABEL = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public WorkspaceName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidValueException("name", problem);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static WorkspaceName of(String value) {
        return new WorkspaceName(value);
    }

    /** Why {@code candidate} is not a valid name, or {@code null} if it is one. */
    public static String problemWith(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return "must not be empty";
        }
        if (candidate.length() > 63) {
            return "must be at most 63 characters";
        }
        if (looksLikeUuid(candidate)) {
            return "must not be a UUID (UUIDs are workspace ids)";
        }
        if (!RFC_1035_LABEL.matcher(candidate).matches()) {
            return "must be an RFC 1035 label: lowercase letter first, then lowercase letters, digits or hyphens, no trailing hyphen";
        }
        return null;
    }

    public static boolean looksLikeUuid(String candidate) {
        return candidate != null && UUID_SHAPE.matcher(candidate).matches();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
