package io.workspaces.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop phase: requests are due at a fixed rate whatever the answers do, and each latency is counted from
 * when its request was due, not from when a free worker got round to sending it. A service that falls behind
 * therefore shows its queueing in the percentiles instead of quietly lowering the rate (coordinated omission).
 */
final class RatePhase {

    record Result(String name, double targetPerSecond, long requests, double perSecond, double p50, double p95,
                  double p99, double max, long errors, long late, Usage.PerRequest usage) {
    }

    private RatePhase() {
    }

    /**
     * Sends {@code perSecond} requests a second for {@code warmUp} and then {@code duration} from {@code workers}
     * threads (enough to keep the rate while answers take up to workers / rate seconds); only the requests due
     * after the warm-up are timed, as in {@link LoadPhase}, so that the phase's first connections and threads
     * are not counted as the service's latency. {@code usage} may be null.
     */
    static Result run(String name, double perSecond, int workers, Duration warmUp, Duration duration,
                      IntFunction<LoadPhase.Operation> mix, Usage usage) {
        Usage.Reading begin = usage == null ? null : usage.read();
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long interval = (long) (1e9 / perSecond);
        long total = (long) ((warmUp.toNanos() + duration.toNanos()) / 1e9 * perSecond);
        long start = System.nanoTime() + 100_000_000L;
        long measureFrom = start + warmUp.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            int id = worker;
            LoadPhase.Operation operation = mix.apply(id);
            Thread thread = new Thread(() -> {
                for (long request = next.getAndIncrement(); request < total; request = next.getAndIncrement()) {
                    long due = start + request * interval;
                    long wait = due - System.nanoTime();
                    boolean measured = due >= measureFrom;
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else if (wait < -interval && measured) {
                        late.incrementAndGet();
                    }
                    boolean succeeded = LoadPhase.succeeded(operation, id, request);
                    if (measured && succeeded) {
                        latencies.add(System.nanoTime() - due);
                    } else if (measured) {
                        errors.incrementAndGet();
                    }
                }
            }, name + "-" + id);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = Math.max(duration.toNanos(), System.nanoTime() - measureFrom) / 1e9;
        Usage.PerRequest cost = usage == null ? null : usage.since(begin, total);
        return new Result(name, perSecond, latencies.count(), latencies.count() / seconds, latencies.percentile(50),
                latencies.percentile(95), latencies.percentile(99), latencies.percentile(100), errors.get(), late.get(),
                cost);
    }
}
