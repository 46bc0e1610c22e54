package io.workspaces.query.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.events.WorkspaceEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Folds every workspace event into this node's access index. */
@Component
@ProcessingGroup(AccessIndexConfiguration.PROCESSOR)
class AccessIndexUpdater {

    private final AccessIndex index;

    AccessIndexUpdater(AccessIndex index) {
        this.index = index;
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message) {
        index.apply(event, message.getSequenceNumber());
    }
}
