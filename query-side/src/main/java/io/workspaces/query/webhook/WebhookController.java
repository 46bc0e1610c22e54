package io.workspaces.query.webhook;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.Paged;
import io.workspaces.common.openapi.ReadsYourWrites;
import io.workspaces.common.security.Caller;
import io.workspaces.common.web.InvalidRequestException;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.Description;
import io.workspaces.events.EventTypes;
import io.workspaces.query.access.ForbiddenException;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import io.workspaces.query.web.QueryParameters;
import io.workspaces.query.workspace.WorkspaceReadModel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Webhook subscriptions and their delivery logs. Platform admins manage them; auditors may read them too.
 * Secrets are shown only in the answer to the request that set them. A subscription's URL must pass the outbound
 * address policy ({@link WebhookAddressPolicy}).
 */
@RestController
@RequestMapping(path = "/v1/webhooks", produces = "application/json")
class WebhookController {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final List<String> SORTS = List.of("-created_at", "created_at");
    private static final Set<String> LIST_PARAMETERS = Set.of(PageRequest.PAGE, PageRequest.PAGE_SIZE, PageRequest.SORT);
    private static final Set<String> LOG_PARAMETERS = Set.of(PageRequest.PAGE, PageRequest.PAGE_SIZE, PageRequest.SORT,
            "status");

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final WebhookDispatcher dispatcher;
    private final ReadYourWrites readYourWrites;
    private final WorkspaceReadModel workspaces;
    private final WebhookAddressPolicy addressPolicy;

