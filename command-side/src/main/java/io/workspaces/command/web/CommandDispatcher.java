package io.workspaces.command.web;

import io.workspaces.command.workspace.CommandResult;
import io.workspaces.command.workspace.WorkspaceView;
import io.workspaces.common.web.RequestContext;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * Sends a command with the request's metadata and answers with the resulting workspace and the write's
 * consistency token. A lost race against another node on the same workspace is retried when the write is
 * unconditional; a conditional one (If-Match) reports the conflict.
 */
@Component
public class CommandDispatcher {

    private static final int ATTEMPTS = 3;

    /** The handler's answer and the write's consistency token. */
    public record Outcome(CommandResult result, long consistencyToken) {

        public WorkspaceView workspace() {
            return result.workspace();
        }
    }

    private final CommandGateway gateway;
    private final ConsistencyTokens tokens;

    public CommandDispatcher(CommandGateway gateway, ConsistencyTokens tokens) {
        this.gateway = gateway;
        this.tokens = tokens;
    }

    public Outcome dispatch(Object command, UUID workspaceId, boolean conditional, RequestContext context) {
        return dispatch(command, workspaceId, conditional, context, Map.of());
    }

    public Outcome dispatch(Object command, UUID workspaceId, boolean conditional, RequestContext context,
                            Map<String, ?> extraMetaData) {
        for (int attempt = 1; ; attempt++) {
            try {
                CommandResult result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(context.metaData())
                        .andMetaData(extraMetaData));
                return new Outcome(result, tokens.latestFor(workspaceId));
            } catch (ConcurrencyException lostRace) {
                if (conditional || attempt == ATTEMPTS) {
                    throw new ConflictingWriteException(conditional);
                }
            }
        }
    }
}
