package io.workspaces.reliability;

import io.workspaces.common.testing.TestTokens;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** One node of the service as a real operating-system process: started from its runnable jar, killed with -9. */
final class Node {

    enum Side {
        COMMAND("command-side", "WORKSPACES_COMMAND_PORT"), QUERY("query-side", "WORKSPACES_QUERY_PORT");

        final String module;
        final String portVariable;

        Side(String module, String portVariable) {
            this.module = module;
            this.portVariable = portVariable;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final Side side;
    final int port;
    private final String databaseUrl;
    private final Map<String, String> settings;
    private final Path log;
    private Process process;
    private int starts;

    Node(String name, Side side, String databaseUrl) {
        this(name, side, databaseUrl, Map.of());
    }

    /** A node with more environment variables ({@code WORKSPACES_...}), which win over the defaults below. */
    Node(String name, Side side, String databaseUrl, Map<String, String> settings) {
        this.name = name;
        this.side = side;
        this.port = freePort();
        this.databaseUrl = databaseUrl;
        this.settings = Map.copyOf(settings);
        this.log = Path.of("target", "reliability-logs", name + ".log");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the nodes together, then waits until each is healthy. */
    static void startAll(Node... nodes) {
        for (Node node : nodes) {
            node.start();
        }
        for (Node node : nodes) {
            node.awaitHealthy();
        }
    }

    synchronized void start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx384m", "-jar",
                    jar().toString());
            Map<String, String> env = builder.environment();
            env.put("WORKSPACES_DB_URL", databaseUrl);
            env.put("WORKSPACES_JWT_HMAC_SECRET", TestTokens.SECRET);
            env.put("WORKSPACES_JWT_ISSUER", TestTokens.ISSUER);
            env.put("WORKSPACES_BIND_ADDRESS", "127.0.0.1");
            env.put(side.portVariable, Integer.toString(port));
            env.put("WORKSPACES_PROJECTION_SEGMENTS", "4");
            env.put("WORKSPACES_PROJECTION_THREADS", "4");
            // the broker channel has its own tests; these nodes leave the machine's RabbitMQ alone
            env.put("WORKSPACES_BROKER_ENABLED", "false");
            env.putAll(settings);
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
            starts++;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    void awaitHealthy() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(this::healthy);
    }

    boolean healthy() {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int starts() {
        return starts;
    }

    private Path jar() {
        Path target = Path.of(System.getProperty("workspaces.root", ".."), side.module, "target");
        File[] jars = target.toFile().listFiles((dir, file) -> file.startsWith(side.module) && file.endsWith("-exec.jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no runnable jar in " + target + "; build with ./mvnw package first");
        }
        return Arrays.stream(jars).max(java.util.Comparator.comparingLong(File::lastModified)).orElseThrow().toPath();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + (alive() ? "" : " (down)");
    }

    static List<Node> alive(List<Node> nodes) {
        return nodes.stream().filter(Node::alive).toList();
    }
}
