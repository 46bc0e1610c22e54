package io.workspaces.common.web;

/** One invalid input of a request: {@code field} is the JSON field, path or header it came from. */
public record FieldError(String field, String message) {
}
