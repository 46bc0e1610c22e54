package io.workspaces.command.web;

import io.workspaces.command.workspace.CommandResult;
import io.workspaces.command.workspace.CreateWorkspace;
import io.workspaces.command.workspace.WorkspaceRuleViolation;
import io.workspaces.command.workspace.WorkspaceView;
import io.workspaces.common.eventstore.AppendedPositions;
import io.workspaces.common.web.RequestContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Sends a command with the request's metadata and answers with the resulting workspace and the write's
 * consistency token. A lost race against another node on the same workspace is retried when the write is
 * unconditional; a conditional one (If-Match) reports the conflict.
 *
 * <p>The workspace may come from this node's cache, which can be behind another node's writes. A write is
 * safe anyway (its append fails on the taken sequence number and is retried on a fresh load), but a command
 * that appends nothing is not checked by the event store: a refusal or a no-op decided on a cached workspace
 * is decided once more on a freshly loaded one before it is answered.
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
    private final Cache workspaceCache;

    public CommandDispatcher(CommandGateway gateway, ConsistencyTokens tokens,
                             @Qualifier("workspaceCache") Cache workspaceCache) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.workspaceCache = workspaceCache;
    }

    public Outcome dispatch(Object command, UUID workspaceId, boolean conditional, RequestContext context) {
        return dispatch(command, workspaceId, conditional, context, Map.of());
    }

    public Outcome dispatch(Object command, UUID workspaceId, boolean conditional, RequestContext context,
                            Map<String, ?> extraMetaData) {
        // a create never loads a workspace; without a cache every load is fresh
        boolean fresh = command instanceof CreateWorkspace || workspaceCache instanceof NoCache;
        for (int attempt = 1; ; attempt++) {
            try {
                AppendedPositions.clear();
                CommandResult result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(context.metaData())
                        .andMetaData(extraMetaData));
                OptionalLong appended = AppendedPositions.take();
                if (appended.isPresent()) {
                    return new Outcome(result, appended.getAsLong());
                }
                if (fresh) {
                    return new Outcome(result, tokens.latestFor(workspaceId));
                }
            } catch (ConcurrencyException lostRace) {
                if (conditional || attempt == ATTEMPTS) {
                    throw new ConflictingWriteException(conditional);
                }
            } catch (WorkspaceRuleViolation | CommandExecutionException refused) {
                if (fresh || !isRuleViolation(refused)) {
                    throw refused;
                }
            }
            // whatever decided this attempt is no longer trusted: the next one loads the workspace afresh
            workspaceCache.remove(workspaceId.toString());
            fresh = true;
        }
    }

    private static boolean isRuleViolation(RuntimeException refused) {
        return refused instanceof WorkspaceRuleViolation || refused.getCause() instanceof WorkspaceRuleViolation;
    }
}
