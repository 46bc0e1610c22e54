package io.workspaces.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code workspaces_projection_lag_events}, {@code workspaces_projection_lag_seconds} and
 * {@code workspaces_projection_replay_progress_ratio}, tagged {@code projection} with the name of every streaming
 * processor this node runs (as {@link ProcessorLag} measures them). The processors are found by name at start-up
 * and looked for again every 30 s, so a processor added later gets its gauges too.
 */
@Component
class ProjectionMetrics {

    static final String LAG_EVENTS = "workspaces.projection.lag.events";
    static final String LAG_SECONDS = "workspaces.projection.lag.seconds";
    static final String REPLAY_PROGRESS = "workspaces.projection.replay.progress.ratio";

    private final MeterRegistry registry;
    private final ProcessorLag lag;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    ProjectionMetrics(MeterRegistry registry, ProcessorLag lag) {
        this.registry = registry;
        this.lag = lag;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        registerNew();
    }

    @Scheduled(initialDelay = 30_000, fixedDelay = 30_000)
    void registerNew() {
        for (String processor : lag.processors()) {
            if (registered.add(processor)) {
                Gauge.builder(LAG_EVENTS, lag, l -> l.of(processor).events()).tag("projection", processor)
                        .description("Events in the log that the processor has not processed yet")
                        .register(registry);
                Gauge.builder(LAG_SECONDS, lag, l -> l.of(processor).seconds()).tag("projection", processor)
                        .description("Age of the oldest event the processor has not processed yet (0: at the head)")
                        .register(registry);
                Gauge.builder(REPLAY_PROGRESS, lag, l -> l.of(processor).replayProgress()).tag("projection", processor)
                        .description("Progress of a replay towards the head it started at (1: not replaying)")
                        .register(registry);
            }
        }
    }
}
