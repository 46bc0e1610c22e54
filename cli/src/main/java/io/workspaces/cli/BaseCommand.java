package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** What every command shares: the settings, the API client, and printing for people or for scripts. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    WorkspacesCli root() {
        return (WorkspacesCli) spec.root().userObject();
    }

    Io io() {
        return root().io;
    }

    PrintStream out() {
        return io().out();
    }

    Api api() {
        return root().api();
    }

    boolean json() {
        return root().settings().output() == Output.json;
    }

    void printJson(JsonNode node) {
        Json.print(out(), node);
    }

    /** The answer of a write for --output json: {@code {<key>: body, ..., "consistency_token": n}}. */
    ObjectNode writeResult(String key, JsonNode body, Api.Response response) {
        ObjectNode result = Json.object();
        if (key != null) {
            result.set(key, body);
        }
        Long token = response == null ? null : response.consistencyToken();
        if (token == null) {
            result.putNull("consistency_token");
        } else {
            result.put("consistency_token", token);
        }
        return result;
    }

    static String tokenNote(Api.Response response) {
        Long token = response.consistencyToken();
        return token == null ? "" : ", consistency token " + token;
    }

    /** " (consistency token N)", or "" when the answer has none. */
    static String tokenSuffix(Api.Response response) {
        Long token = response.consistencyToken();
        return token == null ? "" : " (consistency token " + token + ")";
    }

    static String ifMatch(Long version) {
        return version == null ? null : "\"" + version + "\"";
    }

    /** The headers of a write: {@code If-Match} when a version was given (the map may take more). */
    static Map<String, String> conditional(Long version) {
        Map<String, String> headers = new HashMap<>();
        if (version != null) {
            headers.put("If-Match", ifMatch(version));
        }
        return headers;
    }
}
