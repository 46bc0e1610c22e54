package io.workspaces.client.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One side of the service as a real process, started from its runnable jar (as the reliability suite's
 * {@code Node} does): on a free port, against the test database, with the test HMAC secret, broker off.
 * The client's and the CLI's tests both use it (the CLI's through this module's test jar).
 */
public final class ServiceProcess {

    public enum Side {
        COMMAND("command-side", "WORKSPACES_COMMAND_PORT"), QUERY("query-side", "WORKSPACES_QUERY_PORT");

        final String module;
        final String portVariable;

        Side(String module, String portVariable) {
            this.module = module;
            this.portVariable = portVariable;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final Side side;
    public final int port;
    private final String databaseUrl;
    private final TestIdentity identity;
    private final Path log;
    private Process process;

    /** Logs go to target/{logName}-test-logs/{module}.log. */
    public ServiceProcess(Side side, String databaseUrl, TestIdentity identity, String logName) {
        this.side = side;
        this.port = freePort();
        this.databaseUrl = databaseUrl;
        this.identity = identity;
        this.log = Path.of("target", logName + "-test-logs", side.module + ".log");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx320m", "-jar", jar(side).toString());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("WORKSPACES_") || name.startsWith("SPRING_"));
            env.put("WORKSPACES_DB_URL", databaseUrl);
            env.put("WORKSPACES_DB_USER", ServicePair.DB_USER);
            env.put("WORKSPACES_DB_PASSWORD", ServicePair.DB_PASSWORD);
            env.put("WORKSPACES_DB_POOL_SIZE", "4");
            // exports each hold a connection: the service refuses to start unless they are fewer than the pool
            env.put("WORKSPACES_EXPORT_MAX_CONCURRENT", "2");
            env.put("WORKSPACES_JWT_HMAC_SECRET", identity.secret());
            env.put("WORKSPACES_JWT_ISSUER", identity.issuer());
            env.put("WORKSPACES_BIND_ADDRESS", "127.0.0.1");
            env.put(side.portVariable, Integer.toString(port));
            // one segment and thread per projection: these tests need no parallelism, and the machine has 2 cores
            env.put("WORKSPACES_PROJECTION_SEGMENTS", "1");
            env.put("WORKSPACES_PROJECTION_THREADS", "1");
            // the broker channel has its own tests; these processes leave the machine's RabbitMQ alone
            env.put("WORKSPACES_BROKER_ENABLED", "false");
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + side.module, e);
        }
    }

    /** Up and answering its health check; fails at once (with its last log lines) if the process died. */
    public boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + side.module + " exited with " + process.exitValue()
                    + "; last lines of " + log.toAbsolutePath() + ":\n" + tail());
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

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path jar(Side side) {
        Path target = Path.of(System.getProperty("workspaces.root", ".."), side.module, "target");
        File[] jars = target.toFile().listFiles((dir, file) -> file.startsWith(side.module) && file.endsWith("-exec.jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no runnable jar in " + target.toAbsolutePath()
                    + "; build with ./mvnw package (or ./mvnw -pl <module> -am verify) first");
        }
        return Arrays.stream(jars).max(Comparator.comparingLong(File::lastModified)).orElseThrow().toPath();
    }

    /** A port nothing listens on when this returns. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
