package io.workspaces.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Recomputes the audit chain from the event store as it is now and reports the first position where they
 * disagree. Reads both in one pass with a database cursor, so memory stays constant whatever the size.
 */
@Component
class ChainVerifier {

    /** An event this much older than the chain's head but not in it was not written through the service. */
    static final Duration CHAINING_GRACE = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public record Break(long position, String problem) {
    }

    public record Report(String status, long checked, Long headPosition, String headChainValue, Break firstBreak) {
        static Report ok(long checked, Long headPosition, String headChainValue) {
            return new Report("ok", checked, headPosition, headChainValue, null);
        }

        static Report broken(long checked, Long headPosition, String headChainValue, Break firstBreak) {
            return new Report("broken", checked, headPosition, headChainValue, firstBreak);
        }
    }

    public Report verify() {
        return readOnly.execute(status -> {
            Walk walk = new Walk();
            jdbc.query(connection -> {
                var statement = connection.prepareStatement("SELECT c.chain_seq, c.position, c.event_hash, "
                        + "c.chain_value, " + CanonicalEvent.COLUMNS + " FROM audit_chain c "
                        + "LEFT JOIN domain_event_entry e ON e.global_index = c.position ORDER BY c.chain_seq");
                statement.setFetchSize(1000);
                return statement;
            }, walk::step);
            if (walk.firstBreak != null) {
                return Report.broken(walk.checked, walk.headPosition, walk.previous, walk.firstBreak);
            }
            Break unchained = firstUnchainedEvent(walk.headPosition);
            return unchained == null ? Report.ok(walk.checked, walk.headPosition, walk.previous)
                    : Report.broken(walk.checked, walk.headPosition, walk.previous, unchained);
        });
    }

    /** Walks the chain in the order it was written; remembers the first disagreement. */
    private static final class Walk {
        long checked;
        long expectedSequence = 1;
        String previous = CanonicalEvent.GENESIS;
        Long headPosition;
        Break firstBreak;

        void step(ResultSet row) throws SQLException {
            if (firstBreak != null) {
                return;
            }
            long position = row.getLong("position");
            checked++;
            if (row.getLong("chain_seq") != expectedSequence) {
                firstBreak = new Break(position, "the chain has a hole before this entry: chain rows were removed");
                return;
            }
            expectedSequence++;
            if (row.getObject("global_index") == null) {
                firstBreak = new Break(position, "the event at this position is no longer in the event store");
                return;
            }
            String canonical = CanonicalEvent.of(row);
            if (!CanonicalEvent.sha256(canonical).equals(row.getString("event_hash"))) {
                firstBreak = new Break(position, "the stored event differs from the one chained");
                return;
            }
            if (!CanonicalEvent.chain(previous, canonical).equals(row.getString("chain_value"))) {
                firstBreak = new Break(position, "the chain value was altered");
                return;
            }
            previous = row.getString("chain_value");
            headPosition = position;
        }
    }

    private Break firstUnchainedEvent(Long headPosition) {
        if (headPosition == null) {
            return null;
        }
        String cutoff = Instant.now().minus(CHAINING_GRACE).toString();
        List<Long> unchained = jdbc.queryForList("""
                        SELECT e.global_index FROM domain_event_entry e
                        WHERE e.global_index < ? AND e.time_stamp < ?
                          AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.position = e.global_index)
                        ORDER BY e.global_index LIMIT 1""", Long.class, headPosition, cutoff);
        return unchained.isEmpty() ? null
                : new Break(unchained.get(0), "this event is in the store but was never chained: it was added "
                + "behind the service's back");
    }
}
