package io.workspaces.query.access;

import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.RawHttp;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static io.workspaces.common.testing.ShortcutComparison.comparableHeaders;
import static io.workspaces.common.testing.ShortcutComparison.okInMetrics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access check's shortcut ({@link AccessCheckShortcut}) answers ordinary checks exactly as the controller behind
 * the security filter chain does, and leaves everything else to it. A chunked body never takes the shortcut (its
 * length is not known), so the same request sent chunked is the long way's answer to compare with.
 */
class AccessCheckShortcutTest extends QueryTestBase {

    private static final String CHECK = "/v1/access/check";
    private static final List<String> ACTIONS = List.of("read", "write", "manage", "delete", "read-history");

    @Autowired
    private FilterRegistrationBean<AccessCheckShortcut> registration;

    private long shortcutAnswers() {
        return registration.getFilter().answered();
    }

    private Api checker() {
        return query().withRoles("svc-datasets", "access-checker");
    }

    @Test
    void ordinaryChecksGetTheLongWaysAnswerAndHeadersFromTheShortcut() {
        String name = uniqueName("short");
        String id = create("ada", name, "").json().path("id").asText();
        write(command().as("ada").put("/v1/workspaces/" + name + "/members/eddie", "{\"role\":\"editor\"}"));
        write(command().as("ada").put("/v1/workspaces/" + name + "/members/vic", "{\"role\":\"viewer\"}"));
        long token = write(command().as("ada").put("/v1/workspaces/" + name + "/entities/dataset/d-" + name));
        List<String> targets = List.of("\"workspace\":\"" + name + "\"", "\"workspace\":\"" + id + "\"",
                "\"entity\":{\"type\":\"dataset\",\"id\":\"d-" + name + "\"}", "\"workspace\":\"nowhere-" + name + "\"",
                "\"entity\":{\"type\":\"model\",\"id\":\"m-1\"}");
        List<String> principals = List.of("ada", "eddie", "vic", "stranger", "svc-datasets");
        // the shortcut does not wait: once the index has passed the token, it answers requests that carry it
        assertThat(checker().post(CHECK, "{\"checks\":[{\"principal\":\"vic\",\"workspace\":\"" + name
                + "\",\"action\":\"read\"}],\"after\":" + token + "}").send().status()).isEqualTo(200);
        Random random = new Random(17);
        for (int round = 0; round < 40; round++) {
            List<String> checks = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                checks.add("{\"principal\":\"" + principals.get(random.nextInt(principals.size())) + "\","
                        + targets.get(random.nextInt(targets.size())) + ",\"action\":\""
                        + ACTIONS.get(random.nextInt(ACTIONS.size())) + "\"}");
            }
            String body = round % 3 == 0
                    ? "{\"checks\":[" + String.join(",", checks) + "],\"after\":" + token + "}"
                    : "{\"checks\":[" + String.join(",", checks) + "]}";
            UnaryOperator<Api.Request> asked = round % 2 == 0 ? request -> request
                    : request -> request.header("X-Consistency-Token", Long.toString(token));

            long before = shortcutAnswers();
            Api.Response shortcut = asked.apply(checker().post(CHECK, body)).send();
            assertThat(shortcutAnswers()).as("answered by the shortcut").isEqualTo(before + 1);
            Api.Response longWay = asked.apply(checker().post(CHECK, body).chunked()).send();
            assertThat(shortcutAnswers()).as("a chunked body goes the long way").isEqualTo(before + 1);

            assertThat(shortcut.status()).as(shortcut.body()).isEqualTo(200);
            assertThat(longWay.status()).as(longWay.body()).isEqualTo(200);
            assertThat(shortcut.json()).isEqualTo(longWay.json());
            assertThat(comparableHeaders(shortcut)).isEqualTo(comparableHeaders(longWay));
        }
    }

    @Test
    void aCallerAskingAboutThemselvesTakesTheShortcutWithTheirPlatformRoles() {
        long before = shortcutAnswers();
        Api.Response answer = query().withRoles("paula", "platform-admin").post(CHECK,
                "{\"checks\":[{\"principal\":\"paula\",\"workspace\":\"nowhere-at-all\",\"action\":\"delete\"}]}").send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(shortcutAnswers()).isEqualTo(before + 1);
        assertThat(answer.json().path("results").get(0).path("reason").asText()).isEqualTo("not found");
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.consistencyToken()).isEqualTo(answer.json().path("consistency_token").asLong());
    }

    @Test
    void everyRefusalAndEveryUnusualRequestGoesTheLongWay() {
        String valid = "{\"checks\":[{\"principal\":\"vic\",\"workspace\":\"x\",\"action\":\"read\"}]}";
        long before = shortcutAnswers();

        assertProblem(query().anonymous().post(CHECK, valid).send(), 401, "unauthenticated");
        assertProblem(query().bearer("not.a.token").post(CHECK, valid).send(), 401, "unauthenticated");
        assertProblem(query().as("vic").post(CHECK, valid.replace("vic", "ada")).send(), 403, "forbidden");
        assertProblem(checker().post(CHECK, "not json").send(), 400, "malformed-json");
        assertProblem(checker().post(CHECK, "null").send(), 400, "missing-body");
        assertInvalidField(checker().post(CHECK, valid.replace("read", "own")).send(), "checks[0].action");
        assertInvalidField(checker().post(CHECK, valid.replace("}]}", "}],\"extra\":1}")).send(), "extra");
        assertInvalidField(checker().post(CHECK, valid).header("X-Consistency-Token", "soon").send(),
                "X-Consistency-Token");
        assertInvalidField(checker().post(CHECK, valid).header("X-Consistency-Token", "999999999999").send(),
                "X-Consistency-Token");
        assertInvalidField(checker().post(CHECK + "?page=1", valid).send(), "page");
        Api.Response otherType = checker().post(CHECK, valid).header("Content-Type", "text/plain").send();
        assertThat(otherType.status()).isEqualTo(415);
        Api.Response xml = checker().post(CHECK, valid).header("Accept", "application/xml").send();
        assertThat(xml.status()).isEqualTo(406);
        // what the filter chain's firewall refuses: a control character in any header
        RawHttp.Answer controlInHeader = RawHttp.send(port, "POST", CHECK, List.of(
                new String[]{"Authorization", "Bearer " + TestTokens.token("vic", List.of())},
                new String[]{"Content-Type", "application/json"}, new String[]{"X-Note", "a\u0085b"}),
                valid);
        assertThat(controlInHeader.status()).as(controlInHeader.body()).isEqualTo(400);
        assertThat(shortcutAnswers()).as("nothing above was answered by the shortcut").isEqualTo(before);

        // answered, but the long way: a browser's request (CORS), a charset other than UTF-8
        Api.Response fromBrowser = checker().post(CHECK, valid).header("Origin", "http://localhost:1").send();
        assertThat(fromBrowser.status()).isNotEqualTo(500);
        Api.Response latin1 = checker().post(CHECK, valid).header("Content-Type", "application/json;charset=ISO-8859-1")
                .send();
        assertThat(latin1.status()).as(latin1.body()).isEqualTo(200);
        assertThat(shortcutAnswers()).isEqualTo(before);
    }

    @Test
    void shortcutAnswersAreCountedInTheHttpMetricsUnderTheirPath() {
        String valid = "{\"checks\":[{\"principal\":\"svc-datasets\",\"workspace\":\"x\",\"action\":\"read\"}]}";
        double before = okInMetrics(query(), "POST", CHECK);
        long shortcutBefore = shortcutAnswers();
        for (int i = 0; i < 3; i++) {
            assertThat(checker().post(CHECK, valid).send().status()).isEqualTo(200);
        }
        assertThat(shortcutAnswers()).isEqualTo(shortcutBefore + 3);
        assertThat(okInMetrics(query(), "POST", CHECK)).isEqualTo(before + 3);
    }
}
