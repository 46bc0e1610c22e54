package io.workspaces.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessAnswer;
import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.AccessDecision;
import io.workspaces.client.model.AuditFilter;
import io.workspaces.client.model.AuditPage;
import io.workspaces.client.model.ChainReport;
import io.workspaces.client.model.CreateWorkspace;
import io.workspaces.client.model.EntityLocation;
import io.workspaces.client.model.EventEnvelope;
import io.workspaces.client.model.FeedPage;
import io.workspaces.client.model.HistoryEvent;
import io.workspaces.client.model.Member;
import io.workspaces.client.model.MemberFilter;
import io.workspaces.client.model.Membership;
import io.workspaces.client.model.Page;
import io.workspaces.client.model.ProjectionStatus;
import io.workspaces.client.model.RoleGrant;
import io.workspaces.client.model.WebhookDelivery;
import io.workspaces.client.model.WebhookRequest;
import io.workspaces.client.model.WebhookSubscription;
import io.workspaces.client.model.Workspace;
import io.workspaces.client.model.WorkspaceFilter;
import io.workspaces.client.model.AuditEvent;
import io.workspaces.client.model.Written;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The Workspaces API (/v1) of both sides: writes go to the command side, reads to the query side. Thread-safe;
 * build one per application and share it.
 *
 * <h2>Read your writes</h2>
 * Every write answers a consistency token. A {@link #session()} remembers the highest token it has seen (from its
 * writes, and from reads and access checks that report one) and sends it with each later read
 * ({@code X-Consistency-Token}), so that the query side answers only once it reflects those writes. The client
 * itself sends no token: {@code client.after(token)} starts a session at a token received elsewhere.
 *
 * <h2>Retries</h2>
 * A failure is retried, with back-off and jitter ({@link RetryPolicy}), when sending it again cannot do harm:
 * <ul>
 *   <li>a connection that could not be made (refused, connect timeout): always, nothing was sent;</li>
 *   <li>503 (with its {@code Retry-After}): always, the service answers 503 only when the request changed nothing;</li>
 *   <li>a broken connection, a request timeout, 502 or 504: only if the request is safe to send twice: GET, PUT
 *       and DELETE, the read-only POSTs (access check, audit verification), and a create, which always carries an
 *       {@code Idempotency-Key} (so a repeat returns the first answer). PATCH, webhook creation, redelivery and
 *       projection replay are not resent once they may have arrived;</li>
 *   <li>never on another 4xx or 5xx answer.</li>
 * </ul>
 * A resent PUT or DELETE with an If-Match may answer 412 (the first attempt changed the version), a resent DELETE
 * 404: then the first attempt did arrive, and the change was made.
 */
public final class WorkspacesClient {

    static final String DEFAULT_COMMAND_URL = "http://127.0.0.1:8081";
    static final String DEFAULT_QUERY_URL = "http://127.0.0.1:8082";
    private static final long NO_TOKEN = -1;

    private final Http http;
    /** The session's highest consistency token, or null for the client itself (it remembers none). */
    private final AtomicLong consistency;

