package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the downstream tests, which all run against the one {@link DownstreamServices} of the JVM. */
public abstract class DownstreamTestBase {

    protected static DownstreamServices services() {
        return DownstreamServices.get();
    }

    /** The command API as {@code alice}, a workspace creator. */
    protected static Api command() {
        return services().command().as("alice");
    }

    protected static Api auditor() {
        return services().query().withRoles("auditor-ann", "auditor");
    }

    protected static Api platformAdmin() {
        return services().query().withRoles("root", "platform-admin");
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new workspace of alice's; returns its create response (the token is that of its last event). */
    protected static Api.Response create(String name) {
        Api.Response created = command().post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    /** Sends a command-side write and returns its consistency token (the position of its last event). */
    protected static long write(Api.Request request) {
        Api.Response response = request.send();
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.consistencyToken();
    }

    /** Updates the description of a workspace of alice's: one event. */
    protected static long describe(String workspace, String description) {
        return write(command().patch("/v1/workspaces/" + workspace, "{\"description\":\"" + description + "\"}"));
    }

    /** The whole feed after {@code after}, page by page, as the auditor reads it. */
    protected static List<JsonNode> feedAfter(long after) {
        List<JsonNode> events = new ArrayList<>();
        long next = after;
        boolean more = true;
        while (more) {
            Api.Response page = auditor().get("/v1/events?after=" + next + "&limit=1000").send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("data").forEach(events::add);
            next = page.json().path("next_after").asLong();
            more = page.json().path("has_more").asBoolean();
        }
        return events;
    }

    protected static List<Long> positions(List<JsonNode> envelopes) {
        return envelopes.stream().map(envelope -> envelope.path("position").asLong()).toList();
    }
}
