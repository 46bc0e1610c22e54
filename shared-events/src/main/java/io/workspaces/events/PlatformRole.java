package io.workspaces.events;

import java.util.Locale;
import java.util.Optional;

/**
 * Roles a caller holds across the whole platform, from their credentials: {@code platform-admin}
 * (everything, everywhere), {@code workspace-creator} (may create workspaces), {@code auditor} (reads
 * everything, including history, and changes nothing), {@code access-checker} (a service account that may ask
 * whether any principal may act in a workspace).
 */
public enum PlatformRole {
    PLATFORM_ADMIN, WORKSPACE_CREATOR, AUDITOR, ACCESS_CHECKER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role a credential's role name stands for; other names (roles of other systems) are none of ours. */
    public static Optional<PlatformRole> fromWireName(String name) {
        for (PlatformRole role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
