package io.workspaces.client;

import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.AccessDecision;
import io.workspaces.client.model.EventEnvelope;
import io.workspaces.client.model.Workspace;
import io.workspaces.client.model.Written;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.workspaces.client.ClientServices.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local replica against both sides running as real processes: catching up, resuming, tokens, fallback. */
@ExtendWith(ClientServices.class)
class ReplicaFollowTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final WorkspacesClient root = client("root", "platform-admin");
    private final WorkspacesClient auditor = client("replica-auditor", "auditor");

    @Test
    void aReplicaStartedAfterTheLogHoldsEventsCatchesUpWithAllOfThem() {
        AccessWorld world = new AccessWorld(root);
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            world.run(random.nextInt(10), random.nextInt(100), random.nextInt(100), random.nextInt(100),
                    random.nextInt(100));
        }

        try (AccessReplica replica = AccessReplica.start(auditor)) {
            assertThat(replica.awaitCaughtUp(CATCH_UP)).isTrue();
            assertThat(replica.awaitPosition(world.token, CATCH_UP)).isTrue();

            List<EventEnvelope> feed = auditor.eventsAfter(0).toList();
            assertThat(replica.appliedEvents()).isEqualTo(feed.size());
            assertThat(replica.position()).isEqualTo(feed.get(feed.size() - 1).position());
            assertSameVersions(replica, world);
            List<AccessCheck> checks = world.randomChecks(random, 2000);
            assertThat(AccessWorld.disagreements(checks, replica.check(checks),
                    AccessWorld.serverAnswers(auditor, checks, world.token), 10)).isEmpty();
            assertThat(replica.fallbacks()).isZero();
        }
    }

    @Test
    void aDroppedStreamResumesWithoutMissingOrApplyingAnyEventTwice() {
        try (AccessReplica replica = AccessReplica.start(auditor)) {
            assertThat(replica.awaitCaughtUp(CATCH_UP)).isTrue();
            await().atMost(CATCH_UP).until(replica::isConnected);
            AccessWorld world = new AccessWorld(root);
            Random random = new Random(11);
            int drops = 0;
            for (int i = 0; i < 60; i++) {
                world.run(random.nextInt(10), random.nextInt(100), random.nextInt(100), random.nextInt(100),
                        random.nextInt(100));
                if (i % 15 == 7) {
                    // mid-way, with events still arriving: the connection breaks as a network failure would
                    await().atMost(CATCH_UP).until(replica::isConnected);
                    replica.dropConnection();
                    drops++;
                }
            }

            assertThat(replica.awaitPosition(world.token, CATCH_UP)).isTrue();
            assertThat(replica.reconnects()).isGreaterThanOrEqualTo(drops);
            List<EventEnvelope> feed = auditor.eventsAfter(0).toList();
            await().atMost(CATCH_UP).until(() -> replica.appliedEvents() >= feed.size());
            assertThat(replica.appliedEvents()).isEqualTo(feed.size());
            assertThat(replica.position()).isEqualTo(feed.get(feed.size() - 1).position());
            assertSameVersions(replica, world);
            List<AccessCheck> checks = world.randomChecks(random, 2000);
            assertThat(AccessWorld.disagreements(checks, replica.check(checks),
                    AccessWorld.serverAnswers(auditor, checks, world.token), 10)).isEmpty();
            await().atMost(CATCH_UP).until(replica::isConnected);
        }
    }

    @Test
    void aCheckAfterATokenWaitsForTheWriteAndAStoppedReplicaFallsBackToTheServer() {
        AccessReplica replica = AccessReplica.builder(auditor).tokenWait(Duration.ofSeconds(20)).start();
        String name = ClientServices.unique("tok");
        try {
            assertThat(replica.awaitCaughtUp(CATCH_UP)).isTrue();
            Written<Workspace> created = root.createWorkspace(name, null);
            Written<?> granted = root.putMember(name, "bob", "editor", null);

            // asked at once: the replica waits until it has the grant, and answers from memory
            AccessDecision bob = replica.check(AccessCheck.workspace("bob", name, AccessAction.WRITE),
                    granted.consistencyToken());

            assertThat(bob).isEqualTo(new AccessDecision(true, "editor", created.body().id(), null));
            assertThat(replica.check("bob", name, AccessAction.MANAGE))
                    .isEqualTo(new AccessDecision(false, "editor", created.body().id(), "needs admin"));
            assertThat(replica.check("mallory", name, AccessAction.READ))
                    .isEqualTo(new AccessDecision(false, null, null, "not found"));
            assertThat(replica.fallbacks()).isZero();
        } finally {
            replica.close();
        }

        // a replica that no longer follows the feed cannot reach a later token: the server answers instead
        Written<?> promoted = root.putMember(name, "bob", "admin", null);
        AccessDecision bob = replica.check(AccessCheck.workspace("bob", name, AccessAction.MANAGE),
                promoted.consistencyToken());
        assertThat(bob.allowed()).isTrue();
        assertThat(bob.role()).isEqualTo("admin");
        assertThat(replica.fallbacks()).isEqualTo(1);
    }

    @Test
    void itReportsItsPositionAndHeartbeatsKeepItsStalenessBelowTheHeartbeatInterval() {
        try (AccessReplica replica = AccessReplica.start(auditor)) {
            assertThat(replica.awaitCaughtUp(CATCH_UP)).isTrue();
            Written<Workspace> created = root.createWorkspace(ClientServices.unique("stale"), null);
            assertThat(replica.awaitPosition(created.consistencyToken(), CATCH_UP)).isTrue();
            assertThat(replica.position()).isGreaterThanOrEqualTo(created.consistencyToken());
            await().atMost(CATCH_UP).until(replica::isConnected);

            // idle for longer than the service's heartbeat interval (5 s): heartbeats keep it fresh
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9))
                    .until(() -> replica.staleness().compareTo(Duration.ofSeconds(6)) < 0);
        }
    }

    @Test
    void aTokenThatMayNotReadTheFeedNeverCatchesUpAndItsChecksGoToTheServer() {
        WorkspacesClient bob = client("bob");
        try (AccessReplica replica = AccessReplica.start(bob)) {
            await().atMost(CATCH_UP).until(() -> replica.lastError() != null);

            assertThat(replica.lastError()).isInstanceOf(ForbiddenException.class);
            assertThat(replica.isCaughtUp()).isFalse();
            assertThat(replica.check("bob", ClientServices.unique("none"), AccessAction.READ))
                    .isEqualTo(new AccessDecision(false, null, null, "not found"));
            assertThat(replica.fallbacks()).isEqualTo(1);
        }
    }

    /** Each live workspace counts as many events in the replica as the service's version says. */
    private void assertSameVersions(AccessReplica replica, AccessWorld world) {
        for (Workspace workspace : world.workspaces) {
            var known = replica.index().workspace(workspace.id());
            assertThat(known).as(workspace.name()).isNotNull();
            if (known.live()) {
                assertThat(known.version()).as(workspace.name())
                        .isEqualTo(root.after(world.token).getWorkspace(workspace.id().toString()).version());
            }
        }
    }
}
