package io.workspaces.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored event row as canonical JSON: every column of {@code domain_event_entry} that carries meaning, with
 * payload and metadata parsed and every object's keys sorted, no whitespace. Two rows have the same canonical
 * form exactly when they say the same thing, whatever the spacing or key order of the stored text.
 */
final class CanonicalEvent {

    /** The columns, in the order {@link #of(ResultSet)} reads them. */
    public static final String COLUMNS = "e.global_index, e.aggregate_identifier, e.sequence_number, "
            + "e.event_identifier, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalEvent() {
    }

    /** The canonical JSON of the row at the result set's cursor, read from {@link #COLUMNS}. */
    public static String of(ResultSet row) throws SQLException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("position", row.getLong("global_index"));
        event.put("aggregate_identifier", row.getString("aggregate_identifier"));
        event.put("sequence_number", row.getLong("sequence_number"));
        event.put("event_identifier", row.getString("event_identifier"));
        event.put("payload_type", row.getString("payload_type"));
        event.put("payload_revision", row.getString("payload_revision"));
        event.put("time_stamp", row.getString("time_stamp"));
        event.put("payload", parse(row.getString("payload")));
        event.put("meta_data", parse(row.getString("meta_data")));
        try {
            return CANONICAL.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event at position " + row.getLong("global_index") + " cannot be written", e);
        }
    }

    /** Stored text that is not JSON (only possible if edited by hand) hashes as the text itself. */
    private static Object parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return CANONICAL.readValue(json, Object.class);
        } catch (JsonProcessingException notJson) {
            return json;
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String chain(String previousChainValue, String canonicalEvent) {
        return sha256(previousChainValue + canonicalEvent);
    }
}
