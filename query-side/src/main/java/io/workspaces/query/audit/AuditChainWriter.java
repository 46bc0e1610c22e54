package io.workspaces.query.audit;

import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.events.WorkspaceEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import io.workspaces.query.projection.ProjectionBatches;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chains every stored event, one at a time in a single segment (a single writer): hashes the event row as it
 * is stored in {@code domain_event_entry} and links it to the previous chain value. Never rebuilt (the admin
 * refuses it): recomputing the chain from the store as it is now would bless any change made to it. The events
 * of one processor batch are chained in memory and inserted together ({@link ProjectionBatches}), in the
 * transaction that moves the processor's token.
 *
 * <p>Not {@code @DisallowReplay}: a processor that first starts on a log that already holds events catches up
 * through replay tokens, and every one of those events must be chained too.
 */
@Component
@ProcessingGroup(AuditChainWriter.PROCESSOR)
public class AuditChainWriter {

    public static final String PROCESSOR = "audit-chain";

    private final JdbcTemplate jdbc;
    private final ProjectionBatches batches;

    public AuditChainWriter(JdbcTemplate jdbc, ProjectionBatches batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Notes the event's position; the batch's events are chained together, in this order, when it is written. */
    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message) {
        long position = EventMetadata.positionOf(message).orElseThrow();
        ProjectionBatches.Batch batch = batches.current(PROCESSOR).at(position);
        List<Long> positions = batch.attachment(PROCESSOR, created -> {
            List<Long> inOrder = new ArrayList<>();
            created.beforeWrite(() -> chain(created, inOrder));
            return inOrder;
        });
        positions.add(position);
    }

    /**
     * Links each event of the batch to the chain value before it, reading what it needs in three queries: the
     * positions already chained (a batch replayed over its own rows), the stored rows, and the chain's head.
     */
    private void chain(ProjectionBatches.Batch batch, List<Long> positions) {
        Long[] wanted = positions.toArray(Long[]::new);
        Set<Long> chained = new HashSet<>(jdbc.queryForList(
                "SELECT position FROM audit_chain WHERE position = ANY (?)", Long.class, (Object) wanted));
        Map<Long, String> canonical = new HashMap<>();
        jdbc.query("SELECT " + CanonicalEvent.COLUMNS + " FROM domain_event_entry e WHERE e.global_index = ANY (?)",
                row -> {
                    canonical.put(row.getLong("global_index"), CanonicalEvent.of(row));
                }, (Object) wanted);
        record Head(long sequence, String value) {
        }
        Head head = jdbc.query("SELECT chain_seq, chain_value FROM audit_chain ORDER BY chain_seq DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, CanonicalEvent.GENESIS));
        for (long position : positions) {
            if (!chained.add(position)) {
                continue;
            }
            String event = canonical.get(position);
            if (event == null) {
                throw new IllegalStateException("no stored event at position " + position);
            }
            head = new Head(head.sequence() + 1, CanonicalEvent.chain(head.value(), event));
            batch.update("INSERT INTO audit_chain (chain_seq, position, event_hash, chain_value) VALUES (?, ?, ?, ?)",
                    head.sequence(), position, CanonicalEvent.sha256(event), head.value());
        }
    }
}
