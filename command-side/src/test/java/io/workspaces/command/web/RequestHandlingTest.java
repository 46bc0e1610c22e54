package io.workspaces.command.web;

import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.RawHttp;
import io.workspaces.command.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What every request gets whatever the endpoint: authentication, request ids, body limits, clean errors. */
class RequestHandlingTest extends ApiTestBase {

    @Test
    void writesWithoutAPrincipalAnswer401AndStoreNothing() {
        long before = eventCount();
        assertProblem(api().anonymous().post("/v1/workspaces", "{\"name\":\"" + uniqueName("anon") + "\"}").send(),
                401, "unauthenticated");
        assertProblem(api().as("*").post("/v1/workspaces", "{\"name\":\"" + uniqueName("star") + "\"}").send(),
                401, "unauthenticated");
        assertProblem(api().as("has space").post("/v1/workspaces", "{\"name\":\"" + uniqueName("sp") + "\"}").send(),
                401, "unauthenticated");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aClientRequestIdIsEchoedAndStoredInTheEventsMetadata() {
        Api.Response created = api().as("alice").post("/v1/workspaces", "{\"name\":\"" + uniqueName("traced") + "\"}")
                .header("X-Request-Id", "req-123-abc").header("X-Correlation-Id", "flow-9").send();

        assertThat(created.header("X-Request-Id")).isEqualTo("req-123-abc");
        String id = created.json().path("id").asText();
        assertThat(jdbc.queryForList("SELECT meta_data::jsonb->>'request_id' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?", String.class, id)).containsOnly("req-123-abc");
        assertThat(jdbc.queryForList("SELECT meta_data::jsonb->>'correlation_id' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?", String.class, id)).containsOnly("flow-9");
    }

    @Test
    void aMissingOrUnusableRequestIdIsReplacedByAGeneratedOne() {
        Api.Response response = api().as("alice").post("/v1/workspaces", "{\"name\":\"" + uniqueName("gen") + "\"}").send();
        assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        Api.Response tooLong = api().as("alice").post("/v1/workspaces", "{\"name\":\"" + uniqueName("gen") + "\"}")
                .header("X-Request-Id", "x".repeat(200)).send();
        assertThat(tooLong.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void bodiesOver64KiBAnswer413WhetherDeclaredOrChunked() {
        long before = eventCount();
        String huge = "{\"name\":\"" + uniqueName("huge") + "\",\"description\":\"" + "a".repeat(70_000) + "\"}";

        assertProblem(api().as("alice").post("/v1/workspaces", huge).send(), 413, "payload-too-large");
        assertProblem(api().as("alice").post("/v1/workspaces", huge).chunked().send(), 413, "payload-too-large");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void malformedJsonAnswers400() {
        assertProblem(api().as("alice").post("/v1/workspaces", "{\"name\":").send(), 400, "malformed-json");
        assertProblem(api().as("alice").post("/v1/workspaces", "{\"name\" \"x\"}").send(), 400, "malformed-json");
        assertProblem(api().as("alice").post("/v1/workspaces", "{\"name\":\"a\"} trailing").send(), 400, "malformed-json");
    }

    @Test
    void aMissingBodyAnswers400() {
        assertProblem(api().as("alice").post("/v1/workspaces", "").send(), 400, "missing-body");
    }

    @Test
    void aWrongContentTypeAnswers415AsProblemJson() {
        Api.Response response = api().as("alice").post("/v1/workspaces", "name=x")
                .header("Content-Type", "application/x-www-form-urlencoded").send();
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownRoutesAndMethodsAnswerProblemJson() {
        Api.Response notFound = api().as("alice").get("/v1/nothing-here").send();
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.contentType()).startsWith("application/problem+json");
        Api.Response notAllowed = api().as("alice").get("/v1/workspaces/default").send();
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteWithItsStatuses(
            @org.springframework.beans.factory.annotation.Autowired
            @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping routes) {
        Api.Response docs = api().anonymous().get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(io.workspaces.common.testing.ApiDocumentationCheck.check(docs.json(), routes)).isEqualTo(7);
        assertThat(api().anonymous().get("/swagger-ui/index.html").send().status()).isEqualTo(200);
    }

    @Test
    void aControlCharacterInAHeaderValueAnswers400AndStoresNothing() throws IOException {
        long before = eventCount();
        // the Content-Length is the body's: one byte more and Tomcat, swallowing the rest of the refused request's
        // body before it closes, would wait for that byte until its connection timeout (60 s)
        String body = "{\"name\":\"ctl-x\"}";
        byte[] request = ("POST /v1/workspaces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\nAuthorization: Bearer a\u0085b\r\n\r\n"
                + body).getBytes(StandardCharsets.ISO_8859_1);

        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // the whole answer is read up to the server's close; a server that kept the connection would fail here
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("Exception");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aKeptAliveConnectionCarriesMoreThanTomcatsDefaultHundredRequests() {
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(port)) {
            for (int i = 1; i <= 150; i++) {
                RawHttp.Answer answer = connection.send("GET", "/actuator/health");
                assertThat(answer.status()).as("answer %d", i).isEqualTo(200);
                assertThat(answer.header("Connection")).as("answer %d's Connection header", i)
                        .isNotEqualToIgnoringCase("close");
                assertThat(answer.body()).as("answer %d", i).contains("\"UP\"");
            }
        }
    }

    @Test
    void healthPrometheusAndOpenApiArePublished() {
        assertThat(api().get("/actuator/health").send().body()).contains("\"UP\"");
        assertThat(api().get("/actuator/prometheus").send().body()).contains("jvm_memory_used_bytes");
        Api.Response docs = api().get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/v1/workspaces/{ref}/members/{principal}")).isTrue();
    }
}
