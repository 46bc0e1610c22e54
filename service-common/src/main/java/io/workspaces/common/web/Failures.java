package io.workspaces.common.web;

import java.sql.SQLException;
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
