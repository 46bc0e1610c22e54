package io.workspaces.command.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.eventstore.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;


/**
 * The rules across workspaces that one aggregate cannot see, checked inside the command's transaction so
 * that they commit or roll back with the events: a name is unique among live workspaces, and a create
 * carrying an Idempotency-Key runs at most once per caller and key.
 */
@Component
class WorkspaceCreationGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final WorkspaceNames names;
    private final CreateIdempotencyKeys idempotencyKeys;
    private final ObjectMapper json;

    public WorkspaceCreationGuard(WorkspaceNames names, CreateIdempotencyKeys idempotencyKeys, ObjectMapper json) {
        this.names = names;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        CommandMessage<?> message = unitOfWork.getMessage();
        Object command = message.getPayload();
        if (command instanceof CreateWorkspace create) {
            return guardCreate(create, message, interceptorChain);
        }
        if (command instanceof DeleteWorkspace delete) {
            Object result = interceptorChain.proceed();
            names.release(delete.workspaceId());
            return result;
        }
        return interceptorChain.proceed();
    }

    private Object guardCreate(CreateWorkspace create, CommandMessage<?> message, InterceptorChain chain)
            throws Exception {
        String key = (String) message.getMetaData().get(EventMetadata.IDEMPOTENCY_KEY);
        String actor = (String) message.getMetaData().get(EventMetadata.ACTOR);
        if (key != null) {
            String fingerprint = (String) message.getMetaData().get(EventMetadata.REQUEST_FINGERPRINT);
            if (!idempotencyKeys.reserve(actor, key, fingerprint, create.workspaceId())) {
                throw new IdempotencyKeyInUseException();
            }
        }
        // after the handler, so that a caller who may not create at all hears 403, not "name taken"
        Object result = chain.proceed();
        if (!names.claim(create.name().value(), create.workspaceId())) {
            throw new NameTakenException(create.name().value());
        }
        if (key != null) {
            idempotencyKeys.rememberResponse(actor, key, toJson(result));
        }
        return result;
    }

    private String toJson(Object result) throws JsonProcessingException {
        return json.writeValueAsString(result);
    }
}