    WebhookController(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookDispatcher dispatcher,
                      ReadYourWrites readYourWrites, WorkspaceReadModel workspaces,
                      WebhookAddressPolicy addressPolicy) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.readYourWrites = readYourWrites;
        this.workspaces = workspaces;
        this.addressPolicy = addressPolicy;
    }

    /**
     * Creates a subscription. A {@code workspace_id} must name a live workspace; a client that has just created
     * it sends the create's consistency token ({@code X-Consistency-Token}) so that this waits until it is known.
     */
    @Answers(value = 201, success = "the subscription, with its secret (shown only here)", problems = {403})
    @ReadsYourWrites
    @PostMapping
    public ResponseEntity<WebhookSubscription> create(@RequestBody SubscriptionRequest body, HttpServletRequest request,
                                                      RequestContext caller) {
        requireManager(caller.caller());
        QueryParameters.of(request, Set.of());
        readYourWrites.await(request, Projections.WORKSPACES);
        validate(body);
        String secret = body.secret() == null ? WebhookSecrets.generate() : body.secret();
        WebhookSubscription created = subscriptions.create(body, secret, caller.actor().value());
        return ResponseEntity.created(URI.create("/v1/webhooks/" + created.id())).body(created.withSecret(secret));
    }

    @Answers(problems = {403, 422})
    @Paged(sorts = {"-created_at", "created_at"})
    @GetMapping
    public Page<WebhookSubscription> list(HttpServletRequest request, RequestContext caller) {
        requireReader(caller.caller());
        PageRequest page = PageRequest.from(QueryParameters.of(request, LIST_PARAMETERS), SORTS, "-created_at");
        return subscriptions.list(page);
    }

    @Answers(problems = {403, 404, 422})
    @GetMapping("/{id}")
    public WebhookSubscription get(@PathVariable String id, HttpServletRequest request, RequestContext caller) {
        requireReader(caller.caller());
        QueryParameters.of(request, Set.of());
        return subscriptions.find(subscriptionId(id)).orElseThrow(() -> noSubscription(id));
    }

    /** Replaces the subscription; a left-out secret keeps the current one. */
    @Answers(problems = {403, 404})
    @ReadsYourWrites
    @PutMapping("/{id}")
    public WebhookSubscription replace(@PathVariable String id, @RequestBody SubscriptionRequest body,
                                       HttpServletRequest request, RequestContext caller) {
        requireManager(caller.caller());
        QueryParameters.of(request, Set.of());
        UUID subscriptionId = subscriptionId(id);
        readYourWrites.await(request, Projections.WORKSPACES);
        validate(body);
        WebhookSubscription replaced = subscriptions.replace(subscriptionId, body, caller.actor().value())
                .orElseThrow(() -> noSubscription(id));
        return body.secret() == null ? replaced : replaced.withSecret(body.secret());
    }

    @Answers(value = 204, problems = {403, 404, 422})
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request, RequestContext caller) {
        requireManager(caller.caller());
        QueryParameters.of(request, Set.of());
        if (!subscriptions.delete(subscriptionId(id))) {
            throw noSubscription(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The delivery log, newest first unless {@code sort=created_at}; {@code status} keeps one state. */
    @Answers(problems = {403, 404, 422})
    @Paged(sorts = {"-created_at", "created_at"})
    @Parameter(in = ParameterIn.QUERY, name = "status", description = "only deliveries in this state",
            schema = @Schema(type = "string"))
    @GetMapping("/{id}/deliveries")
    public Page<WebhookDelivery> deliveries(@PathVariable String id, HttpServletRequest request,
                                            RequestContext caller) {
        requireReader(caller.caller());
        QueryParameters parameters = QueryParameters.of(request, LOG_PARAMETERS);
        PageRequest page = PageRequest.from(parameters, SORTS, "-created_at");
        String statusParameter = parameters.get("status");
        Optional<DeliveryStatus> status = statusParameter == null ? Optional.empty()
                : Optional.of(DeliveryStatus.of(statusParameter).orElseThrow(() ->
                        InvalidRequestException.of("status", "must be one of " + DeliveryStatus.listed())));
        UUID subscriptionId = subscriptionId(id);
        subscriptions.find(subscriptionId).orElseThrow(() -> noSubscription(id));
        return deliveries.list(subscriptionId, status, page);
    }

    @Answers(problems = {403, 404, 422})
    @GetMapping("/{id}/deliveries/{deliveryId}")
    public WebhookDelivery delivery(@PathVariable String id, @PathVariable String deliveryId,
                                    HttpServletRequest request, RequestContext caller) {
        requireReader(caller.caller());
        QueryParameters.of(request, Set.of());
        return deliveries.find(subscriptionId(id), deliveryId(deliveryId)).orElseThrow(() -> noDelivery(deliveryId));
    }

    /** Sends a delivered or dead-lettered delivery again, with a fresh round of attempts. */
    @Answers(value = 202, success = "sent again, with a fresh round of attempts", problems = {403, 404, 409, 422})
    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    public ResponseEntity<WebhookDelivery> redeliver(@PathVariable String id, @PathVariable String deliveryId,
                                                     HttpServletRequest request, RequestContext caller) {
        requireManager(caller.caller());
        QueryParameters.of(request, Set.of());
        UUID subscriptionId = subscriptionId(id);
        UUID delivery = deliveryId(deliveryId);
        boolean redelivered = deliveries.redeliver(subscriptionId, delivery).orElseThrow(() -> noDelivery(deliveryId));
        if (!redelivered) {
            throw new RedeliveryConflictException("delivery " + delivery + " is still pending: it will be attempted "
                    + "on its schedule");
        }
        dispatcher.wake();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(deliveries.find(subscriptionId, delivery).orElseThrow(() -> noDelivery(deliveryId)));
    }

    private void validate(SubscriptionRequest body) {
        Validation validation = new Validation()
                .check("url", addressPolicy.problemWith(body.url()))
                .check("secret", body.secret() == null ? null : WebhookSecrets.problemWith(body.secret()))
                .check("description", body.description() == null ? null : Description.problemWith(body.description()))
                .check("workspace_id", body.workspaceId() == null || isLiveWorkspace(body.workspaceId()) ? null
                        : "names no live workspace");
        if (body.eventTypes() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < body.eventTypes().size(); i++) {
                String type = body.eventTypes().get(i);
                validation.check("event_types[" + i + "]", type == null || EventTypes.classOf(type).isEmpty()
                        ? "must be one of " + String.join(", ", EventTypes.all().values())
                        : seen.add(type) ? null : "is listed twice");
            }
        }
        validation.throwIfInvalid();
    }

    private boolean isLiveWorkspace(UUID id) {
        return workspaces.findLive(id.toString()).isPresent();
    }

    private static UUID subscriptionId(String id) {
        return parse(id).orElseThrow(() -> noSubscription(id));
    }

    private static UUID deliveryId(String id) {
        return parse(id).orElseThrow(() -> noDelivery(id));
    }

    private static Optional<UUID> parse(String id) {
        return UUID_TEXT.matcher(id).matches() ? Optional.of(UUID.fromString(id)) : Optional.empty();
    }

    private static WebhookNotFoundException noSubscription(String id) {
        return new WebhookNotFoundException("no webhook subscription has the id " + id);
    }

    private static WebhookNotFoundException noDelivery(String id) {
        return new WebhookNotFoundException("this subscription has no delivery with the id " + id);
    }

    private static void requireReader(Caller caller) {
        if (!caller.readsEverything()) {
            throw new ForbiddenException("webhook subscriptions are for platform admins (and auditors, to read)");
        }
    }

    private static void requireManager(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw new ForbiddenException("only platform admins manage webhook subscriptions");
        }
    }
}
