package io.workspaces.query.web;

import io.workspaces.common.web.FieldError;
import io.workspaces.common.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of a read, strictly: a parameter the endpoint does not know, or one given twice, is a 422
 * rather than silently ignored (a typo like {@code pagesize=5} must not return 100 rows as if it worked).
 */
public final class QueryParameters {

    /** Accepted by every read: the consistency token as a parameter. */
    public static final String AFTER = "after";

    private final Map<String, String[]> values;

    private QueryParameters(Map<String, String[]> values) {
        this.values = values;
    }

    /** The request's parameters, refusing any not in {@code allowed} (plus {@value #AFTER}). */
    public static QueryParameters of(HttpServletRequest request, Set<String> allowed) {
        Map<String, String[]> values = request.getParameterMap();
        if (values.isEmpty()) {
            return new QueryParameters(values);
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(values.keySet())) {
            if (!allowed.contains(name) && !AFTER.equals(name)) {
                errors.add(new FieldError(name, "is not a parameter of this endpoint; known: "
                        + String.join(", ", new TreeSet<>(allowed))));
            } else if (values.get(name).length > 1) {
                errors.add(new FieldError(name, "must be given at most once"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new QueryParameters(values);
    }

    public String get(String name) {
        String[] given = values.get(name);
        return given == null ? null : given[0];
    }

    /** An integer parameter within [min, max], or {@code fallback} when absent. */
    public int intValue(String name, int fallback, int min, int max) {
        String raw = get(name);
        if (raw == null) {
            return fallback;
        }
        String problem = "must be an integer from " + min + " to " + max;
        if (!raw.matches("-?\\d{1,10}")) {
            throw InvalidRequestException.of(name, problem);
        }
        long value = Long.parseLong(raw);
        if (value < min || value > max) {
            throw InvalidRequestException.of(name, problem);
        }
        return (int) value;
    }

    /** A boolean parameter ({@code true} or {@code false}), or {@code fallback} when absent. */
    public boolean booleanValue(String name, boolean fallback) {
        String raw = get(name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidRequestException.of(name, "must be true or false");
        };
    }
}
