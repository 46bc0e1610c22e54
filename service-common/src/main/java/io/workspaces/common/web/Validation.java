package io.workspaces.common.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every field error of a request, so the client sees all of them in one 422. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code problem} (as returned by a value type's {@code problemWith}) unless it is null. */
    public Validation check(String field, String problem) {
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
        return this;
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
