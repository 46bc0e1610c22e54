package io.workspaces.command.access;

import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.common.security.Caller;
import io.workspaces.events.PlatformRole;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lets a command handler declare a {@link Caller} parameter: who sent the command, rebuilt from the
 * command's metadata (actor and platform roles), which the REST layer fills from the authenticated request.
 * Registered in {@code META-INF/services}, so the test fixtures resolve it like the application does.
 */
public class CallerParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<Caller> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (!Caller.class.equals(parameters[index].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public Caller resolveParameterValue(Message<?> message) {
                return callerOf(message);
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }

    static Caller callerOf(Message<?> message) {
        String actor = EventMetadata.actorOf(message);
        if (actor == null) {
            throw new IllegalStateException("command " + message.getIdentifier() + " carries no actor");
        }
        List<PlatformRole> roles = new ArrayList<>();
        if (message.getMetaData().get(EventMetadata.PLATFORM_ROLES) instanceof Collection<?> names) {
            names.forEach(name -> PlatformRole.fromWireName(String.valueOf(name)).ifPresent(roles::add));
        }
        return Caller.of(actor, roles);
    }
}
