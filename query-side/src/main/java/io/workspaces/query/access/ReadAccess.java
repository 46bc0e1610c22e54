package io.workspaces.query.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.common.security.Caller;
import io.workspaces.events.Role;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may read what on the query side, from this node's access index (no SQL): a workspace is readable by
 * its members (and by everyone when it has a {@code *} binding), by auditors and by platform admins. A caller
 * who cannot read a workspace is told it does not exist (404); one who can read it but not this part of it
 * is refused (403).
 */
@Component
public class ReadAccess {

    private final AccessIndex index;

    public ReadAccess(AccessIndex index) {
        this.index = index;
    }

    /** The caller's role in the workspace: the higher of their own membership and its {@code *} binding. */
    public Optional<Role> roleOf(UUID workspaceId, Caller caller) {
        return Optional.ofNullable(index.roleOf(workspaceId, caller.principal().value()));
    }

    public void requireReadable(UUID workspaceId, String ref, Caller caller) {
        if (!caller.readsEverything() && roleOf(workspaceId, caller).isEmpty()) {
            throw new WorkspaceNotFoundException(ref);
        }
    }

    /** History is for the workspace's admins, auditors and platform admins. */
    public void requireHistoryReader(UUID workspaceId, String ref, Caller caller) {
        if (caller.readsEverything()) {
            return;
        }
        Role role = roleOf(workspaceId, caller).orElseThrow(() -> new WorkspaceNotFoundException(ref));
        if (role != Role.ADMIN) {
            throw new ForbiddenException("the history of a workspace is for its admins, auditors and platform "
                    + "admins; you are " + role);
        }
    }

    /** A principal's roles are theirs to look up, and an auditor's or a platform admin's. */
    public void requireRoleLookup(String principal, Caller caller) {
        if (!caller.readsEverything() && !caller.principal().value().equals(principal)) {
            throw new ForbiddenException("only the principal themselves, auditors and platform admins may look up "
                    + "a principal's roles");
        }
    }
}
