package io.workspaces.client;

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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** One request over the JDK's HttpClient, with the retry rule of {@link WorkspacesClient} and typed failures. */
final class Http {

    static final String CONSISTENCY_HEADER = "X-Consistency-Token";

    /** One request: which side, what, and whether it may be sent again after it may have reached the service. */
    static final class Call {
        final Service service;
        final String method;
        final String path;
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        String body;
        boolean resendable;
        String accept = "application/json";

        Call(Service service, String method, String path) {
            this.service = service;
            this.method = method;
            this.path = path;
            // GET, PUT and DELETE are idempotent: sending them twice has the effect of sending them once
            this.resendable = method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
        }

        Call query(String name, Object value) {
            if (value != null) {
                query.put(name, value.toString());
            }
            return this;
        }

        Call header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        Call json(Object value) {
            this.body = Json.write(value);
            return this;
        }

        Call resendable(boolean value) {
            this.resendable = value;
            return this;
        }

        Call accept(String value) {
            this.accept = value;
            return this;
        }
    }

    /** A 2xx answer. */
    record Answer<B>(int status, HttpHeaders headers, B body) {
    }

    private final HttpClient http;
    private final String commandUrl;
    private final String queryUrl;
    private final Supplier<String> tokens;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final String userAgent;

    Http(HttpClient http, String commandUrl, String queryUrl, Supplier<String> tokens, Duration requestTimeout,
         RetryPolicy retry, String userAgent) {
        this.http = http;
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.tokens = tokens;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.userAgent = userAgent;
    }

    String baseUrl(Service service) {
        return service == Service.COMMAND ? commandUrl : queryUrl;
    }

    Answer<String> send(Call call) {
        return exchange(call, requestTimeout, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A streamed answer: no overall time limit (the connect timeout still applies). */
    Answer<InputStream> stream(Call call) {
        return exchange(call, null, HttpResponse.BodyHandlers.ofInputStream());
    }

    private <B> Answer<B> exchange(Call call, Duration timeout, HttpResponse.BodyHandler<B> handler) {
        URI uri = uri(call);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<B> response;
            try {
                response = http.send(request(call, uri, timeout), handler);
            } catch (IOException e) {
                ConnectionException failure = connectionFailure(call.service, uri, e, timeout);
                // a request that never left may always go again; one that may have arrived only if resendable
                if (attempt < retry.maxAttempts() && (!failure.requestMayHaveBeenSent() || call.resendable)) {
                    pause(retry.backoff(attempt), call.service, uri);
                    continue;
                }
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionException(call.service, uri, ConnectionException.Kind.INTERRUPTED,
                        "interrupted while calling the " + call.service.label() + " at " + uri, e);
            }
            int status = response.statusCode();
            if (status < 300) {
                return new Answer<>(status, response.headers(), response.body());
            }
            String body = text(response.body());
            if (attempt < retry.maxAttempts() && retriable(status, call)) {
                Optional<Duration> retryAfter = retryAfter(response.headers());
                if (retryAfter.isEmpty()) {
                    pause(retry.backoff(attempt), call.service, uri);
                    continue;
                }
                if (retryAfter.get().compareTo(retry.maxRetryAfter()) <= 0) {
                    pause(RetryPolicy.afterRetryAfter(retryAfter.get()), call.service, uri);
                    continue;
                }
            }
            throw failure(status, body, response.headers());
        }
    }

    /**
     * This service answers 503 only when the request changed nothing (database unreachable, consistency wait
     * timed out, too many streams or exports), so a 503 is retried whatever the method. A 502 or 504 comes from
     * something in front of the service, which may have passed the request on: only resendable requests.
     */
    private static boolean retriable(int status, Call call) {
        return status == 503 || ((status == 502 || status == 504) && call.resendable);
    }

    private HttpRequest request(Call call, URI uri, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", call.accept + ", application/problem+json")
                .header("User-Agent", userAgent);
        if (timeout != null) {
            request.timeout(timeout);
        }
        // asked for on every attempt, so that a refreshed token is used by the retry
        String token = tokens == null ? null : tokens.get();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        call.headers.forEach(request::header);
        if (call.body != null) {
            request.header("Content-Type", "application/json");
            request.method(call.method, HttpRequest.BodyPublishers.ofString(call.body, StandardCharsets.UTF_8));
        } else {
            request.method(call.method, HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }

    private URI uri(Call call) {
        StringBuilder uri = new StringBuilder(baseUrl(call.service)).append(call.path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : call.query.entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private ConnectionException connectionFailure(Service service, URI uri, IOException e, Duration timeout) {
        String where = " (" + service.label() + " at " + baseUrl(service) + ")";
        if (e instanceof HttpConnectTimeoutException) {
            return new ConnectionException(service, uri, ConnectionException.Kind.CONNECT_TIMEOUT,
                    "no connection within the connect timeout" + where, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new ConnectionException(service, uri, ConnectionException.Kind.TIMEOUT,
                    "no answer within " + (timeout == null ? "the timeout" : timeout.toMillis() + " ms") + where, e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new ConnectionException(service, uri, ConnectionException.Kind.REFUSED, "connection refused" + where, e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ConnectionException(service, uri, ConnectionException.Kind.BROKEN, message + where, e);
    }

    private static void pause(Duration wait, Service service, URI uri) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(service, uri, ConnectionException.Kind.INTERRUPTED,
                    "interrupted while waiting to retry " + uri, e);
        }
    }

    private static String text(Object body) {
        if (body instanceof String text) {
            return text;
        }
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }

    /** The typed exception for an error answer. */
    static ApiException failure(int status, String body, HttpHeaders headers) {
        Problem problem = problem(status, body);
        return switch (status) {
            case 400, 413, 414, 415, 422 -> new InvalidRequestException(status, problem, body, headers);
            case 401 -> new UnauthorizedException(status, problem, body, headers);
            case 403 -> new ForbiddenException(status, problem, body, headers);
            case 404 -> new NotFoundException(status, problem, body, headers);
            case 409 -> new ConflictException(status, problem, body, headers);
            case 412 -> new VersionMismatchException(status, problem, body, headers);
            case 502, 503, 504 -> new UnavailableException(status, problem, body, headers);
            default -> status >= 500 ? new ServerErrorException(status, problem, body, headers)
                    : new ApiException(status, problem, body, headers);
        };
    }

    static Problem problem(int status, String body) {
        JsonNode json = Json.tree(body);
        if (json == null || !json.isObject()) {
            return new Problem(null, null, status, null, null, null, List.of(), null);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        json.path("errors").forEach(error -> errors.add(new Problem.FieldError(textOrNull(error, "field"),
                textOrNull(error, "message"))));
        return new Problem(textOrNull(json, "type"), textOrNull(json, "title"), json.path("status").asInt(status),
                textOrNull(json, "detail"), textOrNull(json, "instance"), textOrNull(json, "request_id"),
                List.copyOf(errors), json);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Retry-After as delay-seconds or an HTTP date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(value -> {
            String trimmed = value.trim();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(Instant.now(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }

    /** A long header (e.g. the consistency token), or null when missing or not a number. */
    static Long longHeader(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(value -> {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /** The version in an ETag ({@code "7"} or {@code W/"7"}), or null. */
    static Long version(String etag) {
        String digits = etag.replaceFirst("^W/", "").replace("\"", "").trim();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A path segment, percent-encoded: a name or principal never changes the path. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a path segment must not be empty");
        }
        StringBuilder out = new StringBuilder();
        boolean dotsOnly = value.chars().allMatch(c -> c == '.');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '~' || (c == '.' && !dotsOnly)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
