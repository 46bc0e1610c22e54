package io.workspaces.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribing to internal addresses, with the outbound policy's defaults (no internal host allowed, ports 80, 443,
 * 8080 and 8443): every forbidden address, however it is written, is refused with a 422 on {@code url} that
 * tells the reason without telling what a name resolves to, and nothing is stored.
 */
class WebhookSubscribePolicyTest extends QueryTestBase {

    private static final int GENERATED = 200;
    private static final String NUMERIC = "must write an IPv4 address as four decimal numbers from 0 to 255 "
            + "without leading zeros (a.b.c.d)";

    @Test
    void generatedForbiddenAddressesInEverySpellingAreRefused() {
        Combinators.combine(ForbiddenAddresses.urlHosts(),
                        Arbitraries.of("http://%s/hooks", "https://%s/", "http://%s:8080/x?y=1", "https://%s:8443"))
                .as((host, pattern) -> List.of(host, String.format(pattern, host)))
                .sampleStream().limit(GENERATED)
                .forEach(hostAndUrl -> assertRefused(hostAndUrl.get(1),
                        ForbiddenAddresses.isStandardSpelling(hostAndUrl.get(0)) ? WebhookAddressPolicy.REFUSED_HOST
                                : NUMERIC));
    }

    @Test
    void theProbedAddressesAreRefusedAndAnUnresolvableNameGetsTheSameAnswer() {
        for (String url : List.of("http://localhost/", "http://LOCALHOST./", "http://[::1]/", "http://0.0.0.0/",
                "http://[::]/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.1.1/", "http://[fe80::1]/",
                "http://[fd00:ec2::254]/", "http://100.100.100.200/", "http://192.0.0.192/",
                "http://[64:ff9b::a9fe:a9fe]/", "http://[::127.0.0.1]/", "http://[2002:7f00:1::1]/",
                "http://224.0.0.1/", "http://255.255.255.255/", "http://no-such-host.invalid/")) {
            assertRefused(url, WebhookAddressPolicy.REFUSED_HOST);
        }
        for (String url : List.of("http://2130706433/", "http://0x7f.1/", "http://017700000001/", "http://127.1/",
                "http://127.000.000.001/", "http://0x7f000001:8080/")) {
            assertRefused(url, NUMERIC);
        }
        assertRefused("http://127.0.0.1:5432/", "must use an allowed port: 80, 443, 8080, 8443");
        assertRefused("https://198.51.100.7:22/", "must use an allowed port: 80, 443, 8080, 8443");
    }

    @Test
    void aPublicAddressIsAcceptedAndAReplaceIsCheckedToo() {
        Api.Response workspace = create("alice", uniqueName("hooked"), "");
        Api.Response created = admin().post("/v1/webhooks", "{\"url\":\"https://198.51.100.7/hooks\","
                        + "\"workspace_id\":\"" + workspace.json().path("id").asText() + "\"}")
                .header("X-Consistency-Token", Long.toString(workspace.consistencyToken())).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        try {
            JsonNode problem = assertInvalidField(admin().put("/v1/webhooks/" + id,
                    "{\"url\":\"http://[::ffff:10.0.0.1]/hooks\"}").send(), "url");
            assertThat(problem.path("errors").get(0).path("message").asText())
                    .isEqualTo(WebhookAddressPolicy.REFUSED_HOST);
            assertThat(auditor().get("/v1/webhooks/" + id).send().json().path("url").asText())
                    .isEqualTo("https://198.51.100.7/hooks");
        } finally {
            assertThat(admin().delete("/v1/webhooks/" + id).send().status()).isEqualTo(204);
        }
    }

    private void assertRefused(String url, String reason) {
        JsonNode problem = assertInvalidField(admin().post("/v1/webhooks",
                "{\"url\":\"" + url + "\",\"description\":\"probe\"}").send(), "url");
        assertThat(problem.path("errors")).as(url).hasSize(1);
        assertThat(problem.path("errors").get(0).path("message").asText()).as(url).isEqualTo(reason);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_subscription WHERE url = ?", Long.class, url))
                .as("stored %s", url).isZero();
    }

    private Api admin() {
        return query().withRoles("root", "platform-admin");
    }
}
