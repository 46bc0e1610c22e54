package io.workspaces.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.QuerySideApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exporting 100,000 events (about 200 MB of NDJSON) keeps memory flat: this test runs in a JVM of its own
 * limited to a 256 MB heap (Maven execution "bounded-heap"), in which a buffered export could not even fit,
 * and checks that what survives each garbage collection during the export stays under half of that heap while
 * every line arrives and parses. The heap in use between collections is not the measure: it includes garbage
 * not yet collected, and the collector lets it approach the maximum whatever the export retains.
 */
@Tag("bounded-heap")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + QuerySideApplication.CONFIG_NAME,
        "workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
        "workspaces.security.jwt.issuer=" + TestTokens.ISSUER})
class AuditExportMemoryTest {

    private static final int EVENTS = 100_000;
    private static final long RETAINED_BOUND = 128L * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Test
    void exporting100kEventsStreamsInConstantMemoryAndEveryLineParses() throws Exception {
        jdbc.update("""
                INSERT INTO workspace_history (position, workspace_id, sequence_number, event_id, event_type, revision,
                    occurred_at, actor, request_id, correlation_id, causation_id, client_address, payload)
                SELECT 1000000000 + g, gen_random_uuid(), 1, gen_random_uuid()::text, 'workspace.description-updated',
                       '1', now(), 'bulk-loader', 'req-' || g, 'corr-' || g, 'cause-' || g, '127.0.0.1',
                       jsonb_build_object('workspace_id', gen_random_uuid(), 'old_description', '',
                                          'new_description', repeat('x', 1900) || g)
                FROM generate_series(1, ?) AS g""", EVENTS);
        RetainedHeap retained = new RetainedHeap();
        retained.start();

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v1/audit/export?actor=bulk-loader"))
                .header("Authorization", "Bearer " + TestTokens.token("auditor-ann", List.of("auditor"))).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long lastPosition = 0;
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode event = json.readTree(line);
                assertThat(event.path("position").asLong()).isGreaterThan(lastPosition);
                lastPosition = event.path("position").asLong();
                lines++;
            }
        } finally {
            retained.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("audit export: %d events in %.1f s = %.0f events/s, %d collections, at most %d MB retained "
                        + "after one (max heap %d MB)%n", lines, seconds, lines / seconds, retained.collections(),
                retained.peak() / (1024 * 1024),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Audit-Event-Count")).hasValue(Integer.toString(EVENTS));
        assertThat(lines).isEqualTo(EVENTS);
        assertThat(retained.collections()).as("collections during the export").isPositive();
        assertThat(retained.peak()).as("heap retained after a collection").isLessThan(RETAINED_BOUND);
    }

    /** The largest heap in use just after a garbage collection, from the collectors' notifications. */
    private static final class RetainedHeap implements NotificationListener {
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        private final AtomicLong peak = new AtomicLong();
        private final AtomicInteger collections = new AtomicInteger();

        void start() {
            ManagementFactory.getGarbageCollectorMXBeans().forEach(collector ->
                    ((NotificationEmitter) collector).addNotificationListener(this, null, null));
        }

        void stop() throws ListenerNotFoundException {
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).removeNotificationListener(this);
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> heapPools.contains(pool.getKey()))
                    .mapToLong(pool -> pool.getValue().getUsed()).sum();
            peak.accumulateAndGet(used, Math::max);
            collections.incrementAndGet();
        }

        long peak() {
            return peak.get();
        }

        int collections() {
            return collections.get();
        }
    }
}
