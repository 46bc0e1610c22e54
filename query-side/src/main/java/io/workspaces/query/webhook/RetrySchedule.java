package io.workspaces.query.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is attempted again: after the n-th failed attempt of a round, the n-th wait of the
 * schedule (which grows, by default roughly exponentially), moved at random by up to the jitter fraction either
 * way so that receivers coming back from an outage are not hit by every retry at once. After the last wait's
 * attempt fails too, there is none: the delivery is dead-lettered.
 */
record RetrySchedule(List<Duration> waits, double jitter) {

    public static RetrySchedule of(WebhookProperties properties) {
        return new RetrySchedule(properties.retrySchedule(), properties.retryJitter());
    }

    /** The number of attempts a delivery gets before it is dead-lettered. */
    public int attempts() {
        return waits.size() + 1;
    }

    /** The wait after the {@code failedAttempts}-th failed attempt of a round, or empty when it was the last. */
    public Optional<Duration> waitAfter(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > waits.size()) {
            return Optional.empty();
        }
        long millis = waits.get(failedAttempts - 1).toMillis();
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(millis * factor))));
    }
}
