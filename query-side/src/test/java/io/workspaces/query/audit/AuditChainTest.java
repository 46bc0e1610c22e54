package io.workspaces.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.projection.ProjectionProgress;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changing the event store behind the service's back is caught by verify, at the exact position changed.
 * Every test puts the store back as it was, so the chain verifies again afterwards.
 */
class AuditChainTest extends QueryTestBase {

    @Autowired
    ProjectionProgress progress;

    @Test
    void anUntouchedStoreVerifiesAndKeyOrderOrSpacingOfTheStoredJsonDoesNotMatter() {
        long position = chainedEvent();
        assertVerified();

        Map<String, Object> row = jdbc.queryForMap("SELECT payload FROM domain_event_entry WHERE global_index = ?", position);
        String original = (String) row.get("payload");
        String respaced = jdbc.queryForObject("SELECT jsonb_pretty(payload::jsonb) FROM domain_event_entry "
                + "WHERE global_index = ?", String.class, position);
        try {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", respaced, position);
            assertVerified();
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, position);
        }
    }

    @Test
    void anEditedPayloadBreaksTheChainAtExactlyThatPosition() {
        long position = chainedEvent();
        String original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                String.class, position);
        try {
            jdbc.update("UPDATE domain_event_entry SET payload = jsonb_set(payload::jsonb, '{new_description}', "
                    + "'\"rewritten history\"')::text WHERE global_index = ?", position);

            JsonNode report = verify();
            assertThat(report.path("status").asText()).isEqualTo("broken");
            assertThat(report.path("first_break").path("position").asLong()).isEqualTo(position);
            assertThat(report.path("first_break").path("problem").asText()).contains("differs from the one chained");
            // the command-line form, straight against the database, agrees
            ChainVerifier.Report offline = VerifyChainCommand.verify(TestDatabase.URL, TestDatabase.USER,
                    TestDatabase.PASSWORD);
            assertThat(offline.status()).isEqualTo("broken");
            assertThat(offline.firstBreak().position()).isEqualTo(position);
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, position);
        }
        assertVerified();
    }

    @Test
    void anEditedActorInTheMetadataBreaksTheChainThere() {
        long position = chainedEvent();
        String original = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE global_index = ?",
                String.class, position);
        try {
            jdbc.update("UPDATE domain_event_entry SET meta_data = jsonb_set(meta_data::jsonb, '{actor}', "
                    + "'\"someone-else\"')::text WHERE global_index = ?", position);
            assertThat(verify().path("first_break").path("position").asLong()).isEqualTo(position);
        } finally {
            jdbc.update("UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?", original, position);
        }
        assertVerified();
    }

    @Test
    void aDeletedEventAndAnAlteredChainValueAreCaughtToo() {
        long position = chainedEvent();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", position);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", position);
        try {
            JsonNode report = verify();
            assertThat(report.path("first_break").path("position").asLong()).isEqualTo(position);
            assertThat(report.path("first_break").path("problem").asText()).contains("no longer in the event store");
        } finally {
            jdbc.update("""
                            INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                                event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    row.get("global_index"), row.get("aggregate_identifier"), row.get("sequence_number"), row.get("type"),
                    row.get("event_identifier"), row.get("meta_data"), row.get("payload"), row.get("payload_revision"),
                    row.get("payload_type"), row.get("time_stamp"));
        }
        assertVerified();

        String chainValue = jdbc.queryForObject("SELECT chain_value FROM audit_chain WHERE position = ?", String.class,
                position);
        jdbc.update("UPDATE audit_chain SET chain_value = ? WHERE position = ?", "f".repeat(64), position);
        try {
            JsonNode report = verify();
            assertThat(report.path("first_break").path("position").asLong()).isEqualTo(position);
            assertThat(report.path("first_break").path("problem").asText()).contains("chain value was altered");
        } finally {
            jdbc.update("UPDATE audit_chain SET chain_value = ? WHERE position = ?", chainValue, position);
        }
        assertVerified();
    }

    @Test
    void anEventSlippedIntoTheStoreBehindTheServicesBackIsReported() {
        chainedEvent();
        jdbc.update("""
                        INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                            event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                        VALUES (-7, 'forged', 0, 'Workspace', 'forged-event', '{}', '{}', '1', 'workspace.created', ?)""",
                Instant.now().minus(Duration.ofHours(1)).toString());
        try {
            JsonNode report = verify();
            assertThat(report.path("status").asText()).isEqualTo("broken");
            assertThat(report.path("first_break").path("position").asLong()).isEqualTo(-7);
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE global_index = -7");
        }
        assertVerified();
    }

    /** Writes one event and waits until the chain holds it; returns its position. */
    private long chainedEvent() {
        String name = uniqueName("chained");
        create("alice", name, "");
        long position = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"original\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.hasPassed(AuditChainWriter.PROCESSOR, position));
        return position;
    }

    private JsonNode verify() {
        return auditor().post("/v1/audit/verify", "{}").send().json();
    }

    private void assertVerified() {
        JsonNode report = verify();
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("ok");
        assertThat(report.path("checked").asLong()).isPositive();
        assertThat(report.path("head_chain_value").asText()).hasSize(64);
    }
}
