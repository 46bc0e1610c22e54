package io.workspaces.reliability;

import io.workspaces.common.testing.TestTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed concurrent writes through every live command node: creates, description changes, members added,
 * re-roled and removed (the last admin included), entities registered. Remembers every acknowledged write.
 */
final class Load {

    /** A write the service acknowledged (2xx): the workspace, its version after the write, the write's position. */
    record Ack(String workspaceId, long version, long position) {
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4", "u5", "root");
    private static final List<String> ROLES = List.of("viewer", "editor", "admin");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String token = TestTokens.token("root", List.of("platform-admin"));
    private final Supplier<List<Node>> commandNodes;
    private final String prefix = "load-" + UUID.randomUUID().toString().substring(0, 6);
    final List<String> workspaces = new CopyOnWriteArrayList<>();
    final List<Ack> acks = new CopyOnWriteArrayList<>();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger connectionFailures = new AtomicInteger();
    final AtomicLong slowest = new AtomicLong();
    private final AtomicInteger created = new AtomicInteger();
    /** While true, 503 is an acceptable answer (the database is being restarted). */
    volatile boolean databaseOutage;

    Load(Supplier<List<Node>> commandNodes) {
        this.commandNodes = commandNodes;
    }

    void createWorkspaces(int count) {
        for (int i = 0; i < count; i++) {
            create();
        }
    }

    /** Runs {@code threads} clients for {@code duration}, then returns. */
    void run(int threads, Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < until) {
                    step();
                }
            }, "load-" + i);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
    }

    private void step() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (workspaces.isEmpty() || random.nextInt(100) < 5) {
            create();
            return;
        }
        String workspace = workspaces.get(random.nextInt(workspaces.size()));
        String user = USERS.get(random.nextInt(USERS.size()));
        int dice = random.nextInt(100);
        if (dice < 30) {
            send("PATCH", "/v1/workspaces/" + workspace, "{\"description\":\"d" + random.nextInt(1000) + "\"}");
        } else if (dice < 60) {
            send("PUT", "/v1/workspaces/" + workspace + "/members/" + user,
                    "{\"role\":\"" + ROLES.get(random.nextInt(ROLES.size())) + "\"}");
        } else if (dice < 80) {
            send("DELETE", "/v1/workspaces/" + workspace + "/members/" + user, null);
        } else {
            String entity = "/v1/workspaces/" + workspace + "/entities/dataset/e" + random.nextInt(5);
            send(random.nextBoolean() ? "PUT" : "DELETE", entity, null);
        }
    }

    private void create() {
        String name = prefix + "-" + created.incrementAndGet();
        send("POST", "/v1/workspaces", "{\"name\":\"" + name + "\"}").ifPresent(body -> {
            Matcher id = ID.matcher(body);
            if (id.find()) {
                workspaces.add(id.group(1));
            }
        });
    }

    /** Sends to a live command node, on to another if the connection fails; returns the body of a 2xx. */
    private Optional<String> send(String method, String path, String json) {
        List<Node> nodes = new ArrayList<>(commandNodes.get());
        Collections.shuffle(nodes);
        for (Node node : nodes) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                return record(method, path, response);
            } catch (IOException connectionFailed) {
                connectionFailures.incrementAndGet(); // node killed mid-request: not acknowledged, maybe stored
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<String> record(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        boolean expected = (status >= 200 && status < 300) || status == 404 || status == 409
                || (status == 503 && databaseOutage);
        if (!expected || !response.headers().firstValue("Content-Type").map(type -> status < 300
                || type.startsWith("application/problem+json")).orElse(status == 204)) {
            violations.add(method + " " + path + " -> " + status + " " + response.body());
        }
        if (status >= 200 && status < 300) {
            String etag = response.headers().firstValue("ETag").orElse("\"0\"").replace("\"", "");
            long position = Long.parseLong(response.headers().firstValue("X-Consistency-Token").orElse("0"));
            String workspace = path.startsWith("/v1/workspaces/") ? path.split("/")[3] : null;
            if (workspace == null) {
                Matcher id = ID.matcher(response.body());
                workspace = id.find() ? id.group(1) : null;
            }
            acks.add(new Ack(workspace, Long.parseLong(etag), position));
            return Optional.of(response.body());
        }
        return Optional.empty();
    }

    int acknowledged() {
        return acks.size();
    }
}
