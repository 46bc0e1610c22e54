package io.workspaces.query.projection;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactions of this node's event processors (projections, audit chain, feed, webhook outbox, broker
 * publisher): the application's transactions, with PostgreSQL's planner set for the processors' statements at
 * their start, for that transaction only ({@code set_config(..., true)}, as {@code SET LOCAL}).
 *
 * <ul>
 *   <li>{@code plan_cache_mode = force_generic_plan}: the query side's connections plan every statement for its
 *       parameters ({@code force_custom_plan} in query-side.yml, for the lists, whose right plan depends on
 *       them). A processor's statements each touch one row by its key, where one plan is right for every
 *       parameter; planning them at every execution took about 40% of the time PostgreSQL spent in them.</li>
 *   <li>{@code enable_seqscan = off}: a generic plan made while a table holds a few rows would scan the table,
 *       and stay cached on that connection while the table grows; with sequential scans off the planner takes
 *       the key's index whatever the size.</li>
 *   <li>{@code jit = off}: with sequential scans off, a statement that can only scan (the webhook subscriptions
 *       an event is matched with) gets a cost above {@code jit_above_cost}, and would be compiled at every
 *       execution.</li>
 * </ul>
 *
 * See docs/performance-log.md, "Generic plans for the processors' statements".
 */
final class ProjectionTransactions implements TransactionManager {

    static final String SETTINGS = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), "
            + "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)";

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;

    ProjectionTransactions(TransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        try {
            jdbc.query(SETTINGS, row -> {
            });
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
