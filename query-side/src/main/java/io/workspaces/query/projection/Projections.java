package io.workspaces.query.projection;

import java.util.List;

/** The names of the projections: each is one streaming processor with its own tokens and read model. */
public final class Projections {

    /** {@code workspace_view}, {@code membership}, {@code workspace_entity}. */
    public static final String WORKSPACES = "workspaces";
    /** {@code workspace_history}. */
    public static final String HISTORY = "history";

    public static final List<String> ALL = List.of(WORKSPACES, HISTORY);

    private Projections() {
    }
}
