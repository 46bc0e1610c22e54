package io.workspaces.cli;

import io.workspaces.client.ApiException;
import io.workspaces.client.ConnectionException;
import io.workspaces.client.RetryPolicy;
import io.workspaces.client.WorkspacesClient;
import io.workspaces.client.WorkspacesException;

import java.time.Duration;

/**
 * The service as this invocation sees it: a session of the Java client, so that a read carries the consistency
 * token of {@code --after} or of this invocation's last write and sees that write. The client's failures become
 * the one-line errors and exit codes of the CLI ({@link #toCliException}).
 */
final class Api {

    /** A command line waits a little for an unavailable service, not as long as a server-side caller would. */
    static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    private final Settings settings;
    private final Duration timeout;
    private final WorkspacesClient session;

    Api(Settings settings, Duration timeout, Long after) {
        this.settings = settings;
        this.timeout = timeout;
        WorkspacesClient client = WorkspacesClient.builder()
                .commandUrl(settings.commandUrl())
                .queryUrl(settings.queryUrl())
                .token(settings.token())
                .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds()))))
                .requestTimeout(timeout)
                .retryPolicy(RETRIES)
                .userAgent("workspaces-cli/" + VersionProvider.version())
                .build();
        this.session = after == null ? client.session() : client.after(after);
    }

    WorkspacesClient client() {
        return session;
    }

    /** The consistency token reads of this invocation send: {@code --after}, or the last write's. */
    Long consistencyToken() {
        return session.consistencyToken().isPresent() ? session.consistencyToken().getAsLong() : null;
    }

    /** A failure of the client, worded for the user. */
    CliException toCliException(WorkspacesException failure) {
        if (failure instanceof ApiException answer) {
            CliException worded = Problems.toException(answer.status(), answer.body());
            if (answer.status() == 401 && settings.token() == null) {
                worded.addDetail("hint: no token given: pass --token, set WORKSPACES_TOKEN or token= in the config "
                        + "file (locally: export WORKSPACES_TOKEN=$(./workspaces token alice workspace-creator))");
            }
            return worded;
        }
        if (failure instanceof ConnectionException connection) {
            String why = switch (connection.kind()) {
                case REFUSED -> "connection refused";
                case CONNECT_TIMEOUT -> "no connection within the connect timeout";
                case TIMEOUT -> "no answer within " + timeout.toSeconds() + " s (--timeout)";
                case INTERRUPTED -> null;
                case BROKEN -> connection.getCause() != null && connection.getCause().getMessage() != null
                        ? connection.getCause().getMessage() : "the connection broke";
            };
            if (why == null) {
                return new CliException(ExitCodes.ERROR, "interrupted");
            }
            return new CliException(ExitCodes.UNAVAILABLE, "cannot reach the " + connection.service().label() + " at "
                    + session.baseUrl(connection.service()) + ": " + Terminal.clean(why)
                    + " (is it running? ./run.sh starts both sides)");
        }
        return new CliException(ExitCodes.ERROR, Terminal.clean(failure.getMessage()));
    }
}
