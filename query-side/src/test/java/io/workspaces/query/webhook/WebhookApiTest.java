package io.workspaces.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.feed.DownstreamTestBase;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Managing webhook subscriptions: who may, what is checked, and what is shown. */
class WebhookApiTest extends DownstreamTestBase {

    @Test
    void platformAdminsManageSubscriptionsAndTheSecretIsShownOnlyOnce() {
        Api.Response created = platformAdmin().post("/v1/webhooks",
                "{\"url\":\"https://hooks.example.com/workspaces?tenant=7\",\"description\":\"billing\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode subscription = created.json();
        String id = subscription.path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/webhooks/" + id);
        String secret = subscription.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(subscription.path("event_types")).isEmpty();
        assertThat(subscription.path("workspace_id").isNull()).isTrue();
        assertThat(subscription.path("created_by").asText()).isEqualTo("root");
        assertThat(subscription.path("starts_after").asLong()).isPositive();

        JsonNode read = auditor().get("/v1/webhooks/" + id).send().json();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.path("url").asText()).isEqualTo("https://hooks.example.com/workspaces?tenant=7");
        assertThat(auditor().get("/v1/webhooks?page_size=1000").send().json().path("data").findValuesAsText("id"))
                .contains(id);
        assertThat(auditor().get("/v1/webhooks/" + id + "/deliveries").send().json().path("data")).isEmpty();

        Api.Response replaced = platformAdmin().put("/v1/webhooks/" + id,
                "{\"url\":\"http://hooks.example.com/v2\",\"event_types\":[\"workspace.deleted\"]}").send();
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().has("secret")).isFalse();
        assertThat(replaced.json().path("event_types").get(0).asText()).isEqualTo("workspace.deleted");
        assertThat(replaced.json().path("description").asText()).isEmpty();
        assertThat(services().jdbc().queryForObject("SELECT secret FROM webhook_subscription WHERE id = ?::uuid",
                String.class, id)).as("a replace without a secret keeps it").isEqualTo(secret);

        assertThat(platformAdmin().delete("/v1/webhooks/" + id).send().status()).isEqualTo(204);
        assertProblem(auditor().get("/v1/webhooks/" + id).send(), 404, "webhook-not-found");
        assertProblem(platformAdmin().delete("/v1/webhooks/" + id).send(), 404, "webhook-not-found");
        assertProblem(auditor().get("/v1/webhooks/not-a-uuid").send(), 404, "webhook-not-found");
    }

    @Test
    void onlyPlatformAdminsManageAndOnlyAuditorsAndPlatformAdminsRead() {
        String body = "{\"url\":\"https://hooks.example.com/x\"}";
        assertProblem(auditor().post("/v1/webhooks", body).send(), 403, "forbidden");
        assertProblem(services().query().as("alice").post("/v1/webhooks", body).send(), 403, "forbidden");
        assertProblem(services().query().as("alice").get("/v1/webhooks").send(), 403, "forbidden");
        assertProblem(services().query().anonymous().get("/v1/webhooks").send(), 401, "unauthenticated");
        assertProblem(services().query().anonymous().post("/v1/webhooks", body).send(), 401, "unauthenticated");
        String id = platformAdmin().post("/v1/webhooks", body).send().json().path("id").asText();
        assertProblem(auditor().put("/v1/webhooks/" + id, body).send(), 403, "forbidden");
        assertProblem(auditor().delete("/v1/webhooks/" + id).send(), 403, "forbidden");
        assertThat(auditor().get("/v1/webhooks/" + id).send().status()).isEqualTo(200);
    }

    @Test
    void invalidSubscriptionsAreRefusedWithEveryFieldInError() {
        for (String url : new String[]{"ftp://hooks.example.com/x", "not a url", "/relative/path",
                "https://user:password@hooks.example.com/x", "https://hooks.example.com/x#part", "http:///nohost"}) {
            assertInvalidField(platformAdmin().post("/v1/webhooks", "{\"url\":\"" + url + "\"}").send(), "url");
        }
        assertInvalidField(platformAdmin().post("/v1/webhooks", "{}").send(), "url");
        for (String secret : new String[]{"abc", "whsec_not*base64", "whsec_" + Base64.getEncoder().encodeToString(
                new byte[16]), "whsec_" + Base64.getEncoder().encodeToString(new byte[65])}) {
            JsonNode problem = assertInvalidField(platformAdmin().post("/v1/webhooks",
                    "{\"url\":\"https://h.example.com\",\"secret\":\"" + secret + "\"}").send(), "secret");
            assertThat(problem.toString()).as("the secret is not echoed").doesNotContain(secret);
        }
        JsonNode problem = assertProblem(platformAdmin().post("/v1/webhooks", """
                {"url":"https://h.example.com","event_types":["workspace.created","workspace.exploded",
                 "workspace.created"],"workspace_id":"00000000-0000-0000-0000-000000000000"}""").send(),
                422, "invalid-request");
        assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("event_types[1]", "event_types[2]", "workspace_id");
        assertInvalidField(platformAdmin().post("/v1/webhooks",
                "{\"url\":\"https://h.example.com\",\"colour\":\"red\"}").send(), "colour");
        assertInvalidField(platformAdmin().post("/v1/webhooks",
                "{\"url\":\"https://h.example.com\",\"workspace_id\":\"nope\"}").send(), "workspace_id");
        assertInvalidField(platformAdmin().post("/v1/webhooks",
                "{\"url\":\"https://h.example.com\",\"event_types\":\"workspace.created\"}").send(), "event_types");
        String id = platformAdmin().post("/v1/webhooks", "{\"url\":\"https://h.example.com\"}").send().json()
                .path("id").asText();
        assertInvalidField(auditor().get("/v1/webhooks/" + id + "/deliveries?status=lost").send(), "status");
        assertInvalidField(auditor().get("/v1/webhooks?pagesize=5").send(), "pagesize");
        assertProblem(platformAdmin().post("/v1/webhooks", "{\"url\":").send(), 400, "malformed-json");
    }
}
