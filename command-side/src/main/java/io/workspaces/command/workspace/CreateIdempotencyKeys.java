package io.workspaces.command.workspace;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** Idempotency keys of creates ({@code create_idempotency_key}), scoped per caller. */
@Repository
class CreateIdempotencyKeys {

    public record Remembered(String requestFingerprint, UUID workspaceId, String response) {
    }

    private final JdbcTemplate jdbc;

    public CreateIdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves the key in the current transaction; false if another create already holds it. */
    public boolean reserve(String principal, String key, String fingerprint, UUID workspaceId) {
        return jdbc.update("""
                INSERT INTO create_idempotency_key (principal, idempotency_key, request_fingerprint, workspace_id)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", principal, key, fingerprint, workspaceId) == 1;
    }

    public void rememberResponse(String principal, String key, String response) {
        jdbc.update("UPDATE create_idempotency_key SET response = ? WHERE principal = ? AND idempotency_key = ?",
                response, principal, key);
    }

    public Optional<Remembered> find(String principal, String key) {
        return jdbc.query("""
                        SELECT request_fingerprint, workspace_id, response FROM create_idempotency_key
                        WHERE principal = ? AND idempotency_key = ?""",
                (rs, row) -> new Remembered(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)),
                principal, key).stream().findFirst();
    }
}
