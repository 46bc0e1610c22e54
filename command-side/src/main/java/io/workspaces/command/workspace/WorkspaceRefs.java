package io.workspaces.command.workspace;

import io.workspaces.events.WorkspaceName;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.UUID;

/** Resolves a path's {@code {ref}}: a UUID is an id, anything else the name of a live workspace. */
@Component
public class WorkspaceRefs {

    private final WorkspaceNames names;

    public WorkspaceRefs(WorkspaceNames names) {
        this.names = names;
    }

    public UUID resolve(String ref) {
        if (WorkspaceName.looksLikeUuid(ref)) {
            return UUID.fromString(ref.toLowerCase(Locale.ROOT));
        }
        if (WorkspaceName.problemWith(ref) != null) {
            throw new WorkspaceNotFoundException(ref);
        }
        return names.idOf(ref).orElseThrow(() -> new WorkspaceNotFoundException(ref));
    }
}
