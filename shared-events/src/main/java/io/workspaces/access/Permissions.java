package io.workspaces.access;

import io.workspaces.events.PlatformRole;
import io.workspaces.events.Role;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what in a workspace, the one definition of it. A principal's role in a workspace is the higher of
 * their own membership and the workspace's {@code *} binding; {@code *} (every authenticated caller) can hold a role
 * but never act. Platform admins may do everything; auditors read everything, history included, and change nothing.
 * A principal who can neither read the workspace through a role nor through a platform role is told it does not
 * exist.
 */
public final class Permissions {

    private static final Map<Action, Role> NEEDED = new EnumMap<>(Map.of(
            Action.READ, Role.VIEWER,
            Action.WRITE, Role.EDITOR,
            Action.MANAGE, Role.ADMIN,
            Action.DELETE, Role.ADMIN,
            Action.READ_HISTORY, Role.ADMIN));

    /** [action][role ordinal + 1 (0: none)][platform grant: 0 none, 1 auditor, 2 platform admin] */
    private static final Decision[][][] DECISIONS = new Decision[Action.values().length][Role.values().length + 1][3];

    static {
        for (Action action : Action.values()) {
            Role needed = NEEDED.get(action);
            for (int r = 0; r <= Role.values().length; r++) {
                Role role = r == 0 ? null : Role.values()[r - 1];
                boolean byRole = role != null && role.atLeast(needed);
                String refusal = "needs " + needed;
                DECISIONS[action.ordinal()][r][0] = byRole ? new Decision(true, role, null)
                        : role == null ? Decision.NOT_FOUND : new Decision(false, role, refusal);
                boolean auditorMay = action == Action.READ || action == Action.READ_HISTORY;
                DECISIONS[action.ordinal()][r][1] = byRole || auditorMay ? new Decision(true, role, null)
                        : new Decision(false, role, role == null ? "auditors only read" : refusal);
                DECISIONS[action.ordinal()][r][2] = new Decision(true, role, null);
            }
        }
    }

    private Permissions() {
    }

    /** The role a principal needs for {@code action}, platform roles aside. */
    public static Role needed(Action action) {
        return NEEDED.get(action);
    }

    /** The decision for a principal holding {@code role} (null: none) and {@code platformRoles}. */
    public static Decision decide(Action action, Role role, Set<PlatformRole> platformRoles) {
        int grant = platformRoles.contains(PlatformRole.PLATFORM_ADMIN) ? 2
                : platformRoles.contains(PlatformRole.AUDITOR) ? 1 : 0;
        return DECISIONS[action.ordinal()][role == null ? 0 : role.ordinal() + 1][grant];
    }

    /** The decision from workspace roles alone. */
    public static Decision decide(Action action, Role role) {
        return DECISIONS[action.ordinal()][role == null ? 0 : role.ordinal() + 1][0];
    }

    /** Whether {@code platformRoles} read every workspace, whatever its members. */
    public static boolean readsEverything(Set<PlatformRole> platformRoles) {
        return platformRoles.contains(PlatformRole.PLATFORM_ADMIN) || platformRoles.contains(PlatformRole.AUDITOR);
    }

    /** Whether {@code platformRoles} may ask about any principal's access, not only their own. */
    public static boolean checksAnyone(Set<PlatformRole> platformRoles) {
        return readsEverything(platformRoles) || platformRoles.contains(PlatformRole.ACCESS_CHECKER);
    }
}
