package io.workspaces.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * {@code clients} closed-loop clients, each sending its next request as soon as the last one is answered, for a
 * fixed time after a warm-up; measures throughput and latency of the answers that succeeded and, given a
 * {@link Usage}, what every request sent cost.
 */
final class LoadPhase {

    /** One request of a mix: what to send, given the client's number and a counter. */
    interface Operation {
        ServiceClient.Response send(int client, long sequence);
    }

    record Result(String name, int clients, long requests, double perSecond, double p50, double p95, double p99,
                  double max, long errors, Usage.PerRequest usage) {
    }

    private LoadPhase() {
    }

    /** Runs the phase; {@code usage} may be null (nothing read). */
    static Result run(String name, int clients, Duration warmUp, Duration duration, IntFunction<Operation> mix,
                      Usage usage) {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        Usage.Reading begin = usage == null ? null : usage.read();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long until = measureFrom + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            Operation operation = mix.apply(id);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < until) {
                    long started = System.nanoTime();
                    boolean succeeded = succeeded(operation, id, sequence.incrementAndGet());
                    long finished = System.nanoTime();
                    if (started >= measureFrom && finished <= until) {
                        if (succeeded) {
                            latencies.add(finished - started);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
            }, name + "-" + client);
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
        Usage.PerRequest cost = usage == null ? null : usage.since(begin, sequence.get());
        double seconds = duration.toNanos() / 1e9;
        return new Result(name, clients, latencies.count(), latencies.count() / seconds, latencies.percentile(50),
                latencies.percentile(95), latencies.percentile(99), latencies.percentile(100), errors.get(), cost);
    }

    /** Sends one request of a mix; true for a 2xx answer, false for any other answer or none. */
    static boolean succeeded(Operation operation, int client, long sequence) {
        try {
            int status = operation.send(client, sequence).statusCode();
            return status >= 200 && status < 300;
        } catch (RuntimeException failed) {
            return false;
        }
    }
}
