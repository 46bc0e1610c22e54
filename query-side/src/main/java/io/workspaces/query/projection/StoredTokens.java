package io.workspaces.query.projection;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/** The tracking tokens the processors store in {@code token_entry}: the one class that reads that table. */
@Repository
class StoredTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    StoredTokens(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The stored token of every segment of the processor, by segment; read with {@link #deserialize}. */
    List<StoredToken> of(String processor) {
        return jdbc.query("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment",
                (rs, row) -> new StoredToken(rs.getInt(1), rs.getString(2), rs.getString(3)), processor);
    }

    /** The stored token of every segment of every processor, by processor name. */
    java.util.Map<String, List<StoredToken>> all() {
        java.util.Map<String, List<StoredToken>> byProcessor = new java.util.HashMap<>();
        jdbc.query("SELECT processor_name, segment, token, token_type FROM token_entry", rs -> {
            byProcessor.computeIfAbsent(rs.getString(1), name -> new java.util.ArrayList<>())
                    .add(new StoredToken(rs.getInt(2), rs.getString(3), rs.getString(4)));
        });
        return byProcessor;
    }

    /** The token, null where the segment has processed nothing yet. */
    TrackingToken deserialize(StoredToken token) {
        if (token.token() == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token.token(), String.class, token.type(), null));
    }

    record StoredToken(int segment, String token, String type) {
    }
}
