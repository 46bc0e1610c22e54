package io.workspaces.client;

/** The two sides of the service: writes go to the command side, reads to the query side. */
public enum Service {
    COMMAND("command side"), QUERY("query side");

    private final String label;

    Service(String label) {
        this.label = label;
    }

    /** "command side" or "query side", for messages. */
    public String label() {
        return label;
    }
}
