package io.workspaces.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessAnswer;
import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.EntityLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access-check calls against the contract of {@code POST /v1/access/check} and {@code GET /v1/entities/{type}/{id}},
 * answered by a tiny local server: what the client sends, and how it reads the answers.
 */
class AccessCheckContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKSPACE_ID = "3f1c2b6e-0000-4000-8000-000000000001";

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> consistencyHeaders = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private WorkspacesClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (request.length > 0) {
                bodies.add(JSON.readTree(request));
            }
            consistencyHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Consistency-Token")));
            byte[] body = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath(),
                    "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        client = WorkspacesClient.builder().commandUrl(url).queryUrl(url).retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void checksAreSentInOrderAndAnsweredInOrder() {
        answers.put("POST /v1/access/check", """
                {"results":[{"allowed":true,"role":"viewer","workspace_id":"%s"},
                            {"allowed":false,"role":"viewer","workspace_id":"%s","reason":"needs editor"},
                            {"allowed":false,"role":null,"workspace_id":null,"reason":"not found"}],
                 "consistency_token":42}""".formatted(WORKSPACE_ID, WORKSPACE_ID));
        WorkspacesClient session = client.after(40);

        AccessAnswer answer = session.checkAccess(List.of(
                AccessCheck.workspace("bob", "ml-team", AccessAction.READ),
                AccessCheck.entity("bob", "dataset", "d-17", AccessAction.WRITE),
                AccessCheck.workspace("bob", "nowhere", AccessAction.READ_HISTORY)));

        assertThat(bodies).hasSize(1);
        JsonNode sent = bodies.get(0).path("checks");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).toString()).isEqualTo("{\"principal\":\"bob\",\"workspace\":\"ml-team\",\"action\":\"read\"}");
        assertThat(sent.get(1).toString())
                .isEqualTo("{\"principal\":\"bob\",\"entity\":{\"type\":\"dataset\",\"id\":\"d-17\"},\"action\":\"write\"}");
        assertThat(sent.get(2).path("action").asText()).isEqualTo("read-history");
        assertThat(consistencyHeaders).containsExactly("40");
        assertThat(answer.results()).extracting(decision -> decision.allowed()).containsExactly(true, false, false);
        assertThat(answer.results().get(1).reason()).isEqualTo("needs editor");
        assertThat(answer.results().get(0).workspaceId()).isEqualTo(UUID.fromString(WORKSPACE_ID));
        assertThat(answer.results().get(2).reason()).isEqualTo("not found");
        assertThat(answer.consistencyToken()).isEqualTo(42);
        // the answer's position is remembered: later reads of the session reflect at least what the check saw
        assertThat(session.consistencyToken()).hasValue(42);
    }

    @Test
    void oneCheckAndTheYesNoShortcut() {
        answers.put("POST /v1/access/check", """
                {"results":[{"allowed":true,"role":"admin","workspace_id":"%s"}],"consistency_token":7}"""
                .formatted(WORKSPACE_ID));

        assertThat(client.isAllowed("alice", "ml-team", AccessAction.MANAGE)).isTrue();
        assertThat(client.checkAccess(AccessCheck.workspace("alice", "ml-team", AccessAction.DELETE)).role())
                .isEqualTo("admin");
        assertThat(consistencyHeaders).containsOnly("null");
    }

    @Test
    void anEntityIsLocatedInItsWorkspace() {
        answers.put("GET /v1/entities/dataset/d%2F17", """
                {"type":"dataset","id":"d/17","workspace":{"id":"%s","name":"ml-team"},"role":"viewer"}""".formatted(WORKSPACE_ID));
        answers.put("GET /v1/entities/model/m-1", """
                {"entity_type":"model","entity_id":"m-1","workspace_id":"%s","workspace_name":"vision"}"""
                .formatted(WORKSPACE_ID));

        EntityLocation dataset = client.locateEntity("dataset", "d/17");
        EntityLocation model = client.locateEntity("model", "m-1");

        assertThat(dataset).isEqualTo(new EntityLocation("dataset", "d/17", UUID.fromString(WORKSPACE_ID), "ml-team", "viewer"));
        assertThat(model).isEqualTo(new EntityLocation("model", "m-1", UUID.fromString(WORKSPACE_ID), "vision", null));
    }
}
