package io.workspaces.query.audit;

import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.events.WorkspaceEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Chains every stored event, one at a time in a single segment (a single writer): hashes the event row as it
 * is stored in {@code domain_event_entry} and links it to the previous chain value. Never rebuilt (the admin
 * refuses it): recomputing the chain from the store as it is now would bless any change made to it.
 *
 * <p>Not {@code @DisallowReplay}: a processor that first starts on a log that already holds events catches up
 * through replay tokens, and every one of those events must be chained too.
 */
@Component
@ProcessingGroup(AuditChainWriter.PROCESSOR)
public class AuditChainWriter {

    public static final String PROCESSOR = "audit-chain";

    private final JdbcTemplate jdbc;

    public AuditChainWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message) {
        long position = EventMetadata.positionOf(message).orElseThrow();
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM audit_chain WHERE position = ?)",
                Boolean.class, position))) {
            return;
        }
        String canonical = jdbc.queryForObject("SELECT " + CanonicalEvent.COLUMNS
                + " FROM domain_event_entry e WHERE e.global_index = ?", (row, n) -> CanonicalEvent.of(row), position);
        record Head(long sequence, String value) {
        }
        Head head = jdbc.query("SELECT chain_seq, chain_value FROM audit_chain ORDER BY chain_seq DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, CanonicalEvent.GENESIS));
        jdbc.update("INSERT INTO audit_chain (chain_seq, position, event_hash, chain_value) VALUES (?, ?, ?, ?)",
                head.sequence() + 1, position, CanonicalEvent.sha256(canonical),
                CanonicalEvent.chain(head.value(), canonical));
    }
}
