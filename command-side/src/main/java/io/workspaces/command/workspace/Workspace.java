package io.workspaces.command.workspace;

import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.common.security.Caller;
import io.workspaces.events.EntityRef;
import io.workspaces.events.EntityRegistered;
import io.workspaces.events.EntityUnregistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.MemberRemoved;
import io.workspaces.events.MemberRoleChanged;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceCreated;
import io.workspaces.events.WorkspaceDeleted;
import io.workspaces.events.WorkspaceDescriptionUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * The workspace aggregate (docs/domain.md): command handlers check who may act, then the rules, and apply events;
 * state changes only in the event sourcing handlers. Every handler answers with the resulting
 * {@link WorkspaceView}. The {@link Caller} comes from the command's metadata.
 *
 * <p>Name uniqueness is a rule across workspaces, so it is not checked here but by
 * {@link WorkspaceCreationGuard} in the same transaction. A deleted workspace is marked deleted, so the
 * repository refuses to load it and every later command on it answers "not found".
 */
@Aggregate(snapshotTriggerDefinition = "workspaceSnapshotTrigger", cache = "workspaceCache")
@Revision("1")
public class Workspace {

    private static final ClassValue<Requires> REQUIREMENTS = new ClassValue<>() {
        @Override
        protected Requires computeValue(Class<?> type) {
            Requires requirement = type.getAnnotation(Requires.class);
            if (requirement == null) {
                throw new IllegalStateException(type.getSimpleName() + " changes a workspace but says nothing of "
                        + "who may make it (@Requires)");
            }
            return requirement;
        }
    };

    @AggregateIdentifier
    private UUID id;
    private String name;
    private String description;
    private boolean builtIn;
    private final Map<String, Role> members = new HashMap<>();
    private final Set<RegisteredEntity> entities = new HashSet<>();
    private long version;
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;
    private String updatedBy;

    protected Workspace() {
        // for Axon: the state is rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public WorkspaceView handle(CreateWorkspace command, Caller caller) {
        if (!caller.mayCreateWorkspaces()) {
            throw new ForbiddenException("creating a workspace needs the workspace-creator or platform-admin role");
        }
        apply(new WorkspaceCreated(command.workspaceId(), command.name().value(), command.description().value(),
                command.builtIn()));
        apply(new MemberAdded(command.workspaceId(), command.creator().value(), Role.ADMIN));
        return view();
    }

    /**
     * Who may make a change, and whether the workspace is still at the version the caller expects, decided
     * here once for every {@link WorkspaceChange} before its handler runs.
     */
    @CommandHandlerInterceptor
    Object authorize(WorkspaceChange change, Caller caller, InterceptorChain chain) throws Exception {
        Requires requirement = REQUIREMENTS.get(change.getClass());
        requireRole(caller, requirement.value(), requirement.to());
        requireVersion(change.expectedVersion());
        return chain.proceed();
    }

    @CommandHandler
    public WorkspaceView handle(UpdateDescription command) {
        String newDescription = command.description().value();
        if (!newDescription.equals(description)) {
            apply(new WorkspaceDescriptionUpdated(id, description, newDescription));
        }
        return view();
    }

    @CommandHandler
    public RoleGranted handle(GrantRole command) {
        String principal = command.principal().value();
        Role current = members.get(principal);
        if (current == null) {
            apply(new MemberAdded(id, principal, command.role()));
            return new RoleGranted(view(), true);
        }
        if (current != command.role()) {
            if (isLastNamedAdmin(principal, current)) {
                throw new LastAdminException(principal);
            }
            apply(new MemberRoleChanged(id, principal, current, command.role()));
        }
        return new RoleGranted(view(), false);
    }

    @CommandHandler
    public WorkspaceView handle(BindEveryone command) {
        if (!members.containsKey(Principal.EVERYONE.value())) {
            apply(new MemberAdded(id, Principal.EVERYONE.value(), command.role()));
        }
        return view();
    }

    @CommandHandler
    public WorkspaceView handle(RemoveMember command) {
        String principal = command.principal().value();
        Role current = requireMember(principal);
        if (isLastNamedAdmin(principal, current)) {
            throw new LastAdminException(principal);
        }
        apply(new MemberRemoved(id, principal, current));
        return view();
    }

    @CommandHandler
    public WorkspaceView handle(RegisterEntity command) {
        EntityRef entity = command.entity();
        if (!entities.contains(new RegisteredEntity(entity.type(), entity.id()))) {
            apply(new EntityRegistered(id, entity.type(), entity.id()));
        }
        return view();
    }

    @CommandHandler
    public WorkspaceView handle(UnregisterEntity command) {
        EntityRef entity = command.entity();
        if (entities.contains(new RegisteredEntity(entity.type(), entity.id()))) {
            apply(new EntityUnregistered(id, entity.type(), entity.id()));
        }
        return view();
    }

