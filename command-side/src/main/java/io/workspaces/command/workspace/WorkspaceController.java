package io.workspaces.command.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.command.workspace.CommandDispatcher.Outcome;
import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.InvalidRequestException;
import io.workspaces.common.web.Preconditions;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.Description;
import io.workspaces.events.EntityRef;
import io.workspaces.events.WorkspaceName;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Workspace writes (docs/api.md): create, update the description, delete, register and unregister entities. */
@RestController
@RequestMapping(path = "/v1/workspaces", produces = MediaType.APPLICATION_JSON_VALUE)
class WorkspaceController {

    private static final Pattern SANE_KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final CommandDispatcher dispatcher;
    private final WorkspaceRefs refs;
    private final CreateIdempotencyKeys idempotencyKeys;
    private final ConsistencyTokens tokens;
    private final ObjectMapper json;

    public WorkspaceController(CommandDispatcher dispatcher, WorkspaceRefs refs,
                               CreateIdempotencyKeys idempotencyKeys, ConsistencyTokens tokens, ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.refs = refs;
        this.idempotencyKeys = idempotencyKeys;
        this.tokens = tokens;
        this.json = json;
    }

    @Answers(value = 201, success = "created: the workspace, with Location, ETag and X-Consistency-Token; "
            + "with a repeated Idempotency-Key, the first answer again (Idempotent-Replayed: true)", problems = {403, 409})
    @CommandEndpoint("create_workspace")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<WorkspaceView> create(@RequestBody CreateWorkspaceRequest body,
                                                @RequestHeader(name = Headers.IDEMPOTENCY_KEY, required = false) String key,
                                                RequestContext context) {
        new Validation()
                .check("name", WorkspaceName.problemWith(body.name()))
                .check("description", body.description() == null ? null : Description.problemWith(body.description()))
                .check(Headers.IDEMPOTENCY_KEY, key == null || SANE_KEY.matcher(key).matches() ? null
                        : "must be 1-255 visible ASCII characters")
                .throwIfInvalid();
        String fingerprint = fingerprint(body);
        String actor = context.actor().value();
        if (key != null) {
            Optional<ResponseEntity<WorkspaceView>> replay = replay(actor, key, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        UUID id = UUID.randomUUID();
        CreateWorkspace command = new CreateWorkspace(id, new WorkspaceName(body.name()),
                Description.of(body.description()), context.actor(), false);
        Outcome outcome;
        try {
            outcome = dispatcher.dispatch(command, id, false, context, key == null ? Map.of()
                    : Map.of(EventMetadata.IDEMPOTENCY_KEY, key, EventMetadata.REQUEST_FINGERPRINT, fingerprint));
        } catch (IdempotencyKeyInUseException | NameTakenException lostToConcurrentRetry) {
            if (key != null) {
                Optional<ResponseEntity<WorkspaceView>> replay = replay(actor, key, fingerprint);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            throw lostToConcurrentRetry;
        }
        return created(outcome.workspace(), outcome.consistencyToken()).body(outcome.workspace());
    }

    @Answers(success = "the workspace after the change (no event when the description is unchanged)",
            problems = {403, 404, 409, 412})
    @CommandEndpoint("update_workspace")
    @PatchMapping(path = "/{ref}", consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH})
    public ResponseEntity<WorkspaceView> update(@PathVariable String ref, @RequestBody UpdateWorkspaceRequest body,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                RequestContext context) {
        // an attempt to rename is reported alone: a description it leaves out is not a second mistake
        new Validation()
                .check("name", body.name() == null ? null : "is immutable: workspaces cannot be renamed")
                .check("description", body.name() != null && body.description() == null ? null
                        : Description.problemWith(body.description()))
                .throwIfInvalid();
        Preconditions.Condition condition = Preconditions.ifMatch(ifMatch);
        Outcome outcome = refs.write(ref, id -> CommandDispatcher.underIfMatch(condition,
                expectedVersion -> dispatcher.dispatch(
                        new UpdateDescription(id, new Description(body.description()), expectedVersion),
                        id, expectedVersion != null, context)));
        return WriteResponses.of(HttpStatus.OK, outcome).body(outcome.workspace());
    }

    /** {@code reason} (optional, like a description) is kept in the workspace's history. */
    @Answers(value = 204, success = "deleted", problems = {403, 404, 409, 412, 422})
    @CommandEndpoint("delete_workspace")
    @DeleteMapping("/{ref}")
    public ResponseEntity<Void> delete(@PathVariable String ref,
                                       @RequestParam(name = "reason", required = false) String reason,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       RequestContext context) {
        new Validation().check("reason", reason == null ? null : Description.problemWith(reason)).throwIfInvalid();
        Preconditions.Condition condition = Preconditions.ifMatch(ifMatch);
        Outcome outcome = refs.write(ref, id -> CommandDispatcher.underIfMatch(condition,
                expectedVersion -> dispatcher.dispatch(new DeleteWorkspace(id, Description.of(reason), expectedVersion),
                        id, expectedVersion != null, context)));
        refs.forget(outcome.workspace().name());
        return WriteResponses.noContent(outcome);
    }

    @Answers(value = 204, success = "registered (or already was)", problems = {403, 404, 409, 412, 422})
    @CommandEndpoint("register_entity")
    @PutMapping("/{ref}/entities/{type}/{entityId}")
    public ResponseEntity<Void> registerEntity(@PathVariable String ref, @PathVariable String type,
                                               @PathVariable String entityId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               RequestContext context) {
        EntityRef entity = entity(type, entityId);
        Preconditions.Condition condition = Preconditions.ifMatch(ifMatch);
        return WriteResponses.noContent(refs.write(ref, id -> CommandDispatcher.underIfMatch(condition,
                expectedVersion -> dispatcher.dispatch(new RegisterEntity(id, entity, expectedVersion), id,
                        expectedVersion != null, context))));
    }

    @Answers(value = 204, success = "unregistered (or was not registered)", problems = {403, 404, 409, 412, 422})
    @CommandEndpoint("unregister_entity")
    @DeleteMapping("/{ref}/entities/{type}/{entityId}")
    public ResponseEntity<Void> unregisterEntity(@PathVariable String ref, @PathVariable String type,
                                                 @PathVariable String entityId,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 RequestContext context) {
        EntityRef entity = entity(type, entityId);
        Preconditions.Condition condition = Preconditions.ifMatch(ifMatch);
        return WriteResponses.noContent(refs.write(ref, id -> CommandDispatcher.underIfMatch(condition,
                expectedVersion -> dispatcher.dispatch(new UnregisterEntity(id, entity, expectedVersion), id,
                        expectedVersion != null, context))));
    }

    private static EntityRef entity(String type, String entityId) {
        new Validation()
                .check("type", EntityRef.typeProblem(type))
                .check("id", EntityRef.idProblem(entityId))
                .throwIfInvalid();
        return new EntityRef(type, entityId);
    }

    private Optional<ResponseEntity<WorkspaceView>> replay(String actor, String key, String fingerprint) {
        return idempotencyKeys.find(actor, key).map(remembered -> {
            if (!remembered.requestFingerprint().equals(fingerprint)) {
                throw InvalidRequestException.of(Headers.IDEMPOTENCY_KEY,
                        "was already used for a different request; use a new key");
            }
            WorkspaceView first = read(remembered.response());
            return created(first, tokens.latestFor(first.id()))
                    .header(Headers.IDEMPOTENT_REPLAYED, "true")
                    .body(first);
        });
    }

    private ResponseEntity.BodyBuilder created(WorkspaceView workspace, long consistencyToken) {
        return WriteResponses.of(HttpStatus.CREATED, new Outcome(workspace, consistencyToken))
                .location(java.net.URI.create("/v1/workspaces/" + workspace.id()));
    }

    private WorkspaceView read(String response) {
        try {
            return json.readValue(response, WorkspaceView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
    }

    private static String fingerprint(CreateWorkspaceRequest body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(body.name().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(String.valueOf(body.description()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
