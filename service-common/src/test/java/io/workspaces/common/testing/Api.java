package io.workspaces.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for tests: real requests over the loopback, with the JDK's HttpClient. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private String authorization;

    public Api(String base) {
        this.base = base;
    }

    /** Calls as {@code principal} with the {@code workspace-creator} platform role, the usual API client. */
    public Api as(String principal) {
        return withRoles(principal, "workspace-creator");
    }

    /** Calls as {@code principal} holding exactly these platform roles (none if empty). */
    public Api withRoles(String principal, String... platformRoles) {
        return bearer(TestTokens.token(principal, List.of(platformRoles)));
    }

    /** Calls with this raw bearer token. */
    public Api bearer(String token) {
        this.authorization = "Bearer " + token;
        return this;
    }

    public Api anonymous() {
        this.authorization = null;
        return this;
    }

    public Request post(String path, String json) {
        return new Request("POST", path, json);
    }

    public Request patch(String path, String json) {
        return new Request("PATCH", path, json);
    }

    public Request put(String path, String json) {
        return new Request("PUT", path, json);
    }

    public Request put(String path) {
        return new Request("PUT", path, null);
    }

    public Request delete(String path) {
        return new Request("DELETE", path, null);
    }

    public Request get(String path) {
        return new Request("GET", path, null);
    }

    public final class Request {
        private final String method;
        private final String path;
        private final String body;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean chunked;

        private Request(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = body;
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Sends the body without Content-Length (chunked transfer encoding). */
        public Request chunked() {
            this.chunked = true;
            return this;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::header);
            HttpRequest.BodyPublisher publisher;
            if (body == null) {
                publisher = HttpRequest.BodyPublishers.noBody();
            } else if (chunked) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
            } else {
                publisher = HttpRequest.BodyPublishers.ofString(body);
            }
            request.method(method, publisher);
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            Optional<String> value = headers.firstValue(name);
            return value.orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public long consistencyToken() {
            return Long.parseLong(header("X-Consistency-Token"));
        }
    }
}
