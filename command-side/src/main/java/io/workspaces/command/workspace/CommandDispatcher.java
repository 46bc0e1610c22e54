package io.workspaces.command.workspace;

import io.workspaces.common.eventstore.AppendedPositions;
import io.workspaces.common.web.Preconditions;
import io.workspaces.common.web.RequestContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
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

    /**
     * Runs {@code write} under {@code ifMatch} (null when absent): {@code write} gets the version the workspace
     * must be at, or null for an unconditional write (no If-Match, or {@code *}). The aggregate checks one version
     * atomically; when If-Match lists several, a mismatch that reports another listed version is tried again with
     * that one, so the write happens exactly when the workspace is at one of them.
     */
    public static <T> T underIfMatch(Preconditions.Condition ifMatch, Function<Long, T> write) {
        if (ifMatch == null || ifMatch.any()) {
            return write.apply(null);
        }
        List<Long> versions = ifMatch.strongVersions();
        boolean single = versions.size() == 1 && ifMatch.tags().size() == 1;
        Set<Long> tried = new HashSet<>();
        long expected = versions.isEmpty() ? NO_VERSION : versions.get(0);
        while (true) {
            tried.add(expected);
            try {
                return write.apply(expected);
            } catch (VersionMismatchException mismatch) {
                long current = mismatch.currentVersion();
                if (versions.contains(current) && !tried.contains(current)) {
                    expected = current;
                } else if (single) {
                    throw mismatch;
                } else {
                    throw new VersionMismatchException(current);
                }
            }
        }
    }

    /** A version no workspace is ever at: the write's If-Match names none. */
    private static final long NO_VERSION = -1;

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

    /** A rule the command broke, as the aggregate threw it or as Axon's command bus wrapped it. */
    static boolean isRuleViolation(Exception refused) {
        return refused instanceof WorkspaceRuleViolation
                || refused instanceof CommandExecutionException && refused.getCause() instanceof WorkspaceRuleViolation;
    }
}
