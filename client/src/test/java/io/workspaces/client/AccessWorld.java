package io.workspaces.client;

import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.AccessDecision;
import io.workspaces.client.model.Workspace;
import io.workspaces.client.model.Written;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Workspaces, members, {@code *} bindings and entities written through the real command side, and random access
 * checks about them: what the replica tests compare between a replica and {@code POST /v1/access/check}.
 */
final class AccessWorld {

    static final List<String> PRINCIPALS = List.of("alice", "bob", "carol", "dave", "erin", "*");
    static final List<String> ROLES = List.of("viewer", "editor", "admin");
    static final List<String> ENTITY_TYPES = List.of("dataset", "model");
    static final int ENTITIES = 6;

    final WorkspacesClient writer;
    final String prefix = ClientServices.unique("rp");
    final List<Workspace> workspaces = new ArrayList<>();
    /** Workspaces the random commands leave alone, so that every kind of answer occurs among the checks. */
    final List<Workspace> fixed = new ArrayList<>();
    long token;
    int writes;
    int refused;

    AccessWorld(WorkspacesClient writer) {
        this.writer = writer;
    }

    /**
     * A workspace no random command touches: {@code bob} views it, {@code carol} edits it, everyone views it, and it
     * holds an entity.
     */
    void prelude() {
        Written<Workspace> created = writer.createWorkspace(prefix + "-fixed", null);
        written(created);
        String ref = created.body().id().toString();
        written(writer.putMember(ref, "bob", "viewer", null));
        written(writer.putMember(ref, "carol", "editor", null));
        written(writer.putMember(ref, "*", "viewer", null));
        written(writer.registerEntity(ref, "model", prefix + "-fixed-model", null));
        fixed.add(created.body());
    }

    /**
     * One command, chosen by {@code kind} (0-9) on the workspace, principal, role and entity picked by the other
     * numbers. Commands the service refuses (a workspace deleted already, the last admin removed...) change nothing
     * and are counted; the log decides what is true, the replica and the service must only agree on it.
     */
    void run(int kind, int workspace, int principal, int role, int entity) {
        if (workspaces.isEmpty() || kind <= 1) {
            Written<Workspace> created = writer.createWorkspace(prefix + "-w" + workspaces.size(), null);
            workspaces.add(created.body());
            written(created);
            return;
        }
        String ref = pick(workspace).id().toString();
        String who = PRINCIPALS.get(principal % PRINCIPALS.size());
        String type = ENTITY_TYPES.get(entity % ENTITY_TYPES.size());
        String id = entityId(entity / ENTITY_TYPES.size());
        try {
            switch (kind) {
                case 2, 3, 4 -> written(writer.putMember(ref, who, ROLES.get(role % ROLES.size()), null));
                case 5 -> written(writer.removeMember(ref, who, null));
                case 6 -> written(writer.registerEntity(ref, type, id, null));
                case 7 -> written(writer.unregisterEntity(ref, type, id, null));
                case 8 -> {
                    // a workspace that still holds entities cannot be deleted: give them up first, sometimes
                    if (role % 2 == 0) {
                        for (String each : ENTITY_TYPES) {
                            for (int n = 0; n < ENTITIES; n++) {
                                try {
                                    written(writer.unregisterEntity(ref, each, entityId(n), null));
                                } catch (ApiException notThere) {
                                    refused++;
                                }
                            }
                        }
                    }
                    written(writer.deleteWorkspace(ref, "property test", null));
                }
                default -> written(writer.updateDescription(ref, "d" + role, null));
            }
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            refused++;
        }
    }

    private Workspace pick(int n) {
        return workspaces.get(n % workspaces.size());
    }

    private String entityId(int n) {
        return prefix + "-e" + (n % ENTITIES);
    }

    private void written(Written<?> written) {
        writes++;
        token = Math.max(token, written.consistencyToken());
    }

    /** {@code count} random checks about this world, unknown workspaces and entities included. */
    List<AccessCheck> randomChecks(Random random, int count) {
        List<String> principals = new ArrayList<>(PRINCIPALS);
        principals.add("root");
        principals.add("nobody");
        AccessAction[] actions = AccessAction.values();
        List<Workspace> known = new ArrayList<>(workspaces);
        known.addAll(fixed);
        List<AccessCheck> checks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String principal = principals.get(random.nextInt(principals.size()));
            AccessAction action = actions[random.nextInt(actions.length)];
            int target = random.nextInt(10);
            if (target < 6 && !known.isEmpty()) {
                Workspace workspace = known.get(random.nextInt(known.size()));
                String ref = target < 3 ? workspace.name() : workspace.id().toString();
                checks.add(AccessCheck.workspace(principal, ref, action));
            } else if (target == 6) {
                String ref = random.nextBoolean() ? prefix + "-nowhere" : UUID.randomUUID().toString();
                checks.add(AccessCheck.workspace(principal, ref, action));
            } else {
                String type = ENTITY_TYPES.get(random.nextInt(ENTITY_TYPES.size()));
                String id = target == 9 ? (random.nextBoolean() ? prefix + "-unknown" : prefix + "-fixed-model")
                        : entityId(random.nextInt(ENTITIES));
                checks.add(AccessCheck.entity(principal, type, id, action));
            }
        }
        return checks;
    }

    /** The service's answers, up to 1000 checks a request (fewer when 1000 would exceed its body limit), after {@code token}. */
    static List<AccessDecision> serverAnswers(WorkspacesClient asker, List<AccessCheck> checks, long token) {
        List<AccessDecision> answers = new ArrayList<>(checks.size());
        WorkspacesClient session = asker.after(token);
        for (List<AccessCheck> batch : AccessReplica.batches(checks)) {
            answers.addAll(session.checkAccess(batch).results());
        }
        return answers;
    }

    /** The checks on which the two lists of answers differ, described, at most {@code limit}. */
    static List<String> disagreements(List<AccessCheck> checks, List<AccessDecision> replica,
                                      List<AccessDecision> server, int limit) {
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < checks.size() && differ.size() < limit; i++) {
            if (!replica.get(i).equals(server.get(i))) {
                differ.add(checks.get(i) + ": replica " + replica.get(i) + ", server " + server.get(i));
            }
        }
        return differ;
    }
}
