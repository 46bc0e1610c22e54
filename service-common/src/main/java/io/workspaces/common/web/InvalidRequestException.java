package io.workspaces.common.web;

import java.util.List;

/** A request whose inputs break the rules; answered 422 with every field error at once. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super("the request has invalid fields", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
