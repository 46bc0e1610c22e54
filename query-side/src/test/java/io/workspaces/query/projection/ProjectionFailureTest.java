package io.workspaces.query.projection;

import io.workspaces.query.support.QueryTestBase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A projection that cannot apply an event stops at it and retries until it can: it never skips an event. */
@ExtendWith(OutputCaptureExtension.class)
class ProjectionFailureTest extends QueryTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionProgress progress;

    @Test
    void aFailingEventIsRetriedNotSkippedAndLoggedWithoutSql(CapturedOutput output) {
        String name = uniqueName("poisoned");
        long created = create("alice", name, "healthy").consistencyToken();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.hasPassed(Projections.WORKSPACES, created));
        jdbc.execute("ALTER TABLE workspace_view_v1 ADD CONSTRAINT refuse_poison CHECK (description <> 'poison')");
        try {
            long poison = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"poison\"}"));

            await().atMost(Duration.ofSeconds(30)).until(() -> workspaces().processingStatus().values().stream()
                    .anyMatch(EventTrackerStatus::isErrorState));
            assertThat(progress.hasPassed(Projections.WORKSPACES, poison)).isFalse();
            assertThat(jdbc.queryForObject("SELECT description FROM workspace_view WHERE name = ?", String.class, name))
                    .isEqualTo("healthy");
        } finally {
            jdbc.execute("ALTER TABLE workspace_view_v1 DROP CONSTRAINT refuse_poison");
        }

        long after = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"cured\"}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> progress.hasPassed(Projections.WORKSPACES, after));

        assertThat(jdbc.queryForObject("SELECT version FROM workspace_view WHERE name = ?", Long.class, name))
                .as("the poison event was applied, not skipped").isEqualTo(4);
        assertThat(output.getAll()).contains("projection workspaces failed to apply event")
                .doesNotContain("refuse_poison", "UPDATE workspace_view", "DataIntegrityViolationException:");
    }

    private StreamingEventProcessor workspaces() {
        return processing.eventProcessor(Projections.WORKSPACES, StreamingEventProcessor.class).orElseThrow();
    }
}
