package io.workspaces.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An RFC 9457 problem+json answer: a stable {@code type} (e.g. {@code urn:problem-type:workspaces:name-taken}), a
 * {@code title}, the {@code status}, a {@code detail} a person can act on, the {@code requestId} to quote, and
 * {@code errors} for invalid fields. {@code json} is the whole body (null when the answer was not problem+json,
 * e.g. from a proxy).
 */
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors, JsonNode json) {

    public record FieldError(String field, String message) {
    }

    /** The last part of the type, e.g. {@code name-taken} ("" when there is none). */
    public String slug() {
        return type == null ? "" : type.substring(type.lastIndexOf(':') + 1);
    }
}
