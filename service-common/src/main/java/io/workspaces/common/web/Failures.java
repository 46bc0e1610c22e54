package io.workspaces.common.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One line about a failure that is safe to log: the exception types down the cause chain and any SQL state,
 * never messages (they can hold SQL, parameters or secrets) nor stack traces. The full detail is for the
 * DEBUG level only.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * True when somewhere down the cause chain the database could not be reached or went away (connection
     * refused or lost, server shutting down, pool exhausted): a condition to answer 503 and retry, not a bug.
     */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // connection exceptions (08), server shutting down (57P); a driver error without any state is the
            // connection failing under it (an I/O error, a closed connection), never a rule of the data
            if (t instanceof SQLException sql && (sql.getSQLState() == null
                    || sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the database refused a write because it is read-only (SQL state 25006): a hot standby, or a
     * connection set to read-only. The request changed nothing.
     */
    public static boolean isReadOnlyDatabase(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && "25006".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String part = t.getClass().getSimpleName();
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                part += " (SQL state " + sql.getSQLState() + ")";
            }
            parts.add(part);
        }
        return String.join(" <- ", parts);
    }
}
