package io.workspaces.query.projection;

import java.util.Map;
import java.util.function.IntConsumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A projection version's SQL, written with the plain table names (as reads see them) and run on the version's own
 * tables: {@code UPDATE workspace_view ...} becomes {@code UPDATE workspace_view_v2 ...} for version 2. Each
 * statement is rewritten once and remembered. Every versioned projection writes this way ({@link #batch}): its
 * handlers name the views, and each version's statements land in that version's tables, in its processor's batch.
 */
public final class VersionedSql {

    private final ProjectionVersion version;
    private final Pattern tables;
    private final Map<String, String> rewritten = new ConcurrentHashMap<>();

    public VersionedSql(ProjectionVersion version) {
        this.version = version;
        this.tables = Pattern.compile("\\b(" + String.join("|", version.tables()) + ")\\b");
    }

    public String of(String sql) {
        return rewritten.computeIfAbsent(sql, plain -> {
            Matcher matcher = tables.matcher(plain);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(result, Matcher.quoteReplacement(version.table(matcher.group(1))));
            }
            return matcher.appendTail(result).toString();
        });
    }

    public ProjectionVersion version() {
        return version;
    }

    /**
     * The batch this version's processor writes in the current unit of work ({@link ProjectionBatches#current}),
     * taking statements written with the plain table names; {@code position} is the event's, for the batch's log line.
     */
    public Statements batch(ProjectionBatches batches, long position) {
        return new Statements(batches.current(version.processor()).at(position));
    }

    /** Statements of one version's batch: each is rewritten to the version's tables as it is queued. */
    public final class Statements {

        private final ProjectionBatches.Batch batch;

        private Statements(ProjectionBatches.Batch batch) {
            this.batch = batch;
        }

        public void update(String statement, Object... arguments) {
            batch.update(of(statement), arguments);
        }

        public void update(String statement, IntConsumer rowCount, Object... arguments) {
            batch.update(of(statement), rowCount, arguments);
        }
    }
}
