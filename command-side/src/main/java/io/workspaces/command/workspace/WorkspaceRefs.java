package io.workspaces.command.workspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.workspaces.events.WorkspaceName;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Resolves a path's {@code {ref}}: a UUID is an id, anything else the name of a live workspace.
 *
 * <p>Names are remembered in memory (up to {@code workspaces.name-cache.size}): a live workspace's name never
 * changes, so an entry can only go stale when its workspace is deleted, here or on another node. This node
 * forgets the name when it deletes the workspace; a write sent to a remembered id that turns out to be gone
 * forgets the name and, when the name now belongs to another workspace, is sent there.
 */
@Component
public class WorkspaceRefs {

    private final WorkspaceNames names;
    private final Cache<String, UUID> ids;

    public WorkspaceRefs(WorkspaceNames names, @Value("${workspaces.name-cache.size:10000}") long size) {
        this.names = names;
        this.ids = size > 0 ? Caffeine.newBuilder().maximumSize(size).build() : null;
    }

    public UUID resolve(String ref) {
        if (WorkspaceName.looksLikeUuid(ref)) {
            return UUID.fromString(ref.toLowerCase(Locale.ROOT));
        }
        if (WorkspaceName.problemWith(ref) != null) {
            throw new WorkspaceNotFoundException(ref);
        }
        UUID remembered = ids == null ? null : ids.getIfPresent(ref);
        return remembered != null ? remembered : lookUp(ref);
    }

    /** Runs {@code write} on the workspace {@code ref} names, once more if a remembered name was stale. */
    public <T> T write(String ref, Function<UUID, T> write) {
        UUID id = resolve(ref);
        try {
            return write.apply(id);
        } catch (RuntimeException failure) {
            if (WorkspaceName.looksLikeUuid(ref) || !isGone(failure)) {
                throw failure;
            }
            forget(ref);
            UUID current = lookUp(ref);
            if (current.equals(id)) {
                throw failure;
            }
            return write.apply(current);
        }
    }

    /** The workspace named {@code name} was deleted: the name may now be claimed by another one. */
    public void forget(String name) {
        if (ids != null && name != null) {
            ids.invalidate(name);
        }
    }

    private UUID lookUp(String name) {
        Optional<UUID> id = names.idOf(name);
        if (id.isEmpty()) {
            throw new WorkspaceNotFoundException(name);
        }
        if (ids != null) {
            ids.put(name, id.get());
        }
        return id.get();
    }

    private static boolean isGone(RuntimeException failure) {
        return failure instanceof AggregateNotFoundException
                || failure instanceof CommandExecutionException && failure.getCause() instanceof AggregateNotFoundException;
    }
}
