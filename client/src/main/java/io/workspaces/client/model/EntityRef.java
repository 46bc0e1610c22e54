package io.workspaces.client.model;

/** An entity of another service (dataset, model, job...) by its type and its id in that service. */
public record EntityRef(String type, String id) {
}
