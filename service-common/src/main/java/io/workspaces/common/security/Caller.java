package io.workspaces.common.security;

import io.workspaces.events.PlatformRole;
import io.workspaces.events.Principal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Who makes a request: an authenticated principal and the platform roles their credentials grant. */
public record Caller(Principal principal, Set<PlatformRole> platformRoles) {

    /** The service itself, for the changes it makes on its own (the built-in workspaces). */
    public static final Caller SYSTEM = new Caller(Principal.SYSTEM, Set.of(PlatformRole.PLATFORM_ADMIN));

    public Caller {
        if (principal == null || principal.isEveryone()) {
            throw new IllegalArgumentException("a caller is one authenticated principal, never '*'");
        }
        platformRoles = platformRoles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(platformRoles));
    }

    public static Caller of(String principal, Collection<PlatformRole> roles) {
        return new Caller(new Principal(principal), roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles));
    }

    public boolean is(PlatformRole role) {
        return platformRoles.contains(role);
    }

    public boolean isPlatformAdmin() {
        return is(PlatformRole.PLATFORM_ADMIN);
    }

    /** Platform admins and auditors read every workspace, whatever its members. */
    public boolean readsEverything() {
        return isPlatformAdmin() || is(PlatformRole.AUDITOR);
    }

    public boolean mayCreateWorkspaces() {
        return isPlatformAdmin() || is(PlatformRole.WORKSPACE_CREATOR);
    }

    /** The platform roles as their wire names, sorted: how they travel in command and event metadata. */
    public List<String> platformRoleNames() {
        return platformRoles.stream().map(PlatformRole::wireName).sorted().toList();
    }
}
