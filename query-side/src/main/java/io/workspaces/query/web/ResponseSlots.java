package io.workspaces.query.web;

import io.workspaces.events.Principal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Bounds responses that hold resources for long (SSE streams, audit exports): at most {@code perNode} at once on
 * this node and {@code perPrincipal} for any one principal, so that one token cannot take them all. A slot is
 * taken before the response starts and given back once when it ends, however it ends.
 */
public final class ResponseSlots {

    /** Which bound a refused request met, and its size. */
    public record Refusal(boolean perPrincipal, int max) {
    }

    private final int perNode;
    private final int perPrincipal;
    private final Map<Principal, Integer> held = new HashMap<>();
    private int total;

    public ResponseSlots(int perNode, int perPrincipal) {
        if (perNode < 1 || perPrincipal < 1) {
            throw new IllegalArgumentException("a response limit must be at least 1");
        }
        this.perNode = perNode;
        this.perPrincipal = perPrincipal;
    }

    /** A slot for {@code principal}, or the exception {@code refused} makes of the bound it met. */
    public synchronized Slot take(Principal principal, Function<Refusal, ? extends RuntimeException> refused) {
        if (held.getOrDefault(principal, 0) >= perPrincipal) {
            throw refused.apply(new Refusal(true, perPrincipal));
        }
        if (total >= perNode) {
            throw refused.apply(new Refusal(false, perNode));
        }
        held.merge(principal, 1, Integer::sum);
        total++;
        return new Slot(principal);
    }

    private synchronized void giveBack(Principal principal) {
        held.computeIfPresent(principal, (key, count) -> count == 1 ? null : count - 1);
        total--;
    }

    /** One taken slot; {@link #release()} may be called any number of times, from any thread. */
    public final class Slot {

        private final Principal principal;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(Principal principal) {
            this.principal = principal;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                giveBack(principal);
            }
        }
    }
}
