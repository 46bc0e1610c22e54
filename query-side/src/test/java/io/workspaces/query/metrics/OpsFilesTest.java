package io.workspaces.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.query.feed.DownstreamTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of {@code ops/}: every metric the Grafana dashboard and the Prometheus alert rules select is one that
 * the running sides publish, and the rules are valid: {@code promtool check rules} where promtool is on the PATH
 * (the dashboard's expressions too, as recording rules), and always a check of the rule file's structure.
 */
class OpsFilesTest extends DownstreamTestBase {

    private static final Path OPS = repositoryRoot().resolve("ops");
    private static final Path DASHBOARD = OPS.resolve("grafana/workspaces-dashboard.json");
    private static final Path ALERTS = OPS.resolve("prometheus/workspaces-alerts.yml");
    /** Series Prometheus records itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan", "le");
    private static final Pattern DURATION = Pattern.compile("^(\\d+(ms|s|m|h|d|w|y))+$");

    private static Set<String> published;

    @BeforeAll
    static void scrapeBothSides() {
        // a few requests of each kind, so that every HTTP series exists
        String name = uniqueName("ops");
        create(name);
        assertThat(command().post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send().status()).isEqualTo(409);
        assertThat(auditor().get("/v1/workspaces/" + name).send().status()).isIn(200, 404);
        published = new HashSet<>(MetricsTest.commandSide().names());
        published.addAll(MetricsTest.querySide().names());
    }

    @Test
    void everyMetricOfTheDashboardIsPublished() throws IOException {
        List<String> expressions = dashboardExpressions();
        assertThat(expressions).hasSizeGreaterThan(20);
        Set<String> used = new TreeSet<>();
        expressions.forEach(expression -> used.addAll(metricNames(expression)));
        assertThat(used).contains("workspaces_projection_lag_events", "workspaces_commands_total",
                "http_server_requests_seconds_count", "jvm_memory_used_bytes");
        assertThat(used).as("metrics of the dashboard missing from the scrape").isSubsetOf(published);
    }

    @Test
    void everyMetricOfTheAlertsIsPublished() {
        Set<String> used = new TreeSet<>();
        rules().forEach(rule -> used.addAll(metricNames((String) rule.get("expr"))));
        used.removeAll(PROMETHEUS_OWN);
        assertThat(used).contains("workspaces_projection_lag_seconds", "workspaces_webhook_deliveries",
                "workspaces_broker_connected", "workspaces_audit_verify_last_status", "http_server_requests_seconds_count");
        assertThat(used).as("metrics of the alert rules missing from the scrape").isSubsetOf(published);
    }

    @Test
    void theAlertsTheIssueAsksForAreThere() {
        Map<String, Map<String, Object>> alerts = new java.util.HashMap<>();
        rules().forEach(rule -> alerts.put((String) rule.get("alert"), rule));
        assertThat((String) alerts.get("WorkspacesProjectionLagging").get("expr"))
                .contains("workspaces_projection_lag_seconds").contains("> 30");
        assertThat((String) alerts.get("WorkspacesWebhookDeadLetters").get("expr"))
                .contains("workspaces_webhook_deliveries{status=\"dead\"}").contains("> 0");
        assertThat((String) alerts.get("WorkspacesBrokerDisconnected").get("expr"))
                .contains("workspaces_broker_connected").contains("== 0");
        assertThat(alerts.get("WorkspacesBrokerDisconnected").get("for")).isEqualTo("1m");
        assertThat((String) alerts.get("WorkspacesAuditChainVerifyFailed").get("expr"))
                .contains("workspaces_audit_verify_last_status").contains("== 0");
        assertThat((String) alerts.get("WorkspacesHttpServerErrors").get("expr")).contains("status=~\"5..\"");
    }

    @Test
    void theRuleFileHasTheShapeOfPrometheusRules() throws IOException {
        Map<String, Object> root = yaml(ALERTS);
        assertThat(root).containsOnlyKeys("groups");
        Set<String> groupNames = new HashSet<>();
        Set<String> alertNames = new HashSet<>();
        for (Object group : (List<?>) root.get("groups")) {
            Map<?, ?> g = (Map<?, ?>) group;
            assertThat(keys(g)).isSubsetOf(Set.of("name", "interval", "limit", "rules"));
            assertThat(g.get("name")).isInstanceOf(String.class);
            assertThat(groupNames.add((String) g.get("name"))).as("group names are unique").isTrue();
            List<?> rules = (List<?>) g.get("rules");
            assertThat(rules).isNotEmpty();
            for (Object r : rules) {
                Map<?, ?> rule = (Map<?, ?>) r;
                assertThat(keys(rule)).isSubsetOf(Set.of("alert", "record", "expr", "for", "keep_firing_for",
                        "labels", "annotations"));
                assertThat(rule.containsKey("alert")).as("alert or record: %s", rule).isNotEqualTo(rule.containsKey("record"));
                String alert = (String) rule.get("alert");
                assertThat(alert).matches("[A-Z][A-Za-z0-9]+");
                assertThat(alertNames.add(alert)).as("alert names are unique").isTrue();
                assertThat(rule.get("expr")).isInstanceOf(String.class);
                assertThat(((String) rule.get("expr")).strip()).isNotEmpty();
                String expr = (String) rule.get("expr");
                assertThat(count(expr, '(')).as("parentheses of %s", alert).isEqualTo(count(expr, ')'));
                assertThat(count(expr, '{')).as("braces of %s", alert).isEqualTo(count(expr, '}'));
                if (rule.containsKey("for")) {
                    assertThat(rule.get("for")).isInstanceOf(String.class);
                    assertThat((String) rule.get("for")).matches(DURATION);
                }
                Map<?, ?> labels = (Map<?, ?>) rule.get("labels");
                assertThat(labels.get("severity")).isIn("critical", "warning", "info");
                labels.forEach((key, value) -> assertThat(value).as("label %s", key).isInstanceOf(String.class));
                Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
                assertThat(keys(annotations)).contains("summary", "description");
                annotations.forEach((key, value) -> assertThat(value).as("annotation %s", key).isInstanceOf(String.class));
            }
        }
    }

    @Test
    void promtoolAcceptsTheRulesAndTheDashboardsExpressionsWhereItIsInstalled() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        if (promtool.isEmpty()) {
            // nothing to run: the structure check above is what stands in for it
            return;
        }
        assertThat(promtool(promtool.get(), ALERTS)).isEqualTo(0);
        StringBuilder recording = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> expressions = dashboardExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            String expression = grafanaVariablesReplaced(expressions.get(i));
            if (expression.startsWith("label_values(")) {
                continue;
            }
            recording.append("      - record: dashboard_expression_").append(i).append("\n        expr: ")
                    .append(new ObjectMapper().writeValueAsString(expression)).append('\n');
        }
        Path file = Files.createTempFile("dashboard-rules", ".yml");
        try {
            Files.writeString(file, recording);
            assertThat(promtool(promtool.get(), file)).isEqualTo(0);
        } finally {
            Files.delete(file);
        }
    }

    /** The metric names an expression selects: its identifiers, less functions, keywords, labels and variables. */
    static Set<String> metricNames(String expression) {
        String stripped = expression
                // Grafana's label_values(selector, label): the label is no metric
                .replaceAll("label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)", "$1")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\{?[A-Za-z_]+}?", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (identifier.group(2) == null && !PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isNotEmpty();
        List<String> expressions = new ArrayList<>();
        collect(dashboard.path("panels"), expressions);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                expressions.add(variable.path("definition").asText());
            }
        }
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("panel %s", panel.path("title")).isNotBlank();
                expressions.add(target.path("expr").asText());
            }
            collect(panel.path("panels"), expressions);
        }
    }

    private static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        try {
            for (Object group : (List<?>) yaml(ALERTS).get("groups")) {
                for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> asMap = (Map<String, Object>) rule;
                    rules.add(asMap);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rules;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    private static String grafanaVariablesReplaced(String expression) {
        return expression.replace("$__rate_interval", "5m").replace("$instance", ".*");
    }

    private static int promtool(Path promtool, Path rules) throws Exception {
        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", rules.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(0);
        return process.exitValue();
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Set<String> keys(Map<?, ?> map) {
        Set<String> keys = new TreeSet<>();
        map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("ops"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no ops/ directory above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
