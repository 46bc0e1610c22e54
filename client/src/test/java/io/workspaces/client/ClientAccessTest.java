package io.workspaces.client;

import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessAnswer;
import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.EntityLocation;
import io.workspaces.client.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.workspaces.client.ClientServices.client;
import static io.workspaces.client.ClientServices.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Access checks and entity lookups through the client, against the running services. */
@ExtendWith(ClientServices.class)
class ClientAccessTest {

    @Test
    void checksAnswerInOrderAfterTheWritesOfTheSession() {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("acl");
        Workspace workspace = alice.createWorkspace(name, null).body();
        alice.putMember(name, "bob", "viewer", null);
        alice.registerEntity(name, "dataset", "d-17", null);
        WorkspacesClient bob = client("bob").after(alice.consistencyToken().orElseThrow());

        AccessAnswer answer = bob.checkAccess(List.of(
                AccessCheck.workspace("bob", name, AccessAction.READ),
                AccessCheck.entity("bob", "dataset", "d-17", AccessAction.WRITE),
                AccessCheck.workspace("bob", unique("nowhere"), AccessAction.READ)));

        assertThat(answer.results()).hasSize(3);
        assertThat(answer.results().get(0).allowed()).isTrue();
        assertThat(answer.results().get(0).role()).isEqualTo("viewer");
        assertThat(answer.results().get(0).workspaceId()).isEqualTo(workspace.id());
        assertThat(answer.results().get(1).allowed()).isFalse();
        assertThat(answer.results().get(1).workspaceId()).isEqualTo(workspace.id());
        assertThat(answer.results().get(1).reason()).isNotBlank();
        assertThat(answer.results().get(2).allowed()).isFalse();
        assertThat(answer.results().get(2).reason()).isEqualTo("not found");
        assertThat(answer.consistencyToken()).isGreaterThanOrEqualTo(alice.consistencyToken().orElseThrow());
        assertThat(bob.isAllowed("bob", workspace.id().toString(), AccessAction.MANAGE)).isFalse();
    }

    @Test
    void onlyAccessCheckersAskAboutOthers() {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("acl");
        alice.createWorkspace(name, null);
        long token = alice.consistencyToken().orElseThrow();

        assertThatThrownBy(() -> client("bob").after(token).isAllowed("alice", name, AccessAction.READ))
                .isInstanceOf(ForbiddenException.class);
        assertThat(client("svc-datasets", "access-checker").after(token).isAllowed("alice", name, AccessAction.DELETE))
                .isTrue();
    }

    @Test
    void anEntityIsFoundInItsWorkspaceByThoseWhoMayReadIt() {
        WorkspacesClient alice = client("alice", "workspace-creator").session();
        String name = unique("acl");
        Workspace workspace = alice.createWorkspace(name, null).body();
        alice.registerEntity(name, "model", "m-1", null);
        long token = alice.consistencyToken().orElseThrow();

        EntityLocation found = alice.locateEntity("model", "m-1");

        assertThat(found).isEqualTo(new EntityLocation("model", "m-1", workspace.id(), name, "admin"));
        assertThatThrownBy(() -> client("carol").after(token).locateEntity("model", "m-1"))
                .isInstanceOf(NotFoundException.class);
    }
}
