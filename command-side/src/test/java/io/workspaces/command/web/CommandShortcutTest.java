package io.workspaces.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.RawHttp;
import io.workspaces.common.testing.Scrape;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.ShortcutAnswers;
import io.workspaces.common.security.ShortcutRoute;
import io.workspaces.common.web.InvalidRequestException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static io.workspaces.common.testing.ShortcutComparison.comparableHeaders;
import static io.workspaces.common.testing.ShortcutComparison.countInMetrics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side's shortcut ({@link CommandShortcut}) answers the ordinary description PATCH and member PUT exactly
 * as the controllers behind the security filter chain and Spring MVC do, with the same events and metadata, and
 * leaves everything else to them. A chunked body never takes the shortcut (its length is not known), so the same
 * write sent chunked to a twin workspace is the long way's answer to compare with.
 */
class CommandShortcutTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private FilterRegistrationBean<CommandShortcut> registration;

    @Autowired
    private List<ShortcutRoute<?>> routes;

    @Autowired
    private BearerCallers callers;

    @Autowired
    private ShortcutAnswers answers;

    @Autowired
    private CommandMetrics metrics;

    @Autowired
    @Qualifier("handlerExceptionResolver")
    private HandlerExceptionResolver failureHandlers;

    private long shortcutAnswers() {
        return registration.getFilter().answered();
    }

    /** One write, sent to {@code name}: a method, a path below the workspace, a body and extra headers. */
    private record Write(String method, String below, String body, Map<String, String> headers) {

        Api.Request to(Api api, String name) {
            String path = "/v1/workspaces/" + name + below;
            Api.Request request = method.equals("PATCH") ? api.patch(path, body) : api.put(path, body);
            headers.forEach(request::header);
            return request;
        }
    }

    @Test
    void ordinaryWritesGetTheLongWaysAnswerHeadersAndEventsFromTheShortcut() {
        String shortName = uniqueName("short");
        String longName = uniqueName("long");
        String shortId = createWorkspace("ada", shortName).path("id").asText();
        String longId = createWorkspace("ada", longName).path("id").asText();
        List<Function<String, Write>> writes = List.of(
                etag -> new Write("PATCH", "", "{\"description\":\"first\"}", Map.of()),
                etag -> new Write("PATCH", "", "{\"description\":\"first\"}", Map.of()),
                etag -> new Write("PATCH", "", "{\"description\":\"merged \\u00e9\"}",
                        Map.of("Content-Type", "application/merge-patch+json")),
                etag -> new Write("PUT", "/members/eddie", "{\"role\":\"viewer\"}", Map.of()),
                etag -> new Write("PUT", "/members/eddie", "{\"role\":\"editor\"}",
                        Map.of("Content-Type", "application/json; charset=UTF-8", "Accept", "*/*")),
                etag -> new Write("PUT", "/members/eddie", "{\"role\":\"editor\"}", Map.of()),
                etag -> new Write("PATCH", "", "{\"description\":\"under If-Match\"}", Map.of("If-Match", etag)),
                etag -> new Write("PUT", "/members/vic", "{\"role\":\"viewer\"}", Map.of("If-Match", "*")),
                etag -> new Write("PATCH", "", "{\"description\":\"\"}",
                        Map.of("X-Request-Id", "req-twin", "X-Correlation-Id", "flow-7")));
        String shortEtag = null;
        String longEtag = null;
        for (Function<String, Write> next : writes) {
            long before = shortcutAnswers();
            Api.Response shortcut = next.apply(shortEtag).to(api().as("ada"), shortName).send();
            assertThat(shortcutAnswers()).as("answered by the shortcut: " + shortcut.body()).isEqualTo(before + 1);
            Api.Response longWay = next.apply(longEtag).to(api().as("ada"), longName).chunked().send();
            assertThat(shortcutAnswers()).as("a chunked body goes the long way").isEqualTo(before + 1);

            assertThat(shortcut.status()).as(shortcut.body()).isIn(200, 201);
            assertThat(shortcut.status()).isEqualTo(longWay.status());
            assertThat(comparable(shortcut, shortId, shortName)).isEqualTo(comparable(longWay, longId, longName));
            assertThat(perWorkspace(comparableHeaders(shortcut))).isEqualTo(perWorkspace(comparableHeaders(longWay)));
            assertThat(shortcut.header("Content-Length"))
                    .isEqualTo(Integer.toString(shortcut.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            assertThat(shortcut.consistencyToken()).isPositive();
            shortEtag = shortcut.header("ETag");
            longEtag = longWay.header("ETag");
        }
        assertThat(events(shortId, shortName)).isEqualTo(events(longId, longName));
        assertThat(events(shortId, shortName)).as("the creator's membership and seven changes").hasSize(8);
    }

    @Test
    void createsGetTheLongWaysAnswerHeadersAndEventsFromTheShortcut() {
        String key = "key-" + uniqueName("k");
        List<Map<String, String>> headerSets = List.of(
                Map.of(),
                Map.of("X-Request-Id", "req-create", "X-Correlation-Id", "flow-9", "Accept", "application/json"),
                Map.of("Idempotency-Key", key),
                // the same key again: the first answer, replayed
                Map.of("Idempotency-Key", key));
        List<String> descriptions = List.of("", ",\"description\":\"caf\u00e9\"", ",\"description\":\"keyed\"",
                ",\"description\":\"keyed\"");
        String keyedShort = uniqueName("short");
        String keyedLong = uniqueName("long");
        for (int i = 0; i < headerSets.size(); i++) {
            boolean keyed = headerSets.get(i).containsKey("Idempotency-Key");
            String shortName = keyed ? keyedShort : uniqueName("short");
            String longName = keyed ? keyedLong : uniqueName("long");
            long before = shortcutAnswers();
            Api.Request toShortcut = api().as("ursula").post("/v1/workspaces",
                    "{\"name\":\"" + shortName + "\"" + descriptions.get(i) + "}");
            headerSets.get(i).forEach(toShortcut::header);
            Api.Response shortcut = toShortcut.send();
            assertThat(shortcutAnswers()).as("answered by the shortcut: " + shortcut.body()).isEqualTo(before + 1);
            // the long way's twin under another caller, since an Idempotency-Key is the caller's
            Api.Request toLongWay = api().as("victor").post("/v1/workspaces",
                    "{\"name\":\"" + longName + "\"" + descriptions.get(i) + "}").chunked();
            headerSets.get(i).forEach(toLongWay::header);
            Api.Response longWay = toLongWay.send();
            assertThat(shortcutAnswers()).as("a chunked body goes the long way").isEqualTo(before + 1);

            assertThat(shortcut.status()).as(shortcut.body()).isEqualTo(201);
            assertThat(longWay.status()).as(longWay.body()).isEqualTo(201);
            String shortId = shortcut.json().path("id").asText();
            String longId = longWay.json().path("id").asText();
            assertThat(comparable(shortcut, shortId, shortName).toString().replace("ursula", "CALLER"))
                    .isEqualTo(comparable(longWay, longId, longName).toString().replace("victor", "CALLER"));
            assertThat(perWorkspace(comparableHeaders(shortcut)).toString().replace(shortId, "ID"))
                    .isEqualTo(perWorkspace(comparableHeaders(longWay)).toString().replace(longId, "ID"));
            assertThat(shortcut.header("Idempotent-Replayed")).isEqualTo(i == 3 ? "true" : null);
            assertThat(shortcut.consistencyToken()).isPositive();
            assertThat(events(shortId, shortName, 0, "ursula")).as("the creation and the creator's membership")
                    .hasSize(2).isEqualTo(events(longId, longName, 0, "victor"));
        }
    }

    @Test
    void refusedCreatesGoTheLongWayAndWriteNothing() {
        String taken = uniqueName("taken");
        createWorkspace("ada", taken);
        String key = "key-" + uniqueName("k");
        assertThat(api().as("ada").post("/v1/workspaces", "{\"name\":\"" + uniqueName("keyed") + "\"}")
                .header("Idempotency-Key", key).send().status()).isEqualTo(201);
        long events = eventCount();
        long before = shortcutAnswers();

        assertProblem(api().as("ada").post("/v1/workspaces", "{\"name\":\"" + taken + "\"}").send(), 409,
                "name-taken");
        assertProblem(api().withRoles("nobody").post("/v1/workspaces", "{\"name\":\"" + uniqueName("no") + "\"}")
                .send(), 403, "forbidden");
        assertInvalidField(api().as("ada").post("/v1/workspaces", "{\"name\":\"Not A Name!\"}").send(), "name");
        assertInvalidField(api().as("ada").post("/v1/workspaces", "{\"name\":\"" + uniqueName("x")
                + "\",\"description\":\"" + "x".repeat(1001) + "\"}").send(), "description");
        assertInvalidField(api().as("ada").post("/v1/workspaces", "{\"name\":\"" + uniqueName("other") + "\"}")
                .header("Idempotency-Key", key).send(), "Idempotency-Key");
        assertInvalidField(api().as("ada").post("/v1/workspaces", "{\"name\":\"" + uniqueName("x") + "\"}")
                .header("Idempotency-Key", "bad key").send(), "Idempotency-Key");
        assertInvalidField(api().as("ada").post("/v1/workspaces", "{\"name\":\"" + uniqueName("x")
                + "\",\"extra\":1}").send(), "extra");
        assertInvalidField(api().as("ada").post("/v1/workspaces", "[]").send(), "body");
        assertProblem(api().as("ada").post("/v1/workspaces", "{\"name\":").send(), 400, "malformed-json");
        assertThat(shortcutAnswers()).as("refusals are the long way's").isEqualTo(before);
        assertThat(eventCount()).as("no refusal wrote anything").isEqualTo(events);

        // two Idempotency-Key headers: Spring MVC joins them, so the long way decides
        RawHttp.Answer twoKeys = RawHttp.send(port, "POST", "/v1/workspaces", List.of(
                new String[]{"Authorization", "Bearer " + TestTokens.token("ada", List.of("workspace-creator"))},
                new String[]{"Content-Type", "application/json"}, new String[]{"Idempotency-Key", "a"},
                new String[]{"Idempotency-Key", "b"}), "{\"name\":\"" + uniqueName("two-keys") + "\"}");
        assertThat(twoKeys.status()).as(twoKeys.body()).isEqualTo(201);
        assertThat(shortcutAnswers()).isEqualTo(before);
    }

    @Test
    void aCreatesFailureOtherThanARefusalIsAnsweredByTheShortcutWithTheLongWaysProblem() throws Exception {
        ShortcutRoute<?> create = routes.stream().filter(route -> route.method().equals("POST")).findFirst().orElseThrow();
        double failed = commands("create_workspace", "failed");

        MockHttpServletResponse unavailable = new MockHttpServletResponse();
        assertThat(send(failing(create, new CommandExecutionException("commit failed: secret-detail",
                new CannotGetJdbcConnectionException("secret-detail"))), unavailable))
                .as("a create whose commit may have happened is not sent again").isFalse();
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeader("Retry-After")).isEqualTo("2");
        assertThat(unavailable.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(unavailable.getContentAsString()).path("type").asText()).endsWith(":unavailable");
        assertThat(unavailable.getContentAsString()).doesNotContain("secret-detail");
        assertThat(unavailable.getHeader("X-Content-Type-Options")).as("the chain's headers").isEqualTo("nosniff");

        MockHttpServletResponse internal = new MockHttpServletResponse();
        assertThat(send(failing(create, new IllegalStateException("secret-detail")), internal)).isFalse();
        assertThat(internal.getStatus()).isEqualTo(500);
        assertThat(JSON.readTree(internal.getContentAsString()).path("type").asText()).endsWith(":internal");
        assertThat(internal.getContentAsString()).doesNotContain("secret-detail");
        assertThat(commands("create_workspace", "failed")).isEqualTo(failed + 2);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(send(failing(create, InvalidRequestException.of("name", "is taken")), refused))
                .as("a refusal decided before anything was written goes the long way").isTrue();
        assertThat(refused.getContentAsString()).isEmpty();
        assertThat(send(failing(routes.stream().filter(route -> route.method().equals("PATCH")).findFirst()
                .orElseThrow(), new IllegalStateException("after the commit")), new MockHttpServletResponse()))
                .as("an idempotent write's failure goes the long way").isTrue();
    }

    /** Sends a create through a shortcut of {@code route} alone; true when it went on to the filter chain. */
    private boolean send(ShortcutRoute<?> route, MockHttpServletResponse response) throws Exception {
        CommandShortcut shortcut = new CommandShortcut(List.of(route), callers, answers, metrics, failureHandlers);
        MockHttpServletRequest request = new MockHttpServletRequest(route.method(),
                route.method().equals("POST") ? "/v1/workspaces" : "/v1/workspaces/somewhere");
        request.setContentType("application/json");
        request.setContent("{\"name\":\"unwritten\",\"description\":\"d\"}".getBytes(StandardCharsets.UTF_8));
        request.addHeader("Authorization", "Bearer " + TestTokens.token("ada", List.of("workspace-creator")));
        AtomicBoolean longWay = new AtomicBoolean();
        shortcut.doFilter(request, response, (forwarded, answered) -> longWay.set(true));
        return longWay.get();
    }

    /** {@code route} with a controller method that fails with {@code failure}. */
    private static <B> ShortcutRoute<B> failing(ShortcutRoute<B> route, RuntimeException failure) {
        return new ShortcutRoute<>(route.method(), route.path(), route.pathPattern(), route.command(),
                route.otherJsonTypes(), route.headers(), route.body(), route.answer(), route.decidedAgain(),
                (path, body, request, context) -> {
                    throw failure;
                });
    }

    @Test
    void everyRefusalAndEveryUnusualRequestGoesTheLongWayAndChangesNothing() {
        String name = uniqueName("refused");
        JsonNode created = createWorkspace("ada", name);
        String id = created.path("id").asText();
        String etag = "\"" + created.path("version").asLong() + "\"";
        String path = "/v1/workspaces/" + name;
        String valid = "{\"description\":\"d\"}";
        long events = eventCount(id);
        long before = shortcutAnswers();

        assertProblem(api().anonymous().patch(path, valid).send(), 401, "unauthenticated");
        assertProblem(api().bearer("not.a.token").patch(path, valid).send(), 401, "unauthenticated");
        assertProblem(api().as("mallory").patch(path, valid).send(), 404, "workspace-not-found");
        assertProblem(api().as("ada").patch("/v1/workspaces/nowhere-" + name, valid).send(), 404, "workspace-not-found");
        assertProblem(api().as("ada").patch(path, "not json").send(), 400, "malformed-json");
        assertProblem(api().as("ada").patch(path, "null").send(), 400, "missing-body");
        assertInvalidField(api().as("ada").patch(path, "{\"description\":\"d\",\"extra\":1}").send(), "extra");
        assertInvalidField(api().as("ada").patch(path, "{\"name\":\"other\"}").send(), "name");
        assertInvalidField(api().as("ada").patch(path, "{\"description\":\"" + "x".repeat(1001) + "\"}").send(),
                "description");
        assertProblem(api().as("ada").patch(path, valid).header("If-Match", "\"999\"").send(), 412, "version-mismatch");
        assertInvalidField(api().as("ada").put(path + "/members/eddie", "{\"role\":\"owner\"}").send(), "role");
        assertInvalidField(api().as("ada").put(path + "/members/system:x", "{\"role\":\"viewer\"}").send(),
                "principal");
        assertThat(api().as("ada").patch(path, valid).header("Content-Type", "text/plain").send().status())
                .isEqualTo(415);
        assertThat(api().as("ada").patch(path, valid).header("Accept", "application/xml").send().status())
                .isEqualTo(406);
        // what the filter chain's firewall refuses: a control character in any header
        RawHttp.Answer controlInHeader = RawHttp.send(port, "PATCH", path, List.of(
                new String[]{"Authorization", "Bearer " + TestTokens.token("ada", List.of())},
                new String[]{"Content-Type", "application/json"}, new String[]{"X-Note", "a\u0085b"}), valid);
        assertThat(controlInHeader.status()).as(controlInHeader.body()).isEqualTo(400);
        assertThat(eventCount(id)).as("nothing above changed the workspace").isEqualTo(events);

        // answered, but the long way: two If-Match headers, a browser's request, an encoded path, a Latin-1 body, a
        // query string
        RawHttp.Answer twoIfMatch = RawHttp.send(port, "PATCH", path, List.of(
                new String[]{"Authorization", "Bearer " + TestTokens.token("ada", List.of())},
                new String[]{"Content-Type", "application/json"}, new String[]{"If-Match", "\"999\""},
                new String[]{"If-Match", etag}), "{\"description\":\"two tags\"}");
        assertThat(twoIfMatch.status()).as(twoIfMatch.body()).isEqualTo(200);
        Api.Response fromBrowser = api().as("ada").patch(path, "{\"description\":\"browser\"}")
                .header("Origin", "http://127.0.0.1:1").send();
        assertThat(fromBrowser.status()).isEqualTo(403);
        Api.Response encoded = api().as("ada").put(path + "/members/ed%64ie", "{\"role\":\"viewer\"}").send();
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(201);
        assertThat(encoded.json().path("principal").asText()).isEqualTo("eddie");
        Api.Response latin1 = api().as("ada").patch(path, "{\"description\":\"latin\"}")
                .header("Content-Type", "application/json;charset=ISO-8859-1").send();
        assertThat(latin1.status()).as(latin1.body()).isEqualTo(200);
        Api.Response withQuery = api().as("ada").patch(path + "?note=x", "{\"description\":\"query\"}").send();
        assertThat(withQuery.status()).as(withQuery.body()).isEqualTo(200);
        assertThat(shortcutAnswers()).as("nothing in this test was answered by the shortcut").isEqualTo(before);
        assertThat(eventCount(id)).isEqualTo(events + 4);
    }

    @Test
    void shortcutAnswersAreCountedInTheHttpAndCommandMetrics() {
        String name = uniqueName("counted");
        createWorkspace("ada", name);
        double patches = countInMetrics(api(), "PATCH", "/v1/workspaces/{ref}", 200);
        double puts = countInMetrics(api(), "PUT", "/v1/workspaces/{ref}/members/{principal}", 201);
        double updates = commands("update_workspace", "accepted");
        double grants = commands("grant_role", "accepted");
        long before = shortcutAnswers();
        for (int i = 0; i < 3; i++) {
            assertThat(api().as("ada").patch("/v1/workspaces/" + name, "{\"description\":\"n" + i + "\"}").send()
                    .status()).isEqualTo(200);
            assertThat(api().as("ada").put("/v1/workspaces/" + name + "/members/m" + i, "{\"role\":\"viewer\"}").send()
                    .status()).isEqualTo(201);
        }
        assertThat(shortcutAnswers()).isEqualTo(before + 6);
        assertThat(countInMetrics(api(), "PATCH", "/v1/workspaces/{ref}", 200)).isEqualTo(patches + 3);
        assertThat(countInMetrics(api(), "PUT", "/v1/workspaces/{ref}/members/{principal}", 201)).isEqualTo(puts + 3);
        assertThat(commands("update_workspace", "accepted")).isEqualTo(updates + 3);
        assertThat(commands("grant_role", "accepted")).isEqualTo(grants + 3);
    }

    private double commands(String command, String outcome) {
        return Scrape.parse(api().anonymous().get("/actuator/prometheus").send().body())
                .value("workspaces_commands_total", "command", command, "outcome", outcome);
    }

    /** The body, less what differs between two workspaces: their ids, names and times. */
    private static JsonNode comparable(Api.Response response, String id, String name) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(response.body().replace(id, "ID").replace(name, "NAME"));
            body.remove(List.of("created_at", "updated_at"));
            return body;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The headers, less those that differ between two workspaces: the token, the length (names and times differ). */
    private static Map<String, List<String>> perWorkspace(Map<String, List<String>> headers) {
        headers.remove("x-consistency-token");
        headers.remove("content-length");
        return headers;
    }

    /**
     * The workspace's events after the first (its creation), as stored: type, payload and metadata, less what differs
     * between two workspaces and two writes (ids, names, message ids, the request id when the client sent none).
     */
    private List<JsonNode> events(String workspaceId, String name) {
        return events(workspaceId, name, 1, null);
    }

    /**
     * The workspace's events from {@code firstSequence} on, compared as {@link #events(String, String)} does, with
     * {@code caller} (unless null) replaced too: twins created by two callers.
     */
    private List<JsonNode> events(String workspaceId, String name, long firstSequence, String caller) {
        List<JsonNode> events = new ArrayList<>();
        jdbc.query("SELECT payload_type, payload::text AS payload, meta_data::text AS meta "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number >= ? "
                        + "ORDER BY sequence_number",
                row -> {
                    String payload = row.getString("payload");
                    String meta = row.getString("meta");
                    if (caller != null) {
                        payload = payload.replace(caller, "CALLER");
                        meta = meta.replace(caller, "CALLER");
                    }
                    events.add(comparableEvent(row.getString("payload_type"), payload, meta, workspaceId, name));
                }, workspaceId, firstSequence);
        return events;
    }

    private static JsonNode comparableEvent(String type, String payload, String metaData, String workspaceId,
                                            String name) {
        try {
            ObjectNode event = JSON.createObjectNode();
            event.put("type", type);
            event.set("payload", JSON.readTree(payload.replace(workspaceId, "ID").replace(name, "NAME")));
            ObjectNode meta = (ObjectNode) JSON.readTree(metaData);
            meta.remove(List.of("causation_id", "traceId", "correlationId"));
            if (meta.has("request_fingerprint")) {
                // a hash of the name, which differs between twins
                assertThat(meta.path("request_fingerprint").asText()).matches("[0-9a-f]{64}");
                meta.put("request_fingerprint", "FINGERPRINT");
            }
            if (!meta.path("request_id").asText().startsWith("req-")) {
                meta.remove(List.of("request_id", "correlation_id"));
            }
            event.set("meta", meta);
            return event;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
