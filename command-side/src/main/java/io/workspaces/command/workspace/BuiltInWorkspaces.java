package io.workspaces.command.workspace;

import io.workspaces.common.security.Caller;
import io.workspaces.common.web.RequestContext;
import io.workspaces.events.Description;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceName;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates the built-in workspaces at start-up (docs/domain.md) through the same commands as any client, as the
 * system actor: {@code default} (every authenticated caller is editor) and {@code system} (every caller
 * is viewer). Idempotent, also when several nodes start at once: ids are fixed, the name claim lets one
 * create win, and the {@code *} binding is added only if missing.
 */
@Component
class BuiltInWorkspaces implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BuiltInWorkspaces.class);

    public record BuiltIn(String name, String description, Role everyone) {
        public UUID id() {
            return UUID.nameUUIDFromBytes(("workspaces:built-in:" + name).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final BuiltIn DEFAULT = new BuiltIn("default", "Editable by every authenticated user", Role.EDITOR);
    public static final BuiltIn SYSTEM = new BuiltIn("system", "Readable by every authenticated user; "
            + "only platform admins change it", Role.VIEWER);

    private final CommandGateway gateway;
    private final WorkspaceNames names;

    public BuiltInWorkspaces(CommandGateway gateway, WorkspaceNames names) {
        this.gateway = gateway;
        this.names = names;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(DEFAULT);
        ensure(SYSTEM);
    }

    void ensure(BuiltIn builtIn) {
        Optional<UUID> holder = names.idOf(builtIn.name());
        if (holder.isPresent() && !holder.get().equals(builtIn.id())) {
            log.warn("the name '{}' belongs to a regular workspace {}; built-in not created", builtIn.name(), holder.get());
            return;
        }
        if (holder.isEmpty()) {
            try {
                send(new CreateWorkspace(builtIn.id(), new WorkspaceName(builtIn.name()),
                        new Description(builtIn.description()), Principal.SYSTEM, true));
                log.info("created built-in workspace '{}'", builtIn.name());
            } catch (NameTakenException anotherNodeWasFirst) {
                log.debug("built-in workspace '{}' created concurrently elsewhere", builtIn.name());
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                send(new BindEveryone(builtIn.id(), builtIn.everyone()));
                return;
            } catch (ConcurrencyException anotherNodeAddedItAtTheSameTime) {
                if (attempt == 3) {
                    throw anotherNodeAddedItAtTheSameTime;
                }
            }
        }
    }

    private void send(Object command) {
        String requestId = "startup-" + UUID.randomUUID();
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                new RequestContext(Caller.SYSTEM, requestId, requestId, null).metaData()));
    }
}
