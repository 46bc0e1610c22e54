package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The REST API of both sides over the JDK's HttpClient. Writes go to the command side, reads to the query
 * side; a read carries the consistency token of {@code --after} or of this invocation's last write, so it
 * sees that write (docs/api.md). An error answer becomes a {@link ApiException}.
 */
final class Api {

    static final String CONSISTENCY_HEADER = "X-Consistency-Token";

    enum Side {
        COMMAND("command side"), QUERY("query side");

        final String label;

        Side(String label) {
            this.label = label;
        }
    }

    /** A 2xx answer: status, headers and the JSON body (null when empty). */
    record Response(int status, HttpHeaders headers, JsonNode body) {

        /** The consistency token of a write answer, or null. */
        Long consistencyToken() {
            return headers.firstValue(CONSISTENCY_HEADER).map(Api::parseToken).orElse(null);
        }
    }

    /** An HTTP error answer, already worded for the user. */
    static final class ApiException extends CliException {
        final int status;
        final JsonNode problem;

        ApiException(int status, String body) {
            this(status, body, Problems.toException(status, body));
        }

        private ApiException(int status, String body, CliException worded) {
            super(worded.exitCode(), worded.getMessage(), worded.details());
            this.status = status;
            JsonNode parsed = Json.parse(body == null ? "" : body);
            this.problem = parsed != null && parsed.isObject() ? parsed : Json.object();
        }

        /** The last part of the problem type, e.g. "name-taken". */
        String type() {
            String type = Json.text(problem, "type");
            return type.substring(type.lastIndexOf(':') + 1);
        }
    }

    private final Settings settings;
    private final Duration timeout;
    private final HttpClient http;
    private Long consistencyToken;

    Api(Settings settings, Duration timeout, Long after) {
        this.settings = settings;
        this.timeout = timeout;
        this.consistencyToken = after;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds()))))
                .build();
    }

    /** The consistency token reads of this invocation send: {@code --after}, or the last write's. */
    Long consistencyToken() {
        return consistencyToken;
    }

    Response get(Side side, String path, Map<String, String> query) {
        return send(side, "GET", path, query, null, Map.of());
    }

    Response send(Side side, String method, String path, Map<String, String> query, JsonNode body,
                  Map<String, String> headers) {
        HttpRequest.Builder request = request(side, path, query, "application/json").timeout(timeout);
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = exchange(side, request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), response.body());
        }
        Response answer = new Response(response.statusCode(), response.headers(),
                response.body() == null || response.body().isBlank() ? null : Json.parse(response.body()));
        Long token = answer.consistencyToken();
        if (side == Side.COMMAND && token != null && (consistencyToken == null || token > consistencyToken)) {
            consistencyToken = token;
        }
        return answer;
    }

    /** A streamed 200 answer (no overall time limit); an error answer is read whole and thrown. */
    HttpResponse<InputStream> stream(Side side, String path, Map<String, String> query, String accept) {
        HttpResponse<InputStream> response = exchange(side, request(side, path, query, accept).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw failure(response.statusCode(), body);
        }
        return response;
    }

    static OptionalLong longHeader(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(value -> {
            try {
                return OptionalLong.of(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    /** A path segment, percent-encoded (a name or principal never changes the path). */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '~' || (c == '.' && !value.matches("\\.+"))) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Query parameters without the null ones, in order. */
    static Map<String, String> query(Object... keysAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                query.put(keysAndValues[i].toString(), keysAndValues[i + 1].toString());
            }
        }
        return query;
    }

    private HttpRequest.Builder request(Side side, String path, Map<String, String> query, String accept) {
        StringBuilder uri = new StringBuilder(side == Side.COMMAND ? settings.commandUrl() : settings.queryUrl())
                .append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .header("Accept", accept + ", application/problem+json")
                .header("User-Agent", "workspaces-cli/" + VersionProvider.version());
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        if (side == Side.QUERY && consistencyToken != null) {
            request.header(CONSISTENCY_HEADER, Long.toString(consistencyToken));
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(Side side, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(side, "no connection within the connect timeout");
        } catch (HttpTimeoutException e) {
            throw unreachable(side, "no answer within " + timeout.toSeconds() + " s (--timeout)");
        } catch (ConnectException e) {
            throw unreachable(side, "connection refused");
        } catch (IOException e) {
            throw unreachable(side, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted");
        }
    }

    private ApiException failure(int status, String body) {
        ApiException failure = new ApiException(status, body);
        if (status == 401 && settings.token() == null) {
            failure.addDetail("hint: no token given: pass --token, set WORKSPACES_TOKEN or token= in the config file "
                    + "(locally: export WORKSPACES_TOKEN=$(./workspaces token alice workspace-creator))");
        }
        return failure;
    }

    private CliException unreachable(Side side, String why) {
        String url = side == Side.COMMAND ? settings.commandUrl() : settings.queryUrl();
        return new CliException(ExitCodes.UNAVAILABLE, "cannot reach the " + side.label + " at " + url + ": " + why
                + " (is it running? ./run.sh starts both sides)");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Long parseToken(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
