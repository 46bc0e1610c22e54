package io.workspaces.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is tried again (see {@link WorkspacesClient} for which requests are).
 * Between attempts the client waits the answer's {@code Retry-After} when it has one (plus up to 20% jitter),
 * otherwise an exponential back-off from {@code initialBackoff}, doubling up to {@code maxBackoff}, with "equal
 * jitter" (half fixed, half random). A {@code Retry-After} longer than {@code maxRetryAfter} is not waited for:
 * the failure is thrown at once, so that the caller decides.
 *
 * @param maxAttempts    attempts in all, the first included (1: no retries)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("back-offs must be >= 0 and maxBackoff >= initialBackoff");
        }
    }

    /** 4 attempts, 200 ms doubling up to 5 s, Retry-After honoured up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    /** The wait before retry number {@code retry} (1 for the first retry), without a Retry-After. */
    Duration backoff(int retry) {
        long cap = maxBackoff.toMillis();
        long base = Math.min(cap, initialBackoff.toMillis() << Math.min(20, retry - 1));
        long half = base / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
    }

    /** The wait for an answer's Retry-After, with up to 20% jitter so that many clients do not return at once. */
    static Duration afterRetryAfter(Duration retryAfter) {
        long millis = retryAfter.toMillis();
        return Duration.ofMillis(millis + (millis < 5 ? 0 : ThreadLocalRandom.current().nextLong(millis / 5 + 1)));
    }
}
