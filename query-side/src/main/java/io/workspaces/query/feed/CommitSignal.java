package io.workspaces.query.feed;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells this node's readers that a processor has committed new rows, so that they need not wait for their next
 * poll. Only a hint: rows committed by another query node arrive with the readers' regular polling.
 */
public class CommitSignal {

    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);

    private final String resourceKey;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public CommitSignal(String name) {
        this.resourceKey = CommitSignal.class.getName() + "/" + name;
    }

    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    /** Signals once the current unit of work (a processor's batch) has committed; at once outside of one. */
    public void afterCommit() {
        if (!CurrentUnitOfWork.isStarted()) {
            fire();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(resourceKey, key -> {
            unitOfWork.afterCommit(committed -> fire());
            return Boolean.TRUE;
        });
    }

    public void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a commit listener failed: {}", e.getClass().getSimpleName());
            }
        }
    }
}
