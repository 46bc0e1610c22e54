package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Test set-up written straight to the command side over HTTP (not through the CLI, which is what the tests
 * check): each call returns the write's consistency token.
 */
final class Fixture {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Fixture() {
    }

    static long create(String principal, String name, String description) {
        ObjectNode body = CliProcess.JSON.createObjectNode().put("name", name).put("description", description);
        return write(CliServices.token(principal, "workspace-creator"), "POST", "/v1/workspaces", body);
    }

    static long update(String principal, String name, String description) {
        return write(CliServices.token(principal), "PATCH", "/v1/workspaces/" + name,
                CliProcess.JSON.createObjectNode().put("description", description));
    }

    static long addMember(String principal, String name, String member, String role) {
        return write(CliServices.token(principal), "PUT", "/v1/workspaces/" + name + "/members/" + member,
                CliProcess.JSON.createObjectNode().put("role", role));
    }

    private static long write(String token, String method, String path, ObjectNode body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(CliServices.get().command.baseUrl() + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return Long.parseLong(response.headers().firstValue("X-Consistency-Token").orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
