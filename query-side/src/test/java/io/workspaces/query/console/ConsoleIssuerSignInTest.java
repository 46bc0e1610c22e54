package io.workspaces.query.console;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.issuer.TestIssuer;
import io.workspaces.query.support.RunningServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sign-in with an OAuth2 issuer in a real browser (headless Chromium): a local Spring Authorization Server
 * ({@link TestIssuer}) signs the tokens, both sides verify them with its keys (no HMAC secret), and the console runs
 * the authorization-code flow with PKCE as the issuer's public client. Screenshots go to target/console-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIssuerSignInTest {

    private static final String TOKEN_KEY = "workspaces.console.token";
    private static final String STATE_KEY = "workspaces.console.oauth.state";
    private static final String VERIFIER_KEY = "workspaces.console.oauth.verifier";
    private static final String PASSWORD = "dana-" + UUID.randomUUID();

    private final String database = TestDatabase.SERVER + "/workspaces_console_oauth_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private TestIssuer issuer;
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;
    private String query;
    private String consolePage;
    private String commandUrl;
    private ConsoleBrowser browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws IOException {
        assumeTrue(ConsoleBrowser.available(), "Chromium and chromedriver are not installed (apt-get install chromium "
                + "chromium-driver; .ci/run does it)");
        int queryPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            queryPort = socket.getLocalPort();
        }
        query = "http://127.0.0.1:" + queryPort;
        consolePage = query + "/console/";
        issuer = TestIssuer.start(consolePage, Map.of("dana", List.of(PASSWORD, "workspace-creator")));
        String[] issuerTokens = {"--workspaces.security.jwt.hmac-secret=", "--workspaces.security.jwt.issuer=",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.url()};
        commandSide = RunningServices.commandSide(database, TestDatabase.USER, TestDatabase.PASSWORD,
                concat(issuerTokens, "--workspaces.cors.allowed-origins=" + query));
        commandUrl = RunningServices.baseUrl(commandSide);
        querySide = RunningServices.querySide(database, TestDatabase.USER, TestDatabase.PASSWORD,
                concat(issuerTokens, "--server.port=" + queryPort, "--workspaces.console.command-url=" + commandUrl,
                        "--workspaces.console.oauth.client-id=" + TestIssuer.CLIENT_ID,
                        "--workspaces.consistency.max-wait=5s"));
        browser = new ConsoleBrowser();
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (querySide != null) {
                querySide.close();
            }
            if (commandSide != null) {
                commandSide.close();
            }
            if (issuer != null) {
                issuer.close();
            }
            DatabaseCreator.drop(database, TestDatabase.USER, TestDatabase.PASSWORD);
        }
    }

    /** A tab signed in nowhere: no token in the console, no session at the issuer (cookies are per host, not port). */
    @BeforeEach
    void freshTab() {
        browser.driver.get(consolePage);
        browser.script("sessionStorage.clear()");
        browser.driver.manage().deleteAllCookies();
        browser.driver.navigate().refresh();
        browser.consoleLog();
    }

    @Test
    void signsInWithTheIssuerAndSeesTheUsersWorkspaces() throws IOException {
        browser.await(By.id("issuer-sign-in"));
        assertThat(browser.driver.findElement(By.id("token"))).as("the paste-a-token form stays").isNotNull();
        checkPage("sign-in-issuer");
        browser.driver.findElement(By.id("issuer-sign-in")).click();

        browser.waitingFor(() -> browser.driver.getCurrentUrl().startsWith(issuer.url() + "/login"));
        browser.await(By.id("username")).sendKeys("dana");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.screenshot("issuer-login");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

        // back on the console, signed in, with nothing of the exchange left in the address bar or the tab
        browser.awaitText(By.id("principal"), "dana");
        browser.await(By.id("search"));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(consolePage + "#/workspaces");
        String token = (String) browser.script("return sessionStorage.getItem(arguments[0])", TOKEN_KEY);
        assertThat(token).startsWith("ey");
        assertThat(browser.script("return Object.keys(sessionStorage)")).isEqualTo(List.of(TOKEN_KEY));
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).as("cookies readable by script").isEqualTo("");
        assertThat(browser.driver.manage().getCookies()).as("no cookie holds the token")
                .noneMatch(cookie -> cookie.getValue().contains(token))
                .allMatch(Cookie::isHttpOnly);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(token);
        assertThat(browser.script("return location.search")).isEqualTo("");

        // the token is the issuer's, and both sides take it: sub is the principal, roles its platform roles
        String mine = unique("oauth-first");
        Api.Response created = new Api(commandUrl).bearer(token).post("/v1/workspaces",
                "{\"name\":\"" + mine + "\",\"description\":\"made with the issuer's token\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response read = new Api(query).bearer(token).get("/v1/principals/dana/workspaces")
                .header("X-Consistency-Token", String.valueOf(created.consistencyToken())).send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains(mine);

        // a write from the page, with the create form that only creators see
        String fromPage = unique("oauth-page");
        browser.await(By.cssSelector("#create-form input[name=name]")).sendKeys(fromPage);
        browser.driver.findElement(By.cssSelector("#create-form button")).click();
        browser.awaitText(By.id("workspace-name"), fromPage);
        assertThat(browser.driver.findElement(By.id("my-role")).getText()).isEqualTo("admin");

        browser.driver.get(consolePage + "#/workspaces");
        browser.waitingFor(() -> browser.driver.findElement(By.id("page")).getText().contains(mine)
                && browser.driver.findElement(By.id("page")).getText().contains(fromPage));
        checkPage("workspaces-issuer");
        browser.driver.get(consolePage + "#/me");
        browser.awaitText(By.id("me-principal"), "dana");
        browser.waitingFor(() -> browser.driver.findElement(By.id("my-workspaces")).getText().contains(mine));
        assertThat(browser.driver.findElement(By.id("me-roles")).getText()).isEqualTo("workspace-creator");

        browser.driver.findElement(By.id("sign-out")).click();
        browser.await(By.id("issuer-sign-in"));
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void anAnswerForAnotherStateIsRefusedWithAMessage() throws IOException {
        browser.await(By.id("issuer-sign-in")).click();
        browser.waitingFor(() -> browser.driver.getCurrentUrl().startsWith(issuer.url() + "/login"));

        // meanwhile the tab's state changes: the issuer's answer, with the state it was sent, no longer matches
        browser.driver.get(consolePage + "#/signin");
        browser.await(By.id("issuer-sign-in"));
        assertThat(browser.script("return sessionStorage.getItem(arguments[0])", VERIFIER_KEY)).asString().hasSize(43);
        assertThat(browser.script("return sessionStorage.getItem(arguments[0])", STATE_KEY)).isNotNull();
        browser.script("sessionStorage.setItem(arguments[0], 'a-state-this-tab-did-not-send')", STATE_KEY);
        browser.driver.get(issuer.url() + "/login");
        browser.await(By.id("username")).sendKeys("dana");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

        browser.awaitText(By.id("message"), "state mismatch");
        assertThat(browser.driver.getCurrentUrl()).startsWith(consolePage).doesNotContain("code=", "state=");
        assertThat(browser.script("return sessionStorage.length")).as("no token, state or verifier kept").isEqualTo(0L);
        browser.await(By.id("issuer-sign-in"));
        assertThat(browser.driver.findElements(By.id("principal"))).isEmpty();
        checkPage("sign-in-state-refused");

        // an answer nobody asked for (a forged link) is refused the same way
        browser.driver.get(consolePage + "?code=forged&state=forged");
        browser.awaitText(By.id("message"), "state mismatch");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(consolePage + "#/workspaces");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void theIssuersRefusalIsShown() {
        browser.script("sessionStorage.setItem(arguments[0], 's1'); sessionStorage.setItem(arguments[1], 'v1')",
                STATE_KEY, VERIFIER_KEY);
        browser.driver.get(consolePage + "?error=access_denied&error_description=The+user+said+no&state=s1");
        browser.awaitText(By.id("message"), "The issuer did not sign you in (access_denied): “The user said no”");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(consolePage + "#/workspaces");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);

        // a code the issuer does not know: the exchange fails, and says so
        browser.script("sessionStorage.setItem(arguments[0], 's2'); sessionStorage.setItem(arguments[1], 'v2')",
                STATE_KEY, VERIFIER_KEY);
        browser.driver.get(consolePage + "?code=not-a-code-it-issued&state=s2");
        browser.awaitText(By.id("message"), "Sign-in failed: the issuer did not exchange the code (400 invalid_grant)");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        browser.await(By.id("issuer-sign-in"));
    }

    @Test
    void thePolicyAddsTheIssuersOriginAndConfigSaysNoSecret() throws Exception {
        HttpResponse<String> page = get(consolePage);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("connect-src 'self' " + commandUrl + " " + issuer.url() + ";", "script-src 'self';",
                "default-src 'none';").doesNotContain("unsafe", "*");
        String config = get(query + "/console/config.json").body();
        assertThat(config).contains("\"oauth\":{\"issuer\":\"" + issuer.url() + "\",\"client_id\":\""
                + TestIssuer.CLIENT_ID + "\",\"scopes\":\"openid\"}").doesNotContainIgnoringCase("secret");

        // the issuer lets the console's origin, and no other, read its token endpoint's answers
        HttpResponse<String> fromConsole = http.send(HttpRequest.newBuilder(URI.create(issuer.url() + "/oauth2/token"))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x&client_id="
                        + TestIssuer.CLIENT_ID + "&code_verifier=" + "v".repeat(43)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", query).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fromConsole.headers().firstValue("Access-Control-Allow-Origin")).contains(query);
        HttpResponse<String> fromElsewhere = http.send(HttpRequest.newBuilder(URI.create(issuer.url() + "/oauth2/token"))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** Every form control labelled, no policy violation, and a screenshot. */
    private void checkPage(String screenshot) throws IOException {
        Object unlabelled = browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).map(c => c.outerHTML)");
        assertThat((List<?>) unlabelled).as("form controls without a label").isEmpty();
        assertThat(browser.consoleLog()).as("console messages").noneMatch(entry ->
                entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Uncaught"));
        browser.screenshot(screenshot);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
