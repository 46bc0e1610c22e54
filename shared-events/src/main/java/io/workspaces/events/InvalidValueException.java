package io.workspaces.events;

/** A value that breaks its type's rules; {@code field} names the input it came from. */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidValueException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
