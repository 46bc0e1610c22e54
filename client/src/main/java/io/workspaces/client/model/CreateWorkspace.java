package io.workspaces.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A workspace to create: its name (lowercase letters, digits and hyphens, 1-63, starting with a letter), an optional
 * description, and the Idempotency-Key that makes a repeated create return the first answer (null: the client makes
 * one up per call, so that its own retries are safe).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateWorkspace(String name, String description, @JsonIgnore String idempotencyKey) {

    public static CreateWorkspace named(String name) {
        return new CreateWorkspace(name, null, null);
    }

    public CreateWorkspace description(String value) {
        return new CreateWorkspace(name, value, idempotencyKey);
    }

    public CreateWorkspace idempotencyKey(String value) {
        return new CreateWorkspace(name, description, value);
    }
}
