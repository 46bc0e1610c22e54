package io.workspaces.common.web;

import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.common.security.Caller;
import io.workspaces.events.Principal;
import jakarta.servlet.http.HttpServletRequest;

import java.util.HashMap;
import java.util.Map;

/** Who asks, and the request's audit identifiers: becomes the metadata of the command and its events. */
public record RequestContext(Caller caller, String requestId, String correlationId, String clientAddress) {

    /** {@code caller}'s context for {@code request}: its id and correlation id (RequestIdFilter), its client's address. */
    public static RequestContext of(Caller caller, HttpServletRequest request) {
        return new RequestContext(caller, RequestIdFilter.requestId(request), RequestIdFilter.correlationId(request),
                request.getRemoteAddr());
    }

    public Principal actor() {
        return caller.principal();
    }

    public Map<String, Object> metaData() {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(EventMetadata.ACTOR, actor().value());
        if (!caller.platformRoles().isEmpty()) {
            metaData.put(EventMetadata.PLATFORM_ROLES, caller.platformRoleNames());
        }
        metaData.put(EventMetadata.REQUEST_ID, requestId);
        metaData.put(EventMetadata.CORRELATION_ID, correlationId);
        if (clientAddress != null) {
            metaData.put(EventMetadata.CLIENT_ADDRESS, clientAddress);
        }
        return metaData;
    }
}
