package io.workspaces.query.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A projection version's SQL, written with the plain table names (as reads see them) and run on the version's own
 * tables: {@code UPDATE workspace_view ...} becomes {@code UPDATE workspace_view_v2 ...} for version 2. Each
 * statement is rewritten once and remembered.
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
}
