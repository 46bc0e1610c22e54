package io.workspaces.client.model;

/**
 * The audit chain's verification: {@code status} {@code ok} or {@code broken} (then {@code firstBreak} says
 * where), how many entries were checked, and the head to keep outside the database.
 */
public record ChainReport(String status, long checked, Long headPosition, String headChainValue, Break firstBreak) {

    public record Break(long position, String problem) {
    }

    public boolean ok() {
        return "ok".equals(status);
    }
}
