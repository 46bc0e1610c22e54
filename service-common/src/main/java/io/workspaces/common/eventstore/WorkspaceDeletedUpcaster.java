package io.workspaces.common.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.events.EventTypes;
import io.workspaces.events.WorkspaceDeleted;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * {@code workspace.deleted} revision 1 to 2: adds {@code reason}, empty. Applied whenever a stored event is
 * read (by the aggregate, the projections, a replay); the stored row keeps revision 1.
 */
@Component
class WorkspaceDeletedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = EventTypes.nameOf(WorkspaceDeleted.class).orElseThrow();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("reason", "");
            return payload;
        });
    }
}
