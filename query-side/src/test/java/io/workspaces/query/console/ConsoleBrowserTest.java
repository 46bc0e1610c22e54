package io.workspaces.query.console;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.support.RunningServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser (headless Chromium), against both sides running in this JVM on a database of
 * their own: the command side allows the query side's origin, the query side serves /console. One browser and one
 * pair of services for the class; each test signs in as the role it checks, with a sign-in link as ./run.sh prints.
 * Every page visited is checked for labelled form controls and Content-Security-Policy violations, and saved as a
 * screenshot under target/console-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private static final String XSS = "<img src=x onerror=\"window.__xss=1\">";

    private final String database = TestDatabase.SERVER + "/workspaces_console_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;
    private String query;
    private String commandUrl;
    private ConsoleBrowser browser;
    private com.sun.net.httpserver.HttpServer receiver; // a webhook receiver that takes every delivery
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
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        commandSide = RunningServices.commandSide(database, TestDatabase.USER, TestDatabase.PASSWORD,
                "--workspaces.cors.allowed-origins=" + query);
        commandUrl = RunningServices.baseUrl(commandSide);
        querySide = RunningServices.querySide(database, TestDatabase.USER, TestDatabase.PASSWORD,
                "--server.port=" + queryPort, "--workspaces.console.command-url=" + commandUrl,
                "--workspaces.consistency.max-wait=5s", "--workspaces.webhooks.allowed-hosts=127.0.0.1/32",
                "--workspaces.webhooks.allowed-ports=1-65535");
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
            if (receiver != null) {
                receiver.stop(0);
            }
            DatabaseCreator.drop(database, TestDatabase.USER, TestDatabase.PASSWORD);
        }
    }

    @BeforeEach
    void freshTab() {
        browser.driver.get(query + "/console/");
        browser.script("sessionStorage.clear()");
        browser.consoleLog();
    }

    // --- the pages, by role ---------------------------------------------------------------------------------

    @Test
    void signInWithThePastedTokenByKeyboard() throws IOException {
        browser.driver.navigate().refresh();
        WebElement token = browser.await(By.id("token"));
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(token);
        checkPage("sign-in");
        token.sendKeys(TestTokens.token("alice", List.of("workspace-creator")));
        token.sendKeys(Keys.TAB);
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Sign in");
        focused.sendKeys(Keys.ENTER);
        browser.awaitText(By.tagName("h1"), "Workspaces");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/#/workspaces").doesNotContain("ey");
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.driver.findElement(By.id("principal")).getText()).isEqualTo("alice");

        browser.driver.findElement(By.id("sign-out")).click();
        browser.await(By.id("token"));
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void aRefusedTokenIsShownAndNotKept() {
        browser.driver.navigate().refresh();
        browser.await(By.id("token")).sendKeys("not-a-token");
        browser.driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        browser.awaitText(By.id("message"), "401");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void anAdminCreatesAWorkspaceAndManagesItsMembers() throws IOException {
        signInAs("alice", "workspace-creator");
        String name = unique("robotics");
        browser.await(By.id("create-form"));
        checkPage("workspaces");
        browser.driver.findElement(By.cssSelector("#create-form input[name=name]")).sendKeys(name);
        browser.driver.findElement(By.cssSelector("#create-form textarea")).sendKeys("Arms and grippers");
        browser.driver.findElement(By.cssSelector("#create-form button")).click();
        browser.awaitText(By.id("workspace-name"), name);
        assertThat(browser.driver.findElement(By.id("my-role")).getText()).isEqualTo("admin");

        // an instant after the create and before every change below, for "as it was at"
        Instant created = Instant.parse(new Api(query).as("alice").get("/v1/workspaces/" + name).send().json()
                .path("created_at").asText());
        Instant asOf = created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(asOf.plusMillis(50)));

        WebElement description = browser.await(By.cssSelector("#description-form textarea"));
        description.clear();
        description.sendKeys("Arms, grippers and wrists");
        browser.driver.findElement(By.cssSelector("#description-form button")).click();
        browser.awaitText(By.id("message"), "Description saved");
        browser.await(By.cssSelector("#add-member input[name=principal]")).sendKeys("bob");
        new Select(browser.driver.findElement(By.cssSelector("#add-member select"))).selectByValue("editor");
        browser.driver.findElement(By.cssSelector("#add-member button")).click();
        browser.waitingFor(() -> "editor".equals(memberRole("bob")));

        // the last admin may not leave: the 409's detail is quoted
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Remove alice']"))).click();
        browser.awaitText(By.id("message"), "Refused (409");
        String detail = command("alice").delete("/v1/workspaces/" + name + "/members/alice").send().json()
                .path("detail").asText();
        assertThat(browser.driver.findElement(By.id("message")).getText()).contains("“" + detail + "”");

        // re-role bob to admin
        WebElement bobRow = memberRow("bob");
        new Select(bobRow.findElement(By.tagName("select"))).selectByValue("admin");
        bobRow.findElement(By.xpath(".//button[text()='Change role']")).click();
        browser.waitingFor(() -> "admin".equals(memberRole("bob")));

        // the history: every change with its actor, and the workspace as it was before bob came
        List<WebElement> events = browser.await(By.cssSelector("#history ol")).findElements(By.tagName("li"));
        assertThat(events).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.driver.findElement(By.id("history")).getText())
                .contains("added bob as editor", "bob: editor → admin", "alice");
        checkPage("workspace-admin");

        browser.script("arguments[0].value = arguments[1]", browser.driver.findElement(By.cssSelector("#as-of-form input")),
                java.time.LocalDateTime.ofInstant(asOf, java.time.ZoneId.systemDefault()).toString());
        browser.driver.findElement(By.cssSelector("#as-of-form button")).click();
        browser.awaitText(By.id("as-of-result"), "Arms and grippers");
        assertThat(browser.driver.findElement(By.id("as-of-result")).getText()).contains("alice").doesNotContain("bob");
    }

    @Test
    void editorsEditTheDescriptionOnlyAndViewersSeeNoEditControls() throws IOException {
        String name = unique("vision");
        command("alice").post("/v1/workspaces", "{\"name\":\"" + name + "\",\"description\":\"Cameras\"}").send();
        command("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}").send();
        command("alice").put("/v1/workspaces/" + name + "/members/carol", "{\"role\":\"viewer\"}").send();

        signInAs("bob");
        openWorkspace(name);
        assertThat(browser.driver.findElement(By.id("my-role")).getText()).isEqualTo("editor");
        assertThat(browser.driver.findElements(By.id("description-form"))).hasSize(1);
        assertThat(browser.driver.findElements(By.id("add-member"))).isEmpty();
        assertThat(browser.driver.findElements(By.xpath("//button[text()='Change role']"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("history")).getText()).contains("for its admins");
        assertThat(browser.driver.findElements(By.id("create-form"))).isEmpty();
        checkPage("workspace-editor");

        signInAs("carol");
        openWorkspace(name);
        assertThat(browser.driver.findElement(By.id("my-role")).getText()).isEqualTo("viewer");
        assertThat(browser.driver.findElement(By.id("description")).getText()).isEqualTo("Cameras");
        assertThat(browser.driver.findElements(By.cssSelector("#details textarea, #members button, #members select")))
                .isEmpty();
        assertThat(browser.driver.findElements(By.linkText("Audit"))).isEmpty();
        checkPage("workspace-viewer");

        browser.driver.findElement(By.linkText("Me")).click();
        browser.awaitText(By.id("my-workspaces"), name);
        assertThat(browser.driver.findElement(By.id("my-workspaces")).getText()).contains(name + " viewer viewer");
        checkPage("me");

        // a page opened by an admin who has since been demoted: the 403's detail is quoted
        command("alice").put("/v1/workspaces/" + name + "/members/dave", "{\"role\":\"admin\"}").send();
        signInAs("dave");
        openWorkspace(name);
        command("alice").put("/v1/workspaces/" + name + "/members/dave", "{\"role\":\"viewer\"}").send();
        browser.driver.findElement(By.cssSelector("#add-member input[name=principal]")).sendKeys("erin");
        browser.driver.findElement(By.cssSelector("#add-member button")).click();
        browser.awaitText(By.id("message"), "Not allowed (403");
        String detail = command("dave").put("/v1/workspaces/" + name + "/members/erin", "{\"role\":\"viewer\"}").send()
                .json().path("detail").asText();
        assertThat(browser.driver.findElement(By.id("message")).getText()).contains("“" + detail + "”");
    }

    @Test
    void adminsDeleteAWorkspaceAfterConfirmingWithIfMatch() throws IOException {
        String name = unique("retired");
        ok(command("alice").post("/v1/workspaces", "{\"name\":\"" + name + "\"}"));
        ok(command("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));
        ok(command("alice").put("/v1/workspaces/" + name + "/entities/dataset/d-1"));
        awaitReadable("bob", name);

        signInAs("bob");
        openWorkspace(name);
        assertThat(browser.driver.findElements(By.id("delete-workspace"))).as("editors delete nothing").isEmpty();

        signInAs("alice");
        openWorkspace(name);
        WebElement confirm = browser.driver.findElement(By.id("delete-confirm"));
        assertThat(confirm.isDisplayed()).isFalse();
        browser.driver.findElement(By.id("delete-workspace")).click();
        assertThat(confirm.isDisplayed()).isTrue();
        assertThat(confirm.getText()).contains("Delete " + name);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("delete-confirmed");
        checkPage("workspace-delete");
        browser.driver.findElement(By.id("delete-cancel")).click();
        assertThat(confirm.isDisplayed()).isFalse();

        // 409: it still holds an entity, and the detail says so
        browser.driver.findElement(By.id("delete-workspace")).click();
        browser.driver.findElement(By.id("delete-confirmed")).click();
        browser.awaitText(By.id("message"), "Refused (409");
        String detail = command("alice").delete("/v1/workspaces/" + name).send().json().path("detail").asText();
        assertThat(browser.driver.findElement(By.id("message")).getText()).contains("“" + detail + "”");

        // 412: changed since the page showed it (the delete names the version it showed)
        Api.Response emptied = command("alice").delete("/v1/workspaces/" + name + "/entities/dataset/d-1").send();
        assertThat(emptied.status()).isEqualTo(204);
        browser.driver.findElement(By.id("delete-confirmed")).click();
        browser.awaitText(By.id("message"), "(412");

        // drawn again once the query side has the change, it deletes the version it shows
        assertThat(new Api(query).as("alice").get("/v1/workspaces/" + name)
                .header("X-Consistency-Token", String.valueOf(emptied.consistencyToken())).send().status()).isEqualTo(200);
        browser.driver.navigate().refresh();
        browser.awaitText(By.id("workspace-name"), name);
        browser.driver.findElement(By.cssSelector("#delete input[name=reason]")).sendKeys("project ended");
        browser.driver.findElement(By.id("delete-workspace")).click();
        browser.driver.findElement(By.id("delete-confirmed")).click();
        browser.awaitText(By.id("message"), "Workspace " + name + " deleted.");
        browser.awaitText(By.tagName("h1"), "Workspaces");
        assertThat(browser.driver.findElement(By.id("page")).getText()).doesNotContain(name);
        await().atMost(Duration.ofSeconds(10)).until(() -> new Api(query).as("alice").get("/v1/workspaces/" + name)
                .send().status() == 404);
        // the reason is in the history (another projection than the one that answered 404)
        await().atMost(Duration.ofSeconds(20)).until(() -> new Api(query).withRoles("audrey", "auditor")
                .get("/v1/audit/events?type=workspace.deleted&workspace=" + name).send().body().contains("project ended"));
    }

    @Test
    void editorsRegisterEntitiesAndRefusalsQuoteTheDetail() throws IOException {
        String name = unique("catalog");
        ok(command("alice").post("/v1/workspaces", "{\"name\":\"" + name + "\"}"));
        ok(command("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));
        ok(command("alice").put("/v1/workspaces/" + name + "/members/carol", "{\"role\":\"viewer\"}"));
        awaitReadable("bob", name);
        awaitReadable("carol", name);

        signInAs("carol");
        openWorkspace(name);
        assertThat(browser.driver.findElements(By.id("register-entity"))).as("viewers register nothing").isEmpty();

        signInAs("bob");
        openWorkspace(name);
        browser.driver.findElement(By.cssSelector("#register-entity input[name=entity_type]")).sendKeys("dataset");
        browser.driver.findElement(By.cssSelector("#register-entity input[name=entity_id]")).sendKeys("d-42");
        browser.driver.findElement(By.cssSelector("#register-entity button")).click();
        browser.awaitText(By.id("message"), "Registered dataset d-42.");
        browser.awaitText(By.id("entities"), "dataset");
        assertThat(new Api(query).as("bob").get("/v1/entities/dataset/d-42").send().status()).isEqualTo(200);

        // 422: not an entity type
        browser.await(By.cssSelector("#register-entity input[name=entity_type]")).sendKeys("Not-A-Type");
        browser.driver.findElement(By.cssSelector("#register-entity input[name=entity_id]")).sendKeys("x-1");
        browser.driver.findElement(By.cssSelector("#register-entity button")).click();
        browser.awaitText(By.id("message"), "(422");
        String detail = command("bob").put("/v1/workspaces/" + name + "/entities/Not-A-Type/x-1").send().json()
                .path("detail").asText();
        assertThat(browser.driver.findElement(By.id("message")).getText()).contains("“" + detail + "”");
        checkPage("workspace-register-entity");

        // 403: demoted to viewer since the page was drawn
        ok(command("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        WebElement type = browser.driver.findElement(By.cssSelector("#register-entity input[name=entity_type]"));
        type.clear();
        type.sendKeys("dataset");
        browser.driver.findElement(By.cssSelector("#register-entity button")).click();
        browser.awaitText(By.id("message"), "Not allowed (403");
    }

    @Test
    void workspacesAreSearchedByPrefixSortedAndPaged() throws IOException {
        String prefix = "pager-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 1; i <= 12; i++) {
            command("alice").post("/v1/workspaces", "{\"name\":\"" + prefix + "-" + (char) ('a' + i) + "\"}").send();
        }
        signInAs("alice");
        browser.await(By.cssSelector("#search input[name=name_prefix]")).sendKeys(prefix);
        new Select(browser.driver.findElement(By.cssSelector("#search select[name=sort]"))).selectByValue("-name");
        new Select(browser.driver.findElement(By.cssSelector("#search select[name=page_size]"))).selectByValue("10");
        browser.driver.findElement(By.cssSelector("#search select[name=page_size]")).sendKeys(Keys.ENTER);
        browser.driver.findElement(By.cssSelector("#search button")).click();
        browser.awaitText(By.id("page-info"), "Page 1 of 2 (12 workspaces)");
        List<WebElement> links = browser.driver.findElements(By.cssSelector("#workspace-results .workspace-link"));
        assertThat(links).hasSize(10);
        assertThat(links.get(0).getText()).isEqualTo(prefix + "-m");
        browser.driver.findElement(By.xpath("//button[text()='Next page']")).click();
        browser.awaitText(By.id("page-info"), "Page 2 of 2");
        assertThat(browser.driver.findElements(By.cssSelector("#workspace-results .workspace-link"))).hasSize(2);
        checkPage("workspaces-search");
    }

    // --- audit and operations -------------------------------------------------------------------------------

    @Test
    void auditorsFilterTailExportVerifyAndChart() throws IOException {
        String name = unique("ledger");
        command("alice").post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send();
        signInAs("audrey", "auditor");
        browser.await(By.linkText("Audit")).click();
        browser.await(By.id("audit-filters"));
        browser.driver.findElement(By.cssSelector("#audit-filters input[name=workspace]")).sendKeys(name);
        browser.driver.findElement(By.cssSelector("#audit-filters button")).click();
        browser.waitingFor(() -> browser.driver.findElement(By.id("audit-results")).getText().contains("workspace.created")
                && browser.driver.findElements(By.cssSelector("#audit-results tbody tr")).size() == 2);
        // the chart of the filter replaces the one of the page's first load: wait for it, not for any chart
        browser.waitingFor(() -> browser.driver.findElement(By.id("events-per-day")).getAttribute("aria-label")
                .endsWith(" 2"));
        assertThat(browser.driver.findElements(By.cssSelector("#events-per-day rect"))).hasSize(1);

        browser.driver.findElement(By.id("verify")).click();
        browser.awaitText(By.id("verify-status"), "ok");
        assertThat(browser.driver.findElement(By.id("head-chain-value")).getText()).matches("[0-9a-f]{64}");
        assertThat(browser.driver.findElement(By.id("first-break")).getText()).isEqualTo("none");

        browser.driver.findElement(By.id("export")).click();
        browser.awaitText(By.id("export-status"), "Exported 2 events");
        await().atMost(Duration.ofSeconds(10)).until(() -> downloaded().size() == 1);
        assertThat(Files.readAllLines(downloaded().get(0))).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains(name.isEmpty() ? "" : "\"workspace_id\""));

        // the live tail shows an event recorded after it started
        browser.driver.findElement(By.id("tail-start")).click();
        browser.awaitText(By.id("tail-state"), "live");
        command("alice").put("/v1/workspaces/" + name + "/members/tailed-" + name, "{\"role\":\"viewer\"}").send();
        browser.awaitText(By.id("tail"), "added tailed-" + name + " as viewer");
        checkPage("audit");
        browser.driver.findElement(By.id("tail-stop")).click();
        browser.awaitText(By.id("tail-state"), "stopped");
    }

    @Test
    void operationsShowProjectionsAndWebhooksAndOnlyAdminsReplay() throws IOException {
        Api.Response created = new Api(query).withRoles("root", "platform-admin").post("/v1/webhooks",
                "{\"url\":\"https://203.0.113.10/hooks/console\",\"description\":\"" + XSS.replace("\"", "\\\"") + "\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        signInAs("audrey", "auditor");
        browser.await(By.linkText("Operations")).click();
        browser.awaitText(By.id("projections"), "history");
        assertThat(browser.driver.findElements(By.xpath("//button[starts-with(text(),'Replay')]"))).isEmpty();

        signInAs("root", "platform-admin");
        browser.await(By.linkText("Operations")).click();
        browser.awaitText(By.id("webhooks"), "203.0.113.10");
        assertThat(browser.driver.findElement(By.id("webhooks")).getText()).contains(XSS);
        // a delivery to a receiver that took it can be sent again
        Api root = new Api(query).withRoles("root", "platform-admin");
        String hook = root.post("/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hooks\",\"description\":\"local receiver\"}").send().json().path("id").asText();
        command("alice").post("/v1/workspaces", "{\"name\":\"" + unique("hooked") + "\"}").send();
        await().atMost(Duration.ofSeconds(15)).until(() -> root.get("/v1/webhooks/" + hook + "/deliveries?status=delivered")
                .send().json().path("data").size() > 0);
        browser.driver.navigate().refresh();
        browser.awaitText(By.id("webhooks"), "local receiver");
        WebElement receiverRow = browser.driver.findElements(By.cssSelector("#webhooks tbody tr")).stream()
                .filter(row -> row.getText().contains("local receiver")).findFirst().orElseThrow();
        receiverRow.findElement(By.xpath(".//button[text()='Deliveries']")).click();
        browser.awaitText(By.id("deliveries"), "delivered");
        browser.driver.findElement(By.xpath("//*[@id='deliveries']//button[text()='Redeliver']")).click();
        browser.awaitText(By.id("message"), "queued again");
        browser.driver.findElement(By.xpath("//button[text()='Replay history']")).click();
        browser.awaitText(By.id("message"), "Replay of history started");
        // the page follows the replay until it is done (other tests read the history)
        browser.waitingFor(() -> browser.driver.findElement(By.cssSelector("tr[data-projection=history] .state"))
                .getText().equals("running"));
        checkPage("operations");
        assertThat(browser.script("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void platformAdminsCreateWebhookSubscriptions() throws IOException {
        String name = unique("watched");
        ok(command("alice").post("/v1/workspaces", "{\"name\":\"" + name + "\"}"));
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + name;

        signInAs("audrey", "auditor");
        browser.driver.get(query + "/console/#/operations");
        browser.awaitText(By.id("projections"), "history");
        browser.await(By.id("webhooks"));
        assertThat(browser.driver.findElements(By.id("create-webhook"))).as("auditors only read").isEmpty();

        signInAs("root", "platform-admin");
        browser.driver.get(query + "/console/#/operations");
        // 422: credentials in the URL
        String refused = "http://user:pw@127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        browser.await(By.cssSelector("#create-webhook input[name=url]")).sendKeys(refused);
        browser.driver.findElement(By.cssSelector("#create-webhook button")).click();
        browser.awaitText(By.id("message"), "(422");
        String detail = new Api(query).withRoles("root", "platform-admin").post("/v1/webhooks",
                "{\"url\":\"" + refused + "\"}").send().json().path("detail").asText();
        assertThat(browser.driver.findElement(By.id("message")).getText()).contains("“" + detail + "”");

        WebElement url = browser.driver.findElement(By.cssSelector("#create-webhook input[name=url]"));
        url.clear();
        url.sendKeys(hooks);
        browser.driver.findElement(By.cssSelector("#create-webhook input[name=description]")).sendKeys("made in the console");
        browser.driver.findElement(By.cssSelector("#create-webhook input[name=event_types]"))
                .sendKeys("workspace.member-added, workspace.member-removed");
        browser.driver.findElement(By.cssSelector("#create-webhook input[name=workspace]")).sendKeys(name);
        browser.driver.findElement(By.cssSelector("#create-webhook button")).click();
        browser.awaitText(By.id("message"), "Its secret, shown this once: whsec_");
        browser.awaitText(By.id("webhooks"), "made in the console");
        checkPage("operations-webhook-created");

        String workspaceId = new Api(query).as("alice").get("/v1/workspaces/" + name).send().json().path("id").asText();
        var subscription = java.util.stream.StreamSupport.stream(new Api(query).withRoles("root", "platform-admin")
                        .get("/v1/webhooks?page_size=100").send().json().path("data").spliterator(), false)
                .filter(s -> s.path("url").asText().equals(hooks)).findFirst().orElseThrow();
        assertThat(subscription.path("workspace_id").asText()).isEqualTo(workspaceId);
        assertThat(subscription.path("event_types").toString())
                .isEqualTo("[\"workspace.member-added\",\"workspace.member-removed\"]");
        assertThat(subscription.path("description").asText()).isEqualTo("made in the console");
    }

    @Test
    void viewersAreRefusedTheAuditPageWithTheProblemsDetail() {
        signInAs("carol");
        browser.driver.get(query + "/console/#/audit");
        browser.awaitText(By.id("message"), "Not allowed (403");
        assertThat(browser.driver.findElement(By.id("message")).getText()).contains("“");
    }

    // --- security -------------------------------------------------------------------------------------------

    @Test
    void hostileNamesDescriptionsPrincipalsAndEventDataAreShownAsText() throws IOException {
        String name = unique("hostile");
        String principal = "<b>eve<b><i>";
        ok(command("alice").post("/v1/workspaces", "{\"name\":\"" + name + "\",\"description\":\""
                + XSS.replace("\"", "\\\"") + "\"}"));
        ok(command("alice").put("/v1/workspaces/" + name + "/members/" + enc(principal), "{\"role\":\"admin\"}"));
        ok(command(principal).patch("/v1/workspaces/" + name, "{\"description\":\"<script>window.__xss=2</script>\"}"));
        ok(command(principal).put("/v1/workspaces/" + name + "/entities/dataset/" + enc("<svg>x")));

        signInAs("alice", "workspace-creator");
        // a hostile name: the 422's detail quotes it, as text
        browser.await(By.cssSelector("#create-form input[name=name]")).sendKeys(XSS);
        browser.driver.findElement(By.cssSelector("#create-form button")).click();
        browser.awaitText(By.id("message"), "422");

        openWorkspace(name);
        String page = browser.driver.findElement(By.id("main")).getText();
        assertThat(page).contains(principal, "<script>window.__xss=2</script>", "<svg>x",
                "description: “" + XSS + "” → “<script>window.__xss=2</script>”");
        assertThat(browser.driver.findElement(By.id("members")).getText()).contains(principal);
        assertThat(browser.driver.findElements(By.cssSelector("#main img, #main b, #main i, #main script, #main svg")))
                .isEmpty();
        assertThat(browser.script("return window.__xss === undefined")).isEqualTo(true);
        checkPage("xss");

        signInAs("audrey", "auditor");
        browser.driver.get(query + "/console/#/audit");
        browser.await(By.cssSelector("#audit-filters input[name=actor]")).sendKeys(principal);
        browser.driver.findElement(By.cssSelector("#audit-filters button")).click();
        browser.awaitText(By.id("audit-results"), "<script>window.__xss=2</script>");
        assertThat(browser.driver.findElements(By.cssSelector("#audit-results img, #audit-results b, #audit-results script")))
                .isEmpty();
        assertThat(browser.script("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void theConsoleHasItsPolicyAndTheApiKeepsItsHeaders() throws Exception {
        HttpResponse<String> page = get(query + "/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "default-src 'none'",
                "frame-ancestors 'none'", "connect-src 'self' " + commandUrl).doesNotContain("unsafe");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=");
        HttpResponse<String> bare = get(query + "/console");
        assertThat(bare.statusCode()).isEqualTo(303);
        assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        HttpResponse<String> config = get(query + "/console/config.json");
        assertThat(config.body()).contains("\"command_url\":\"" + commandUrl + "\"")
                .doesNotContain("oauth");
        assertThat(config.headers().firstValue("Content-Security-Policy")).isPresent();

        Api.Response api = new Api(query).as("alice").get("/v1/workspaces").send();
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("Content-Security-Policy")).isNull();
        assertThat(new Api(query).anonymous().get("/v1/workspaces").send().status()).isEqualTo(401);

        for (String script : List.of("main.js", "api.js", "dom.js", "ui.js", "oauth.js", "pages/workspaces.js",
                "pages/workspace.js", "pages/me.js", "pages/audit.js", "pages/operations.js")) {
            HttpResponse<String> source = get(query + "/console/js/" + script);
            assertThat(source.statusCode()).as(script).isEqualTo(200);
            assertThat(source.body()).as(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                    "document.write", "eval(", "localStorage", "document.cookie");
        }

        // CORS on the command side: the console's origin, and no other
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/workspaces"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", query)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(query);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/workspaces"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + unique("foreign") + "\"}"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.token("alice", List.of("workspace-creator"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** Signs in with a link like the one ./run.sh prints: the token in the fragment, gone from the URL after. */
    private void signInAs(String principal, String... roles) {
        browser.driver.get(query + "/console/#token=" + TestTokens.token(principal, List.of(roles)));
        browser.awaitText(By.id("principal"), principal);
        browser.await(By.id("search"));
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("token");
    }

    private void openWorkspace(String name) {
        browser.driver.get(query + "/console/#/workspaces/" + name);
        browser.awaitText(By.id("workspace-name"), name);
        browser.await(By.id("as-of"));
    }

    private WebElement memberRow(String principal) {
        return browser.driver.findElements(By.cssSelector("#members tbody tr")).stream()
                .filter(row -> row.findElement(By.className("principal")).getText().equals(principal))
                .findFirst().orElseThrow();
    }

    /** The member's role as the page shows it, or null while it shows no such member (e.g. drawing the page again). */
    private String memberRole(String principal) {
        return browser.driver.findElements(By.cssSelector("#members tbody tr")).stream()
                .filter(row -> row.findElement(By.className("principal")).getText().equals(principal))
                .map(row -> row.findElement(By.className("role")).getText()).findFirst().orElse(null);
    }

    /** Every form control labelled, no policy violation, and a screenshot. */
    private void checkPage(String screenshot) throws IOException {
        Object unlabelled = browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).map(c => c.outerHTML)");
        assertThat((List<?>) unlabelled).as("form controls without a label").isEmpty();
        Object unfocusable = browser.script("return [...document.querySelectorAll('button, a, input, select, textarea')]"
                + ".filter(c => c.tabIndex < 0).map(c => c.outerHTML)");
        assertThat((List<?>) unfocusable).as("controls out of the keyboard's reach").isEmpty();
        assertThat(browser.consoleLog()).as("console messages").noneMatch(entry ->
                entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Uncaught"));
        browser.screenshot(screenshot);
    }

    private List<Path> downloaded() throws IOException {
        try (var files = Files.list(browser.downloads)) {
            return files.filter(f -> f.toString().endsWith(".ndjson")).toList();
        }
    }

    /** Waits until the query side shows the workspace to the principal (the page reads without a write's token). */
    private void awaitReadable(String principal, String name) {
        await().atMost(Duration.ofSeconds(10)).until(() -> new Api(query).as(principal).get("/v1/workspaces/" + name)
                .send().status() == 200);
    }

    private static void ok(Api.Request request) {
        Api.Response response = request.send();
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
    }

    private Api command(String principal) {
        return new Api(commandUrl).as(principal);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
