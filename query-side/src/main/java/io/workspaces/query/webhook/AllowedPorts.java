package io.workspaces.query.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The ports webhooks may go to ({@code WORKSPACES_WEBHOOK_ALLOWED_PORTS}): single ports and ranges such as 8000-8999. */
record AllowedPorts(List<Range> ranges) {

    static final String SETTING = "workspaces.webhooks.allowed-ports (WORKSPACES_WEBHOOK_ALLOWED_PORTS)";

    record Range(int from, int to) {
        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    static AllowedPorts parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
                throw invalid(entry);
            }
            String[] bounds = entry.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length == 1 ? from : Integer.parseInt(bounds[1]);
            if (from < 1 || to > 65535 || from > to) {
                throw invalid(entry);
            }
            ranges.add(new Range(from, to));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " must allow at least one port, e.g. 80,443");
        }
        return new AllowedPorts(List.copyOf(ranges));
    }

    boolean admits(int port) {
        return ranges.stream().anyMatch(range -> port >= range.from && port <= range.to);
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(", "));
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException(SETTING + ": '" + entry + "' is neither a port (1-65535) nor a range of "
                + "ports such as 8000-8999");
    }
}
