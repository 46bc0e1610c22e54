package io.workspaces.common.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable database at start-up into one clear sentence instead of a stack trace. */
public class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Start PostgreSQL or set WORKSPACES_DB_URL (and WORKSPACES_DB_USER / WORKSPACES_DB_PASSWORD).", cause);
    }
}
