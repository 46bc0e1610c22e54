package io.workspaces.query.membership;

import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.RawHttp;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import java.util.List;
import java.util.Random;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static io.workspaces.common.testing.ShortcutComparison.comparableHeaders;
import static io.workspaces.common.testing.ShortcutComparison.okInMetrics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role lookup's shortcut ({@link RoleLookupShortcut}) answers ordinary lookups exactly as the controller behind
 * the security filter chain does, and leaves everything else to it. An {@code Accept} listing several types never
 * takes the shortcut, so the same request with {@code Accept: application/json, *}{@code /*;q=0.1} is the long way's
 * answer to compare with.
 */
class RoleLookupShortcutTest extends QueryTestBase {

    private static final String LONG_WAY_ACCEPT = "application/json, */*;q=0.1";

    @Autowired
    private FilterRegistrationBean<RoleLookupShortcut> registration;

    private long shortcutAnswers() {
        return registration.getFilter().answered();
    }

    private static String lookup(String principal) {
        return "/v1/principals/" + principal + "/workspaces";
    }

    @Test
    void ordinaryLookupsGetTheLongWaysAnswerAndHeadersFromTheShortcut() {
        String prefix = uniqueName("rl");
        String owner = prefix + "-ada";
        String member = prefix + "-eddie";
        long token = 0;
        for (int i = 0; i < 5; i++) {
            String name = prefix + "-w" + i;
            create(owner, name, "");
            token = write(command().as(owner).put("/v1/workspaces/" + name + "/members/" + member,
                    "{\"role\":\"" + (i % 2 == 0 ? "editor" : "viewer") + "\"}"));
        }
        token = write(command().as(owner).put("/v1/workspaces/" + prefix + "-w4/members/*", "{\"role\":\"viewer\"}"));
        // the shortcut does not wait: once the index has passed the token, it answers requests that carry it
        assertThat(query().as(member).get(lookup(member)).header("X-Consistency-Token", Long.toString(token)).send()
                .status()).isEqualTo(200);
        List<String> queries = List.of("", "?page_size=2", "?page=2&page_size=2", "?sort=-name", "?include_everyone=false",
                "?after=" + token, "?page_size=1&sort=-name&include_everyone=true");
        List<String> principals = List.of(owner, member, prefix + "-nobody");
        Random random = new Random(23);
        for (int round = 0; round < 40; round++) {
            String principal = principals.get(random.nextInt(principals.size()));
            String path = lookup(principal) + queries.get(random.nextInt(queries.size()));
            Api caller = round % 3 == 0 ? query().withRoles("auditor-ann", "auditor") : query().as(principal);
            boolean withToken = round % 4 == 1;

            long before = shortcutAnswers();
            Api.Request viaShortcut = caller.get(path);
            Api.Request viaLongWay = caller.get(path).header("Accept", LONG_WAY_ACCEPT);
            if (withToken) {
                viaShortcut.header("X-Consistency-Token", Long.toString(token));
                viaLongWay.header("X-Consistency-Token", Long.toString(token));
            }
            Api.Response shortcut = viaShortcut.send();
            assertThat(shortcutAnswers()).as("answered by the shortcut: " + path).isEqualTo(before + 1);
            Api.Response longWay = viaLongWay.send();
            assertThat(shortcutAnswers()).as("a list of accepted types goes the long way").isEqualTo(before + 1);

            assertThat(shortcut.status()).as(shortcut.body()).isEqualTo(200);
            assertThat(longWay.status()).as(longWay.body()).isEqualTo(200);
            assertThat(shortcut.body()).isEqualTo(longWay.body());
            assertThat(comparableHeaders(shortcut)).isEqualTo(comparableHeaders(longWay));
        }
        assertThat(query().as(member).get(lookup(member) + "?include_everyone=false").send().json()
                .path("pagination").path("total_results").asInt()).as("the five memberships").isEqualTo(5);
    }

    @Test
    void everyRefusalAndEveryUnusualRequestGoesTheLongWay() {
        long before = shortcutAnswers();

        assertProblem(query().anonymous().get(lookup("vic")).send(), 401, "unauthenticated");
        assertProblem(query().bearer("not.a.token").get(lookup("vic")).send(), 401, "unauthenticated");
        assertProblem(query().as("vic").get(lookup("ada")).send(), 403, "forbidden");
        assertInvalidField(query().as("vic").get(lookup("vic") + "?page_size=0").send(), "page_size");
        assertInvalidField(query().as("vic").get(lookup("vic") + "?colour=red").send(), "colour");
        assertInvalidField(query().as("vic").get(lookup("vic")).header("X-Consistency-Token", "soon").send(),
                "X-Consistency-Token");
        assertInvalidField(query().as("vic").get(lookup("vic")).header("X-Consistency-Token", "999999999999").send(),
                "X-Consistency-Token");
        assertThat(query().as("vic").get(lookup("vic")).header("Accept", "application/xml").send().status())
                .isEqualTo(406);
        assertThat(query().as("vic").post(lookup("vic"), "{}").send().status()).isEqualTo(405);
        // what the filter chain's firewall refuses: a control character in any header, or in a parameter's name
        String bearer = "Bearer " + TestTokens.token("vic", List.of());
        RawHttp.Answer controlInHeader = RawHttp.send(port, "GET", lookup("vic"),
                List.of(new String[]{"Authorization", bearer}, new String[]{"X-Note", "a\u0085b"}), null);
        assertThat(controlInHeader.status()).as(controlInHeader.body()).isEqualTo(400);
        RawHttp.Answer controlInName = RawHttp.send(port, "GET", lookup("vic") + "?pa%01ge=1",
                List.<String[]>of(new String[]{"Authorization", bearer}), null);
        assertThat(controlInName.status()).as(controlInName.body()).isEqualTo(400);
        assertThat(shortcutAnswers()).as("nothing above was answered by the shortcut").isEqualTo(before);

        // answered, but the long way: a browser's request (CORS), a principal the shortcut leaves to Spring MVC
        Api.Response fromBrowser = query().as("vic").get(lookup("vic")).header("Origin", "http://localhost:1").send();
        assertThat(fromBrowser.status()).isNotEqualTo(500);
        Api.Response colon = query().as("svc:jobs").get(lookup("svc:jobs")).send();
        assertThat(colon.status()).as(colon.body()).isEqualTo(200);
        assertThat(shortcutAnswers()).isEqualTo(before);
    }

    @Test
    void shortcutAnswersAreCountedInTheHttpMetricsUnderTheirPathPattern() {
        double before = okInMetrics(query(), "GET", RoleLookupShortcut.PATH_PATTERN);
        long shortcutBefore = shortcutAnswers();
        for (int i = 0; i < 3; i++) {
            assertThat(query().as("metrics-" + i).get(lookup("metrics-" + i)).send().status()).isEqualTo(200);
        }
        assertThat(shortcutAnswers()).isEqualTo(shortcutBefore + 3);
        assertThat(okInMetrics(query(), "GET", RoleLookupShortcut.PATH_PATTERN)).isEqualTo(before + 3);
    }
}
