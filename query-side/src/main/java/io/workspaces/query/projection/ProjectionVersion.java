package io.workspaces.query.projection;

import java.util.List;

/**
 * One version of a versioned projection: it writes its own tables, {@code <table>_v<version>}, with a processor of
 * its own (and so its own tokens), while reads go through views of the plain table names over the live version
 * ({@link ProjectionVersions}). Version 1 keeps the processor name the projection had before it had versions, so its
 * tokens carried over.
 *
 * @param projection the projection's name, as reads name it ({@link Projections})
 * @param version    1, 2...; a release that changes what the projection writes adds the next one
 * @param tables     the plain names of its tables: the views reads use
 */
public record ProjectionVersion(String projection, int version, List<String> tables) {

    public ProjectionVersion {
        if (version < 1) {
            throw new IllegalArgumentException("a projection version is 1 or more: " + version);
        }
        tables = List.copyOf(tables);
    }

    /** The name of this version's tracking processor (and of its rows in {@code token_entry}). */
    public String processor() {
        return processor(projection, version);
    }

    public static String processor(String projection, int version) {
        return version == 1 ? projection : projection + "-v" + version;
    }

    /** This version's table behind the view {@code table}. */
    public String table(String table) {
        return table(table, version);
    }

    static String table(String table, int version) {
        return table + "_v" + version;
    }
}
