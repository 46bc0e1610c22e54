package io.workspaces.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Instant;

/** JSON in and out, and the small conversions the human views need. */
final class Json {

    /** The client's mapper: a model record printed with it is the service's own JSON for it. */
    static final ObjectMapper MAPPER = io.workspaces.client.Json.mapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** One pretty-printed JSON document and a newline. */
    static void print(PrintStream out, JsonNode node) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.ERROR, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }

    /** The text of a field, or "" when missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A model record (or any value) as a JSON tree. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** An RFC 3339 timestamp with its full precision (as stored), for tables; "" for none. */
    static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