    @CommandHandler
    public WorkspaceView handle(DeleteWorkspace command) {
        if (builtIn) {
            throw new BuiltInWorkspaceException(name);
        }
        if (!entities.isEmpty()) {
            throw new WorkspaceNotEmptyException(name, entityCounts());
        }
        apply(new WorkspaceDeleted(id, name, command.reason().value()));
        return view();
    }

    /**
     * Who may do what (docs/domain.md), checked before anything else: a caller who cannot even read the workspace is
     * told it does not exist (404, existence is not leaked); one who can read it but lacks {@code needed}
     * is refused (403). Platform admins may do anything; auditors read everything and change nothing.
     */
    private void requireRole(Caller caller, Role needed, String action) {
        if (caller.isPlatformAdmin()) {
            return;
        }
        Optional<Role> role = roleOf(caller);
        if (role.isEmpty() && !caller.readsEverything()) {
            throw new WorkspaceNotFoundException(id.toString());
        }
        if (role.isEmpty() || !role.get().atLeast(needed)) {
            throw new ForbiddenException("to " + action + " you need the " + needed + " role in workspace '" + name
                    + "'" + role.map(held -> "; you are " + held).orElse(""));
        }
    }

    private Optional<Role> roleOf(Caller caller) {
        return Optional.ofNullable(Role.effective(members.get(caller.principal().value()),
                members.get(Principal.EVERYONE.value())));
    }

    private void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new VersionMismatchException(expectedVersion, version);
        }
    }

    private Role requireMember(String principal) {
        Role role = members.get(principal);
        if (role == null) {
            throw new NotAMemberException(principal);
        }
        return role;
    }

    /**
     * A workspace always keeps one named admin: someone accountable who can manage it. The {@code *} binding
     * never counts as that admin, so it can always be demoted or removed, and never replaces the last one.
     */
    private boolean isLastNamedAdmin(String principal, Role current) {
        if (current != Role.ADMIN || Principal.EVERYONE.value().equals(principal)) {
            return false;
        }
        return members.entrySet().stream()
                .filter(member -> member.getValue() == Role.ADMIN && !Principal.EVERYONE.value().equals(member.getKey()))
                .count() == 1;
    }

    private Map<String, Integer> entityCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        entities.forEach(entity -> counts.merge(entity.type(), 1, Integer::sum));
        return counts;
    }

    /**
     * Timestamps to the millisecond: the precision of the event store's {@code time_stamp}, so an answer given
     * right after a write equals what a later load of the workspace, or the query side, shows.
     */
    private WorkspaceView view() {
        return new WorkspaceView(id, name, description, createdAt.truncatedTo(ChronoUnit.MILLIS), createdBy,
                updatedAt.truncatedTo(ChronoUnit.MILLIS), updatedBy, version, members.size(), entityCounts());
    }

    @EventSourcingHandler
    void on(WorkspaceCreated event, DomainEventMessage<?> message) {
        id = event.workspaceId();
        name = event.name();
        description = event.description();
        builtIn = event.builtIn();
        createdAt = message.getTimestamp();
        createdBy = EventMetadata.actorOf(message);
        recordChange(message);
    }

    @EventSourcingHandler
    void on(WorkspaceDescriptionUpdated event, DomainEventMessage<?> message) {
        description = event.newDescription();
        recordChange(message);
    }

    @EventSourcingHandler
    void on(MemberAdded event, DomainEventMessage<?> message) {
        members.put(event.principal(), event.role());
        recordChange(message);
    }

    @EventSourcingHandler
    void on(MemberRoleChanged event, DomainEventMessage<?> message) {
        members.put(event.principal(), event.newRole());
        recordChange(message);
    }

    @EventSourcingHandler
    void on(MemberRemoved event, DomainEventMessage<?> message) {
        members.remove(event.principal());
        recordChange(message);
    }

    @EventSourcingHandler
    void on(EntityRegistered event, DomainEventMessage<?> message) {
        entities.add(new RegisteredEntity(event.entityType(), event.entityId()));
        recordChange(message);
    }

    @EventSourcingHandler
    void on(EntityUnregistered event, DomainEventMessage<?> message) {
        entities.remove(new RegisteredEntity(event.entityType(), event.entityId()));
        recordChange(message);
    }

    @EventSourcingHandler
    void on(WorkspaceDeleted event, DomainEventMessage<?> message) {
        recordChange(message);
        markDeleted();
    }

    /** Stored entities as they were written: no re-validation, so old events always replay. */
    private record RegisteredEntity(String type, String id) {
    }

    private void recordChange(DomainEventMessage<?> message) {
        version = message.getSequenceNumber() + 1;
        updatedAt = message.getTimestamp();
        updatedBy = EventMetadata.actorOf(message);
    }
}
