package io.workspaces.access;

import io.workspaces.events.PlatformRole;
import io.workspaces.events.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The permission table: which role and which platform role may do which action. */
class PermissionsTest {

    @Test
    void eachActionNeedsItsRole() {
        assertThat(Permissions.decide(Action.READ, Role.VIEWER).allowed()).isTrue();
        assertThat(Permissions.decide(Action.WRITE, Role.VIEWER)).isEqualTo(new Decision(false, Role.VIEWER, "needs editor"));
        assertThat(Permissions.decide(Action.WRITE, Role.EDITOR).allowed()).isTrue();
        for (Action adminOnly : new Action[]{Action.MANAGE, Action.DELETE, Action.READ_HISTORY}) {
            assertThat(Permissions.decide(adminOnly, Role.EDITOR)).isEqualTo(new Decision(false, Role.EDITOR, "needs admin"));
            assertThat(Permissions.decide(adminOnly, Role.ADMIN)).isEqualTo(new Decision(true, Role.ADMIN, null));
        }
        for (Action action : Action.values()) {
            assertThat(Permissions.decide(action, null)).isSameAs(Decision.NOT_FOUND);
        }
    }

    @Test
    void platformAdminsMayDoEverythingAndAuditorsOnlyRead() {
        Set<PlatformRole> admin = Set.of(PlatformRole.PLATFORM_ADMIN);
        Set<PlatformRole> auditor = Set.of(PlatformRole.AUDITOR);
        for (Action action : Action.values()) {
            assertThat(Permissions.decide(action, null, admin).allowed()).isTrue();
        }
        assertThat(Permissions.decide(Action.READ, null, auditor)).isEqualTo(new Decision(true, null, null));
        assertThat(Permissions.decide(Action.READ_HISTORY, Role.VIEWER, auditor).allowed()).isTrue();
        assertThat(Permissions.decide(Action.WRITE, null, auditor)).isEqualTo(new Decision(false, null, "auditors only read"));
        assertThat(Permissions.decide(Action.WRITE, Role.VIEWER, auditor).reason()).isEqualTo("needs editor");
        assertThat(Permissions.decide(Action.READ, null, Set.of(PlatformRole.ACCESS_CHECKER, PlatformRole.WORKSPACE_CREATOR)))
                .isSameAs(Decision.NOT_FOUND);
    }

    @Test
    void theEffectiveRoleIsTheHigherOfMembershipAndTheEveryoneBinding() {
        assertThat(Role.effective(Role.VIEWER, Role.EDITOR)).isEqualTo(Role.EDITOR);
        assertThat(Role.effective(Role.ADMIN, Role.VIEWER)).isEqualTo(Role.ADMIN);
        assertThat(Role.effective(null, Role.VIEWER)).isEqualTo(Role.VIEWER);
        assertThat(Role.effective(Role.EDITOR, null)).isEqualTo(Role.EDITOR);
        assertThat(Role.effective(null, null)).isNull();
    }

    @Test
    void checkersAuditorsAndPlatformAdminsMayAskAboutAnyone() {
        assertThat(Permissions.checksAnyone(Set.of(PlatformRole.ACCESS_CHECKER))).isTrue();
        assertThat(Permissions.checksAnyone(Set.of(PlatformRole.AUDITOR))).isTrue();
        assertThat(Permissions.checksAnyone(Set.of(PlatformRole.PLATFORM_ADMIN))).isTrue();
        assertThat(Permissions.checksAnyone(Set.of(PlatformRole.WORKSPACE_CREATOR))).isFalse();
        assertThat(Permissions.checksAnyone(Set.of())).isFalse();
    }

    @Test
    void actionsHaveTheirWireNames() {
        assertThat(Action.fromWireName("read-history")).isEqualTo(Action.READ_HISTORY);
        assertThat(Action.fromWireName("READ")).isNull();
        assertThat(Action.allowedValues()).isEqualTo("read, write, manage, delete, read-history");
        assertThat(AccessIndex.uuidShaped("0f8fad5b-d9cb-469f-a165-70867728950e")).isTrue();
        assertThat(AccessIndex.uuidShaped("0F8FAD5B-D9CB-469F-A165-70867728950E")).isTrue();
        assertThat(AccessIndex.uuidShaped("0f8fad5b-d9cb-469f-a165-70867728950g")).isFalse();
        assertThat(AccessIndex.uuidShaped("0f8fad5b-d9cb-469f-a16570867728950e-")).isFalse();
    }
}
