package io.workspaces.client;

import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.AccessDecision;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.workspaces.client.ClientServices.client;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a random sequence of commands (workspaces created and deleted, members and {@code *} bindings granted,
 * changed and removed, entities registered and unregistered), a local replica and {@code POST /v1/access/check}
 * give the same answers to 10,000 random checks. The services are real processes; every try adds to the same log,
 * which the replica follows from its beginning.
 */
class ReplicaPropertyTest {

    private static final int CHECKS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static WorkspacesClient root;
    private static WorkspacesClient auditor;
    private static AccessReplica replica;

    /** One command: its kind (0-9, see {@link AccessWorld#run}) and the numbers that pick what it is about. */
    record Command(int kind, int workspace, int principal, int role, int entity) {
    }

    @BeforeContainer
    static void start() {
        ClientServices.ensureStarted();
        root = client("root", "platform-admin");
        auditor = client("replica-auditor", "auditor");
        replica = AccessReplica.start(auditor);
        assertThat(replica.awaitCaughtUp(WAIT)).isTrue();
    }

    @AfterContainer
    static void stop() {
        if (replica != null) {
            replica.close();
        }
    }

    // each try writes through the real services: shrinking would replay them against a log that has moved on
    @Property(tries = 4, shrinking = ShrinkingMode.OFF)
    void theReplicaAndTheServiceAgree(@ForAll("commands") List<Command> commands, @ForAll long seed) {
        AccessWorld world = new AccessWorld(root);
        world.prelude();
        for (Command command : commands) {
            world.run(command.kind(), command.workspace(), command.principal(), command.role(), command.entity());
        }
        List<AccessCheck> checks = world.randomChecks(new Random(seed), CHECKS);

        assertThat(replica.awaitPosition(world.token, WAIT)).as("replica reaches token %d", world.token).isTrue();
        List<AccessDecision> local = replica.check(checks);
        List<AccessDecision> server = AccessWorld.serverAnswers(auditor, checks, world.token);

        assertThat(local).hasSize(CHECKS);
        assertThat(server).hasSize(CHECKS);
        assertThat(AccessWorld.disagreements(checks, local, server, 20))
                .as("%d commands (%d refused), %d checks", world.writes, world.refused, CHECKS).isEmpty();
        // the checks are not all alike: some allowed, some refused for a role, some not found
        assertThat(local).anyMatch(AccessDecision::allowed)
                .anyMatch(answer -> !answer.allowed() && answer.role() != null)
                .anyMatch(answer -> "not found".equals(answer.reason()));
    }

    @Provide
    Arbitrary<List<Command>> commands() {
        Arbitrary<Integer> number = Arbitraries.integers().between(0, 999);
        return Combinators.combine(Arbitraries.integers().between(0, 9), number, number, number, number)
                .as(Command::new).list().ofMinSize(30).ofMaxSize(90);
    }
}
