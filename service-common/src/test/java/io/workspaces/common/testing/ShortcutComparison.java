package io.workspaces.common.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the tests of the shortcuts compare: a response's headers, and the HTTP metrics' count of an endpoint's 200s. */
public final class ShortcutComparison {

    /**
     * Headers that differ between any two responses, and {@code Connection: close}, which Tomcat sends on the last
     * request it serves on a kept-alive connection, whichever way that request went.
     */
    private static final List<String> PER_RESPONSE = List.of("date", "x-request-id", "connection");

    private ShortcutComparison() {
    }

    /** The response's headers, less those that differ on every response, names in lower case. */
    public static Map<String, List<String>> comparableHeaders(Api.Response response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!PER_RESPONSE.contains(name.toLowerCase())) {
                headers.put(name.toLowerCase(), values);
            }
        });
        return headers;
    }

    /** {@code http_server_requests_seconds_count} of 200s to {@code method uri} on the side {@code api} reaches. */
    public static double okInMetrics(Api api, String method, String uri) {
        return countInMetrics(api, method, uri, 200);
    }

    /** {@code http_server_requests_seconds_count} of answers {@code status} to {@code method uri}. */
    public static double countInMetrics(Api api, String method, String uri, int status) {
        return Scrape.parse(api.anonymous().get("/actuator/prometheus").send().body())
                .sum("http_server_requests_seconds_count", "method", method, "uri", uri,
                        "status", Integer.toString(status));
    }
}
