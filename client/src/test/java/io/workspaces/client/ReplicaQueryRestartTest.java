package io.workspaces.client;

import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.AccessDecision;
import io.workspaces.client.model.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.workspaces.client.ClientServices.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * The query side, which serves the stream, stops mid-way while writes go on, and comes back: the replica keeps
 * answering from memory meanwhile (growing stale), then re-syncs without missing or re-applying an event.
 */
@ExtendWith(ClientServices.class)
class ReplicaQueryRestartTest {

    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void theReplicaOutlivesARestartOfTheQuerySide() {
        ClientServices services = ClientServices.get();
        WorkspacesClient root = client("root", "platform-admin");
        WorkspacesClient auditor = client("replica-auditor", "auditor");
        AccessWorld world = new AccessWorld(root);
        Random random = new Random(23);
        try (AccessReplica replica = AccessReplica.builder(auditor)
                .retryDelays(Duration.ofMillis(100), Duration.ofSeconds(1)).start()) {
            assertThat(replica.awaitCaughtUp(WAIT)).isTrue();
            runSome(world, random, 20);
            assertThat(replica.awaitPosition(world.token, WAIT)).isTrue();
            await().atMost(WAIT).until(replica::isConnected);
            String known = world.workspaces.get(0).name();
            AccessDecision before = replica.check("alice", known, AccessAction.READ);

            services.query.stop();
            try {
                await().atMost(WAIT).until(() -> !replica.isConnected());
                // the command side takes writes while the stream's server is away
                runSome(world, random, 20);
                await().atMost(WAIT).until(() -> replica.staleness().compareTo(Duration.ofSeconds(2)) > 0);
                assertThat(replica.check("alice", known, AccessAction.READ)).isEqualTo(before);
                assertThat(replica.fallbacks()).isZero();
            } finally {
                services.query.start();
                await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(services.query::healthy);
            }
            runSome(world, random, 20);

            assertThat(replica.awaitPosition(world.token, WAIT)).isTrue();
            List<EventEnvelope> feed = auditor.eventsAfter(0).toList();
            await().atMost(WAIT).until(() -> replica.appliedEvents() >= feed.size());
            assertThat(replica.appliedEvents()).isEqualTo(feed.size());
            assertThat(replica.position()).isEqualTo(feed.get(feed.size() - 1).position());
            assertThat(replica.reconnects()).isPositive();
            List<AccessCheck> checks = world.randomChecks(random, 3000);
            assertThat(AccessWorld.disagreements(checks, replica.check(checks),
                    AccessWorld.serverAnswers(auditor, checks, world.token), 10)).isEmpty();
            await().atMost(WAIT).until(replica::isConnected);
            assertThat(replica.staleness()).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void theReplicaNeedsNeitherSpringNorAxon() {
        // these tests run on the client's own class path: the replica works without either
        assertThatCode(() -> Class.forName("io.workspaces.access.AccessIndex")).doesNotThrowAnyException();
        for (String absent : List.of("org.axonframework.serialization.Revision", "org.springframework.core.SpringVersion")) {
            assertThat(ClassLoader.getSystemClassLoader().getResource(absent.replace('.', '/') + ".class"))
                    .as(absent).isNull();
        }
    }

    private static void runSome(AccessWorld world, Random random, int commands) {
        for (int i = 0; i < commands; i++) {
            world.run(random.nextInt(10), random.nextInt(1000), random.nextInt(1000), random.nextInt(1000),
                    random.nextInt(1000));
        }
    }
}
