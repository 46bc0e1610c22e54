package io.workspaces.events;

import java.util.regex.Pattern;

/**
 * A resource registered in a workspace: its type (lowercase, e.g. {@code dataset}, {@code model}) and its id
 * (visible ASCII without path separators, at most 255 characters).
 */
public record EntityRef(String type, String id) {

    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");

    public EntityRef {
        String problem = typeProblem(type);
        if (problem != null) {
            throw new InvalidValueException("type", problem);
        }
        problem = idProblem(id);
        if (problem != null) {
            throw new InvalidValueException("id", problem);
        }
    }

    public static String typeProblem(String candidate) {
        if (candidate == null || !TYPE.matcher(candidate).matches()) {
            return "must be 1-63 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'";
        }
        return null;
    }

    public static String idProblem(String candidate) {
        String problem = Principal.problemWith(candidate);
        return problem == null ? null : problem;
    }

    @Override
    public String toString() {
        return type + "/" + id;
    }
}
