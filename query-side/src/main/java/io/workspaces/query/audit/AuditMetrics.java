package io.workspaces.query.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.query.projection.ProcessorLag;
import org.springframework.stereotype.Component;

/**
 * {@code workspaces_audit_chain_lag_events}: events not chained yet (the lag of the {@value AuditChainWriter#PROCESSOR}
 * processor). {@code workspaces_audit_verify_last_status}: the result of the last verification this node ran
 * ({@code POST /v1/audit/verify}): 1 ok, 0 broken, -1 none since the node started; and
 * {@code workspaces_audit_verify_last_timestamp_seconds}: when it ended (Unix time; 0 when none).
 */
@Component
class AuditMetrics {

    private volatile double lastStatus = -1;
    private volatile double lastTime;

    AuditMetrics(MeterRegistry registry, ProcessorLag lag) {
        Gauge.builder("workspaces.audit.chain.lag.events", lag, l -> l.of(AuditChainWriter.PROCESSOR).events())
                .description("Events in the log not yet added to the audit chain")
                .register(registry);
        Gauge.builder("workspaces.audit.verify.last.status", this, metrics -> metrics.lastStatus)
                .description("Last chain verification on this node: 1 ok, 0 broken, -1 none yet")
                .register(registry);
        Gauge.builder("workspaces.audit.verify.last.timestamp.seconds", this, metrics -> metrics.lastTime)
                .description("When the last chain verification on this node ended (Unix time, 0: none yet)")
                .register(registry);
    }

    void verified(ChainVerifier.Report report) {
        lastStatus = "ok".equals(report.status()) ? 1 : 0;
        lastTime = System.currentTimeMillis() / 1000.0;
    }
}
