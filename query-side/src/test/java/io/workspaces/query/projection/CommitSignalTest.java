package io.workspaces.query.projection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The signal is fired by many processor threads at once, and waited on by request threads. */
class CommitSignalTest {

    private static final Duration NEVER = Duration.ofMinutes(10);

    @Test
    void manyThreadsSignalAtOnceWithoutFailing() throws Exception {
        CommitSignal signal = new CommitSignal("test");
        ExecutorService firing = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        signal.fire();
                    }
                }, firing));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            firing.shutdownNow();
        }
    }

    @Test
    void aWaiterWakesOnASignal() throws Exception {
        CommitSignal signal = new CommitSignal("test");
        AtomicBoolean committed = new AtomicBoolean();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() ->
                signal.awaitUntil(committed::get, NEVER, System.nanoTime() + NEVER.toNanos()));

        committed.set(true);
        signal.fire();

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaiterLooksAgainWithoutASignalAndGivesUpAtItsDeadline() {
        CommitSignal signal = new CommitSignal("test");
        AtomicBoolean elsewhere = new AtomicBoolean();
        CompletableFuture.runAsync(() -> elsewhere.set(true));

        assertThat(signal.awaitUntil(elsewhere::get, Duration.ofMillis(10), System.nanoTime() + NEVER.toNanos()))
                .as("progress nobody signals is seen at a re-check").isTrue();
        assertThat(signal.awaitUntil(() -> false, Duration.ofMillis(10), System.nanoTime() + 50_000_000L)).isFalse();
    }
}
