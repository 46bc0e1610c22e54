package io.workspaces.command.eventstore;

import io.workspaces.common.eventstore.EventMetadata;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the audit metadata of a command onto every event it produces, and records the command's message id
 * as the events' causation id.
 */
public class AuditMetadataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(
            EventMetadata.ACTOR, EventMetadata.PLATFORM_ROLES, EventMetadata.REQUEST_ID, EventMetadata.CORRELATION_ID, EventMetadata.CLIENT_ADDRESS);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.put(EventMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
