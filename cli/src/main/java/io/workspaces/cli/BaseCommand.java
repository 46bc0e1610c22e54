package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.client.WorkspacesClient;
import io.workspaces.client.model.Written;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
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

    /** This invocation's session of the client (it carries --after and the last write's token into reads). */
    WorkspacesClient client() {
        return root().api().client();
    }

    boolean json() {
        return root().settings().output() == Output.json;
    }

    void printJson(Object value) {
        Json.print(out(), value instanceof JsonNode node ? node : Json.tree(value));
    }

    /** The answer of a write for --output json: {@code {<key>: body, ..., "consistency_token": n}}. */
    ObjectNode writeResult(String key, Object body, Written<?> written) {
        ObjectNode result = Json.object();
        if (key != null) {
            result.set(key, Json.tree(body));
        }
        if (written == null || written.consistencyToken() < 0) {
            result.putNull("consistency_token");
        } else {
            result.put("consistency_token", written.consistencyToken());
        }
        return result;
    }

    static String tokenNote(Written<?> written) {
        return written.consistencyToken() < 0 ? "" : ", consistency token " + written.consistencyToken();
    }

    /** " (consistency token N)", or "" when the answer has none. */
    static String tokenSuffix(Written<?> written) {
        return written.consistencyToken() < 0 ? "" : " (consistency token " + written.consistencyToken() + ")";
    }
}
