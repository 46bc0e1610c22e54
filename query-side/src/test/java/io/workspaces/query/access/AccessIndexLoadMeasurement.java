package io.workspaces.query.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.support.RunningServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a query node takes to load its access index at start from a read model holding
 * {@code -Daccess.measure.memberships=N} memberships (50 per workspace, 5 entities per workspace), and the heap the
 * index then holds. A measurement, not part of the regular build: it runs only when that property is given.
 */
@EnabledIfSystemProperty(named = "access.measure.memberships", matches = "\\d+")
class AccessIndexLoadMeasurement {

    private static final String URL = TestDatabase.URL + "_load";

    @Test
    void loadsTheReadModelAtStart() throws InterruptedException {
        int memberships = Integer.parseInt(System.getProperty("access.measure.memberships"));
        int workspaces = memberships / 50;
        ConfigurableApplicationContext commandSide = RunningServices.commandSide(URL, TestDatabase.USER,
                TestDatabase.PASSWORD);
        try {
            RunningServices.querySide(URL, TestDatabase.USER, TestDatabase.PASSWORD).close();
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, TestDatabase.USER,
                    TestDatabase.PASSWORD));
            jdbc.update("""
                    INSERT INTO workspace_view (id, name, description, built_in, created_at, updated_at, version,
                                                last_position, member_count)
                    SELECT md5('w' || w)::uuid, 'ws-' || w, '', false, now(), now(), 56, 0, 50
                    FROM generate_series(1, ?) AS w""", workspaces);
            jdbc.update("""
                    INSERT INTO membership (workspace_id, principal, role, granted_at)
                    SELECT md5('w' || w)::uuid, 'user-' || ((w * 50 + m * 7919) % ?),
                           CASE WHEN m = 0 THEN 'admin' WHEN m % 5 = 0 THEN 'editor' ELSE 'viewer' END, now()
                    FROM generate_series(1, ?) AS w, generate_series(0, 49) AS m
                    ON CONFLICT DO NOTHING""", memberships / 10, workspaces);
            jdbc.update("""
                    INSERT INTO workspace_entity (workspace_id, entity_type, entity_id, registered_at)
                    SELECT md5('w' || w)::uuid, 'dataset', 'd-' || w || '-' || e, now()
                    FROM generate_series(1, ?) AS w, generate_series(1, 5) AS e""", workspaces);
            jdbc.execute("VACUUM ANALYZE");
            long rows = jdbc.queryForObject("SELECT count(*) FROM membership", Long.class);
            long direct = jdbc.queryForObject("SELECT count(*) FROM membership WHERE principal <> '*'", Long.class);

            var memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            long started = System.nanoTime();
            ConfigurableApplicationContext querySide = RunningServices.querySide(URL, TestDatabase.USER,
                    TestDatabase.PASSWORD);
            long startMillis = (System.nanoTime() - started) / 1_000_000;
            try {
                AccessIndexLoader loader = querySide.getBean(AccessIndexLoader.class);
                AccessIndex index = querySide.getBean(AccessIndex.class);
                assertThat(loader.loadedMemberships()).isEqualTo(rows);
                assertThat(index.membershipCount()).isEqualTo(direct);
                System.gc();
                Thread.sleep(200);
                System.gc();
                long after = memory.getHeapMemoryUsage().getUsed();
                System.out.printf("access index load: %d memberships, %d workspaces in %d ms (%d ms of CPU; query side "
                                + "started in %d ms); heap grew %.0f MB with the whole query side%n", rows, workspaces,
                        loader.loadMillis(), loader.loadCpuMillis(), startMillis, (after - before) / 1024.0 / 1024.0);
            } finally {
                querySide.close();
            }
        } finally {
            commandSide.close();
            DatabaseCreator.drop(URL, TestDatabase.USER, TestDatabase.PASSWORD);
        }
    }
}
