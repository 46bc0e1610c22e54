package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an HTTP error answer (RFC 9457 problem+json, or anything else a proxy may send) into the one line the
 * user reads: {@code error: <title>: <detail> (<status>)}, plus one line per invalid field when the detail does
 * not already say it.
 */
final class Problems {

    private Problems() {
    }

    static CliException toException(int status, String body) {
        JsonNode problem = Json.parse(body == null ? "" : body);
        if (problem == null || !problem.isObject()) {
            problem = null;
        }
        return new CliException(ExitCodes.forStatus(status), message(status, problem, body), fieldLines(problem));
    }

    /** The error line without the leading "error: ". */
    static String message(int status, JsonNode problem, String body) {
        String title = Terminal.clean(Json.text(problem, "title"));
        String detail = Terminal.clean(Json.text(problem, "detail"));
        if (title.isEmpty()) {
            title = reason(status);
        }
        StringBuilder line = new StringBuilder(title);
        if (!detail.isEmpty() && !detail.equalsIgnoreCase(title)) {
            line.append(": ").append(detail);
        } else if (problem == null && body != null && !body.isBlank()) {
            String text = Terminal.clean(body.strip());
            line.append(": ").append(text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
        line.append(" (").append(status);
        String requestId = Json.text(problem, "request_id");
        if (status >= 500 && !requestId.isEmpty()) {
            line.append(", request id ").append(Terminal.clean(requestId));
        }
        return line.append(')').toString();
    }

    /** "field: message" for each invalid field, unless the detail already lists them all. */
    static List<String> fieldLines(JsonNode problem) {
        JsonNode errors = problem == null ? null : problem.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return List.of();
        }
        String detail = Json.text(problem, "detail");
        List<String> lines = new ArrayList<>();
        boolean allInDetail = true;
        for (JsonNode error : errors) {
            String field = Json.text(error, "field");
            String message = Json.text(error, "message");
            allInDetail &= detail.contains(field + " " + message);
            lines.add(Terminal.clean(field.isEmpty() ? message : field + ": " + message));
        }
        return allInDetail ? List.of() : lines;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Request body too large";
            case 422 -> "Invalid request";
            case 500 -> "Internal error";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> "HTTP " + status;
        };
    }
}