    private WorkspacesClient(Http http, AtomicLong consistency) {
        this.http = http;
        this.consistency = consistency;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A session over this client's connections that carries the consistency token of its writes into its reads. */
    public WorkspacesClient session() {
        return new WorkspacesClient(http, new AtomicLong(NO_TOKEN));
    }

    /** The client itself, without a session's token, over the same connections. */
    WorkspacesClient withoutSession() {
        return consistency == null ? this : new WorkspacesClient(http, null);
    }

    /** A session whose reads wait for {@code consistencyToken} (e.g. a write's token received from elsewhere). */
    public WorkspacesClient after(long consistencyToken) {
        if (consistencyToken < 0) {
            throw new IllegalArgumentException("a consistency token is a position >= 0");
        }
        return new WorkspacesClient(http, new AtomicLong(consistencyToken));
    }

    /** The highest token this session has seen (empty for the client itself, or before any write). */
    public OptionalLong consistencyToken() {
        long token = consistency == null ? NO_TOKEN : consistency.get();
        return token == NO_TOKEN ? OptionalLong.empty() : OptionalLong.of(token);
    }

    /** The base URL of a side. */
    public String baseUrl(Service service) {
        return http.baseUrl(service);
    }

    // ---- workspaces

    /** Creates a workspace (the caller becomes its admin); the answer is 201, or 200 when replayed by its key. */
    public Written<Workspace> createWorkspace(CreateWorkspace request) {
        String key = request.idempotencyKey() != null ? request.idempotencyKey() : UUID.randomUUID().toString();
        return write(new Http.Call(Service.COMMAND, "POST", "/v1/workspaces").json(request)
                .header("Idempotency-Key", key).resendable(true), Workspace.class);
    }

    public Written<Workspace> createWorkspace(String name, String description) {
        return createWorkspace(CreateWorkspace.named(name).description(description));
    }

    /** A workspace by name or id. */
    public Workspace getWorkspace(String ref) {
        return getWorkspace(ref, null);
    }

    /** The workspace as it was at {@code asOf} (null: now), rebuilt from its events. */
    public Workspace getWorkspace(String ref, Instant asOf) {
        return read(new Http.Call(Service.QUERY, "GET", "/v1/workspaces/" + Http.segment(ref)).query("as_of", asOf),
                Workspace.class);
    }

    /** The workspaces the caller can read. */
    public Pages<Workspace> listWorkspaces(WorkspaceFilter filter) {
        return pages(Workspace.class, (page, size) -> new Http.Call(Service.QUERY, "GET", "/v1/workspaces")
                .query("name_prefix", filter.namePrefix()).query("member", filter.member())
                .query("role", filter.role()).query("sort", filter.sort()).query("page", page).query("page_size", size));
    }

    /** Changes the description; {@code ifMatch}: only at this version (null: any). */
    public Written<Workspace> updateDescription(String ref, String description, Long ifMatch) {
        return write(new Http.Call(Service.COMMAND, "PATCH", "/v1/workspaces/" + Http.segment(ref))
                .json(Map.of("description", description)).header("If-Match", etag(ifMatch)), Workspace.class);
    }

    /** Deletes a workspace (its history stays readable); {@code reason} is kept in the history. */
    public Written<Void> deleteWorkspace(String ref, String reason, Long ifMatch) {
        return write(new Http.Call(Service.COMMAND, "DELETE", "/v1/workspaces/" + Http.segment(ref))
                .query("reason", reason).header("If-Match", etag(ifMatch)), Void.class);
    }

    // ---- members

    /** Gives {@code principal} ({@code *}: every authenticated caller) a role: 201 added, 200 role set. */
    public Written<Membership> putMember(String ref, String principal, String role, Long ifMatch) {
        return write(new Http.Call(Service.COMMAND, "PUT", memberPath(ref, principal)).json(Map.of("role", role))
                .header("If-Match", etag(ifMatch)), Membership.class);
    }

    public Written<Void> removeMember(String ref, String principal, Long ifMatch) {
        return write(new Http.Call(Service.COMMAND, "DELETE", memberPath(ref, principal))
                .header("If-Match", etag(ifMatch)), Void.class);
    }

    public Pages<Member> listMembers(String ref, MemberFilter filter) {
        String path = "/v1/workspaces/" + Http.segment(ref) + "/members";
        return pages(Member.class, (page, size) -> new Http.Call(Service.QUERY, "GET", path)
                .query("role", filter.role()).query("sort", filter.sort()).query("as_of", filter.asOf())
                .query("page", page).query("page_size", size));
    }

    /** Where {@code principal} holds a role; {@code includeEveryone}: count {@code *} bindings too. */
    public Pages<RoleGrant> rolesOf(String principal, boolean includeEveryone, String sort) {
        String path = "/v1/principals/" + Http.segment(principal) + "/workspaces";
        return pages(RoleGrant.class, (page, size) -> new Http.Call(Service.QUERY, "GET", path)
                .query("include_everyone", includeEveryone ? null : "false").query("sort", sort)
                .query("page", page).query("page_size", size));
    }

    // ---- entities

    /** Records that an entity of another service belongs to the workspace (idempotent). */
    public Written<Void> registerEntity(String ref, String type, String id, Long ifMatch) {
        return write(new Http.Call(Service.COMMAND, "PUT", entityPath(ref, type, id)).header("If-Match", etag(ifMatch)),
                Void.class);
    }

    public Written<Void> unregisterEntity(String ref, String type, String id, Long ifMatch) {
        return write(new Http.Call(Service.COMMAND, "DELETE", entityPath(ref, type, id))
                .header("If-Match", etag(ifMatch)), Void.class);
    }

    /**
     * The workspace an entity is registered in ({@code GET /v1/entities/{type}/{id}}; 404 when it is registered
     * nowhere the caller can see).
     */
    public EntityLocation locateEntity(String type, String id) {
        JsonNode body = read(new Http.Call(Service.QUERY, "GET", "/v1/entities/" + Http.segment(type) + "/"
                + Http.segment(id)), JsonNode.class);
        JsonNode workspace = body.path("workspace");
        String workspaceId = firstText(body.path("workspace_id"), workspace.path("id"));
        String workspaceName = firstText(body.path("workspace_name"), workspace.path("name"));
        return new EntityLocation(
                firstText(body.path("type"), body.path("entity_type"), body.path("entity").path("type"), type),
                firstText(body.path("id"), body.path("entity_id"), body.path("entity").path("id"), id),
                workspaceId == null ? null : UUID.fromString(workspaceId), workspaceName, firstText(body.path("role")));
    }

    // ---- access checks

    /** Up to 1000 checks in one request; the answers come in the order asked. */
    public AccessAnswer checkAccess(List<AccessCheck> checks) {
        Http.Call call = new Http.Call(Service.QUERY, "POST", "/v1/access/check").json(Map.of("checks", checks))
                .resendable(true);
        AccessAnswer answer = read(call, AccessAnswer.class);
        remember(answer.consistencyToken());
        return answer;
    }

    public AccessDecision checkAccess(AccessCheck check) {
        return checkAccess(List.of(check)).results().get(0);
    }

    /** May {@code principal} do {@code action} in {@code workspace} (id or name)? Unknown workspaces: false. */
    public boolean isAllowed(String principal, String workspace, AccessAction action) {
        return checkAccess(AccessCheck.workspace(principal, workspace, action)).allowed();
    }

    // ---- history, audit, feed

    /** Every event of a workspace, oldest first (its admins, auditors and platform admins). */
    public Pages<HistoryEvent> history(String ref) {
        String path = "/v1/workspaces/" + Http.segment(ref) + "/history";
        return pages(HistoryEvent.class, (page, size) -> new Http.Call(Service.QUERY, "GET", path)
                .query("page", page).query("page_size", size));
    }

    /** One page of the audit stream ({@code limit} 1-1000, null: 100). */
    public AuditPage auditEvents(AuditFilter filter, Integer limit) {
        return read(audit(new Http.Call(Service.QUERY, "GET", "/v1/audit/events"), filter).query("limit", limit),
                AuditPage.class);
    }

    /** Every matching audit event, page after page ({@code next_start_after}). */
    public Stream<AuditEvent> auditEventsAll(AuditFilter filter) {
        Iterator<AuditPage> pages = new Iterator<>() {
            private AuditPage last;

            @Override
            public boolean hasNext() {
                return last == null || last.nextStartAfter() != null;
            }

            @Override
            public AuditPage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = auditEvents(last == null ? filter : filter.startAfter(last.nextStartAfter()), 1000);
                return last;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
                .flatMap(page -> page.data().stream());
    }

    /** Starts an audit export (NDJSON, constant memory); close it when done. */
    public AuditExport exportAudit(AuditFilter filter) {
        Http.Answer<InputStream> answer = stream(audit(new Http.Call(Service.QUERY, "GET", "/v1/audit/export"), filter)
                .accept("application/x-ndjson"));
        Long count = Http.longHeader(answer.headers(), "X-Audit-Event-Count");
        return new AuditExport(answer.body(), count == null ? OptionalLong.empty() : OptionalLong.of(count));
    }

    /** Recomputes the tamper-evident chain over the event store. */
    public ChainReport verifyAuditChain() {
        return read(new Http.Call(Service.QUERY, "POST", "/v1/audit/verify").resendable(true), ChainReport.class);
    }

    /** One page of the event feed after position {@code after} (0: from the start); {@code limit} null: default. */
    public FeedPage events(long after, Integer limit) {
        return read(new Http.Call(Service.QUERY, "GET", "/v1/events").query("after", after).query("limit", limit),
                FeedPage.class);
    }

    /** The feed's events after {@code after} up to the end of the log as it is now, page after page. */
    public Stream<EventEnvelope> eventsAfter(long after) {
        Iterator<FeedPage> pages = new Iterator<>() {
            private FeedPage last;

            @Override
            public boolean hasNext() {
                return last == null || last.hasMore();
            }

            @Override
            public FeedPage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = events(last == null ? after : last.nextAfter(), 1000);
                return last;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
                .flatMap(page -> page.data().stream());
    }

    /**
     * The live feed (Server-Sent Events): the events after {@code resumeAfter} (a position, e.g. the last
     * {@link EventStream#lastEventId()}, sent as {@code Last-Event-ID}), or from now on when null.
     */
    public EventStream streamEvents(Long resumeAfter) {
        Http.Call call = new Http.Call(Service.QUERY, "GET", "/v1/events/stream").accept("text/event-stream");
        if (resumeAfter != null) {
            call.header("Last-Event-ID", Long.toString(resumeAfter));
        }
        return new EventStream(stream(call).body(), resumeAfter);
    }

    // ---- webhooks

    /** Creates a subscription; its secret (generated unless given) is in this answer only. */
    public WebhookSubscription createWebhook(WebhookRequest request) {
        return read(new Http.Call(Service.QUERY, "POST", "/v1/webhooks").json(request), WebhookSubscription.class);
    }

    public Pages<WebhookSubscription> listWebhooks(String sort) {
        return pages(WebhookSubscription.class, (page, size) -> new Http.Call(Service.QUERY, "GET", "/v1/webhooks")
                .query("sort", sort).query("page", page).query("page_size", size));
    }

    public WebhookSubscription getWebhook(UUID id) {
        return read(new Http.Call(Service.QUERY, "GET", "/v1/webhooks/" + id), WebhookSubscription.class);
    }

    /** Replaces a subscription; a null secret keeps the current one. */
    public WebhookSubscription replaceWebhook(UUID id, WebhookRequest request) {
        return read(new Http.Call(Service.QUERY, "PUT", "/v1/webhooks/" + id).json(request), WebhookSubscription.class);
    }

    public void deleteWebhook(UUID id) {
        read(new Http.Call(Service.QUERY, "DELETE", "/v1/webhooks/" + id), Void.class);
    }

    /** A subscription's delivery log, newest first; {@code status} keeps one state (null: all). */
    public Pages<WebhookDelivery> deliveries(UUID subscription, String status) {
        String path = "/v1/webhooks/" + subscription + "/deliveries";
        return pages(WebhookDelivery.class, (page, size) -> new Http.Call(Service.QUERY, "GET", path)
                .query("status", status).query("page", page).query("page_size", size));
    }

    /** One delivery with every attempt and the event as sent. */
    public WebhookDelivery delivery(UUID subscription, UUID delivery) {
        return read(new Http.Call(Service.QUERY, "GET", "/v1/webhooks/" + subscription + "/deliveries/" + delivery),
                WebhookDelivery.class);
    }

    /** Sends a delivered or dead-lettered delivery again (409 while it is still pending). */
    public WebhookDelivery redeliver(UUID subscription, UUID delivery) {
        return read(new Http.Call(Service.QUERY, "POST", "/v1/webhooks/" + subscription + "/deliveries/" + delivery
                + "/redeliver"), WebhookDelivery.class);
    }

    // ---- projections

    public List<ProjectionStatus> projections() {
        return Json.read(send(new Http.Call(Service.QUERY, "GET", "/v1/admin/projections")).body(),
                Json.listOf(ProjectionStatus.class));
    }

    public ProjectionStatus projection(String name) {
        return read(new Http.Call(Service.QUERY, "GET", "/v1/admin/projections/" + Http.segment(name)),
                ProjectionStatus.class);
    }

    /** Rebuilds a projection in the background (platform admins); follow it with {@link #projection(String)}. */
    public ProjectionStatus replayProjection(String name) {
        return read(new Http.Call(Service.QUERY, "POST", "/v1/admin/projections/" + Http.segment(name) + "/replay"),
                ProjectionStatus.class);
    }

    // ---- plumbing

    private Http.Answer<String> send(Http.Call call) {
        withToken(call);
        Http.Answer<String> answer = http.send(call);
        remember(Http.longHeader(answer.headers(), Http.CONSISTENCY_HEADER));
        return answer;
    }

    private Http.Answer<InputStream> stream(Http.Call call) {
        withToken(call);
        return http.stream(call);
    }

    private <T> T read(Http.Call call, Class<T> type) {
        String body = send(call).body();
        return type == Void.class || body == null || body.isBlank() ? null : Json.read(body, type);
    }

    private <T> Written<T> write(Http.Call call, Class<T> type) {
        Http.Answer<String> answer = send(call);
        Long token = Http.longHeader(answer.headers(), Http.CONSISTENCY_HEADER);
        T body = type == Void.class || answer.body() == null || answer.body().isBlank() ? null
                : Json.read(answer.body(), type);
        Long version = answer.headers().firstValue("ETag").map(Http::version).orElse(null);
        boolean replayed = answer.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
        return new Written<>(body, token == null ? NO_TOKEN : token, version, answer.status(), replayed);
    }

    private <T> Pages<T> pages(Class<T> item, java.util.function.BiFunction<Integer, Integer, Http.Call> call) {
        return new Pages<>((page, size) -> Json.read(send(call.apply(page, size)).body(), Json.type(Page.class, item)),
                null);
    }

    private void withToken(Http.Call call) {
        if (call.service == Service.QUERY && consistency != null && consistency.get() != NO_TOKEN) {
            call.header(Http.CONSISTENCY_HEADER, Long.toString(consistency.get()));
        }
    }

    private void remember(Long token) {
        if (consistency != null && token != null) {
            consistency.accumulateAndGet(token, Math::max);
        }
    }

    private static Http.Call audit(Http.Call call, AuditFilter filter) {
        return call.query("workspace", filter.workspace()).query("actor", filter.actor()).query("type", filter.type())
                .query("from", filter.from()).query("to", filter.to()).query("start_after", filter.startAfter());
    }

    private static String memberPath(String ref, String principal) {
        return "/v1/workspaces/" + Http.segment(ref) + "/members/" + Http.segment(principal);
    }

    private static String entityPath(String ref, String type, String id) {
        return "/v1/workspaces/" + Http.segment(ref) + "/entities/" + Http.segment(type) + "/" + Http.segment(id);
    }

    private static String etag(Long version) {
        return version == null ? null : "\"" + version + "\"";
    }

    private static String firstText(Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate instanceof JsonNode node && node.isValueNode() && !node.isNull()) {
                return node.asText();
            }
            if (candidate instanceof String text) {
                return text;
            }
        }
        return null;
    }

    /** How to reach the service and how patiently. */
    public static final class Builder {
        private String commandUrl = DEFAULT_COMMAND_URL;
        private String queryUrl = DEFAULT_QUERY_URL;
        private Supplier<String> tokens;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.defaults();
        private String userAgent = "workspaces-java-client";
        private HttpClient httpClient;

        private Builder() {
        }

        /** The command side's base URL (default http://127.0.0.1:8081). */
        public Builder commandUrl(String url) {
            this.commandUrl = baseUrl(url);
            return this;
        }

        /** The query side's base URL (default http://127.0.0.1:8082). */
        public Builder queryUrl(String url) {
            this.queryUrl = baseUrl(url);
            return this;
        }

        /** A fixed bearer token. */
        public Builder token(String token) {
            return tokenSupplier(token == null ? null : () -> token);
        }

        /** Asked for a bearer token on every attempt (e.g. a cache that refreshes it); null answers send none. */
        public Builder tokenSupplier(Supplier<String> supplier) {
            this.tokens = supplier;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long one attempt may take until its answer's headers (streams and exports: no limit). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy);
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = Objects.requireNonNull(value);
            return this;
        }

        /** An HttpClient of your own (then connectTimeout is its business). */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public WorkspacesClient build() {
            HttpClient client = httpClient != null ? httpClient : HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .build();
            return new WorkspacesClient(new Http(client, commandUrl, queryUrl, tokens, requestTimeout, retry, userAgent),
                    null);
        }

        private static String baseUrl(String url) {
            String trimmed = url.trim().replaceAll("/+$", "");
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                    || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) base URL: " + url);
            }
            return trimmed;
        }

        private static Duration positive(Duration timeout, String name) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return timeout;
        }
    }
}
