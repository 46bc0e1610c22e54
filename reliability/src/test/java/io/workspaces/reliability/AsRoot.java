package io.workspaces.reliability;

import io.workspaces.common.testing.TestTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Requests to the nodes as a platform admin ({@code root}). */
final class AsRoot {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String TOKEN = TestTokens.token("root", List.of("platform-admin"));

    private AsRoot() {
    }

    /** {@code json} null: no body. */
    static HttpResponse<String> send(String url, String method, String json) throws IOException, InterruptedException {
        return send(url, method, json, null);
    }

    /** {@code json} null: no body; {@code consistencyToken} null: none sent. */
    static HttpResponse<String> send(String url, String method, String json, String consistencyToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (consistencyToken != null) {
            request.header("X-Consistency-Token", consistencyToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
