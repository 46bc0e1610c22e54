package io.workspaces.query.projection;

import io.workspaces.query.audit.AuditChainWriter;
import io.workspaces.query.support.QueryTestBase;
import io.workspaces.query.workspace.WorkspaceProjection;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors' transactions plan their statements generically, by index; the reads keep planning per call. */
class ProjectionTransactionsTest extends QueryTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyProcessorWithADatabaseTransactionRunsWithGenericPlansIndexScansAndNoJit() {
        Set<String> processors = new TreeSet<>(processing.eventProcessors().keySet());
        // the access index keeps its state in memory and runs without a database transaction
        assertThat(processors.remove("access-index")).isTrue();
        assertThat(processors).contains(Projections.WORKSPACES, Projections.HISTORY, AuditChainWriter.PROCESSOR,
                "feed", "webhook-outbox");
        for (String processor : processors) {
            TransactionManager transactions = processing.transactionManager(processor);
            List<String> settings = transactions.fetchInTransaction(() -> List.of(
                    setting("plan_cache_mode"), setting("enable_seqscan"), setting("jit")));
            assertThat(settings).as(processor).containsExactly("force_generic_plan", "off", "off");
        }
    }

    @Test
    void theSettingsEndWithTheProcessorsTransaction() {
        processing.transactionManager(Projections.WORKSPACES).executeInTransaction(() -> setting("plan_cache_mode"));
        assertThat(setting("plan_cache_mode")).isEqualTo("force_custom_plan");
        assertThat(setting("enable_seqscan")).isEqualTo("on");
    }

    @Test
    void aGenericPlanMadeWhileATableIsSmallStillUsesItsKeysIndex() {
        VersionedSql sql = new VersionedSql(WorkspaceProjection.VERSION);
        // the planner's statistics of a table of a few rows (until analyzed, it assumes ten pages)
        jdbc.execute(sql.of("ANALYZE workspace_view"));
        assertThat(jdbc.queryForObject(sql.of("SELECT relpages FROM pg_class WHERE oid = 'workspace_view'::regclass"),
                Integer.class)).isLessThanOrEqualTo(2);
        String plan = processing.transactionManager(Projections.WORKSPACES).fetchInTransaction(() -> {
            // the statement the workspaces projection moves a workspace's version with (WorkspaceProjection)
            jdbc.execute("PREPARE advance_probe (bigint, uuid, bigint) AS "
                    + sql.of("UPDATE workspace_view SET version = $1 WHERE id = $2 AND version = $3"));
            try {
                return String.join("\n", jdbc.queryForList(
                        "EXPLAIN EXECUTE advance_probe (2, '" + UUID.randomUUID() + "', 1)", String.class));
            } finally {
                jdbc.execute("DEALLOCATE advance_probe");
            }
        });
        assertThat(plan).contains("Index Scan").doesNotContain("Seq Scan");
    }

    private String setting(String name) {
        return jdbc.queryForObject("SELECT current_setting(?)", String.class, name);
    }
}
