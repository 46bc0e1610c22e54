package io.workspaces.query.audit;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.ReadsYourWrites;
import io.workspaces.common.security.Caller;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.EventTypes;
import io.workspaces.events.Principal;
import io.workspaces.events.WorkspaceName;
import io.workspaces.query.access.ForbiddenException;
import io.workspaces.query.access.WorkspaceNotFoundException;
import io.workspaces.query.asof.AsOfReads;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.web.QueryParameters;
import io.workspaces.query.workspace.WorkspaceReadModel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The compliance API (docs/compliance.md), for auditors and platform admins: the global audit stream with filters and cursor
 * pagination, its NDJSON export streamed in constant memory, and the verification of the tamper-evident chain.
 */
@RestController
@RequestMapping("/v1/audit")
class AuditController {

    public static final String NDJSON = "application/x-ndjson";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final Set<String> FILTERS = Set.of("workspace", "actor", "type", "from", "to", "start_after");
    private static final Set<String> DAY_PARAMETERS = Set.of("workspace", "actor", "type", "from", "to");
    private static final Set<String> PAGE_PARAMETERS = Set.of("workspace", "actor", "type", "from", "to",
            "start_after", "limit");

    private final AuditLog auditLog;
    private final AuditExports exports;
    private final ChainVerifier verifier;
    private final WorkspaceReadModel workspaces;
    private final ReadYourWrites readYourWrites;
    private final AuditMetrics metrics;

    AuditController(AuditLog auditLog, AuditExports exports, ChainVerifier verifier, WorkspaceReadModel workspaces,
                    ReadYourWrites readYourWrites, AuditMetrics metrics) {
        this.auditLog = auditLog;
        this.exports = exports;
        this.verifier = verifier;
        this.workspaces = workspaces;
        this.readYourWrites = readYourWrites;
        this.metrics = metrics;
    }

    /** One page of events after {@code start_after} (a position), oldest first; {@code next_start_after} continues. */
    @Answers(problems = {403, 404, 422})
    @ReadsYourWrites
    @Parameter(in = ParameterIn.QUERY, name = "workspace", description = "id or name (deleted ones too)",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "actor", description = "the principal who acted",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "type", description = "a stable event type, e.g. workspace.member-added",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "from", description = "RFC 3339, inclusive",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(in = ParameterIn.QUERY, name = "to", description = "RFC 3339, exclusive",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(in = ParameterIn.QUERY, name = "start_after", description = "continue after this position (next_start_after of the previous page)",
            schema = @Schema(type = "integer"))
    @Parameter(in = ParameterIn.QUERY, name = "limit", description = "1-1000, default 100",
            schema = @Schema(type = "integer"))
    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public AuditPage events(HttpServletRequest request, RequestContext caller) {
        requireAuditor(caller.caller());
        QueryParameters parameters = QueryParameters.of(request, PAGE_PARAMETERS);
        int limit = parameters.intValue("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long startAfter = startAfter(parameters);
        readYourWrites.await(request, Projections.HISTORY, Projections.WORKSPACES);
        AuditFilter filter = filter(parameters);
        List<AuditEntry> entries = auditLog.page(filter, startAfter, limit);
        Long next = entries.size() == limit ? entries.get(entries.size() - 1).position() : null;
        return new AuditPage(entries, next);
    }

    /** The same stream as NDJSON, when asked for with {@code Accept: application/x-ndjson}. */
    @Answers(problems = {403, 404, 422})
    @ReadsYourWrites
    @GetMapping(path = "/events", produces = NDJSON)
    public ResponseEntity<StreamingResponseBody> eventsAsNdjson(HttpServletRequest request, RequestContext caller) {
        return export(request, caller);
    }

    /**
     * Every event matching the filters as NDJSON, one object per line, streamed: memory stays constant
     * whatever the size. {@value Headers#AUDIT_EVENT_COUNT} announces how many lines to expect, for progress displays.
     * Exports are limited per node and per caller (503 with Retry-After beyond, see {@link AuditExports}).
     */
    @Answers(success = "NDJSON, one event per line; X-Audit-Event-Count: how many", problems = {403, 404, 422})
    @ReadsYourWrites
    @Parameter(in = ParameterIn.QUERY, name = "workspace", description = "id or name (deleted ones too)",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "actor", description = "the principal who acted",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "type", description = "a stable event type, e.g. workspace.member-added",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "from", description = "RFC 3339, inclusive",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(in = ParameterIn.QUERY, name = "to", description = "RFC 3339, exclusive",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(in = ParameterIn.QUERY, name = "start_after", description = "continue after this position (next_start_after of the previous page)",
            schema = @Schema(type = "integer"))
    @GetMapping(path = "/export", produces = NDJSON)
    public ResponseEntity<StreamingResponseBody> export(HttpServletRequest request, RequestContext caller) {
        requireAuditor(caller.caller());
        QueryParameters parameters = QueryParameters.of(request, FILTERS);
        long startAfter = startAfter(parameters);
        readYourWrites.await(request, Projections.HISTORY, Projections.WORKSPACES);
        AuditFilter filter = filter(parameters);
        AuditExports.Export export = exports.start(caller.actor(), request, filter, startAfter);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(NDJSON))
                .header(Headers.AUDIT_EVENT_COUNT, Long.toString(export.count()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"workspaces-audit.ndjson\"")
                .body(export.body());
    }

    /**
     * How many events matching the filters each UTC day holds, oldest first (days without events left out), and
     * their total: what the console's chart draws, counted by the database whatever the number of events.
     */
    @Answers(problems = {403, 404, 422})
    @ReadsYourWrites
    @Parameter(in = ParameterIn.QUERY, name = "workspace", description = "id or name (deleted ones too)",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "actor", description = "the principal who acted",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "type", description = "a stable event type, e.g. workspace.member-added",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "from", description = "RFC 3339, inclusive",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(in = ParameterIn.QUERY, name = "to", description = "RFC 3339, exclusive",
            schema = @Schema(type = "string", format = "date-time"))
    @GetMapping(path = "/events-per-day", produces = MediaType.APPLICATION_JSON_VALUE)
    public EventsPerDay eventsPerDay(HttpServletRequest request, RequestContext caller) {
        requireAuditor(caller.caller());
        QueryParameters parameters = QueryParameters.of(request, DAY_PARAMETERS);
        readYourWrites.await(request, Projections.HISTORY, Projections.WORKSPACES);
        List<AuditLog.DayCount> days = auditLog.countPerDay(filter(parameters));
        return new EventsPerDay(days, days.stream().mapToLong(AuditLog.DayCount::events).sum());
    }

    public record EventsPerDay(List<AuditLog.DayCount> days, long total) {
    }

    /** Recomputes the tamper-evident chain against the event store: ok, or the first position that differs. */
    @Answers(success = "the report: status ok, or broken with the first position that differs", problems = 403)
    @PostMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    public ChainVerifier.Report verify(RequestContext caller) {
        requireAuditor(caller.caller());
        ChainVerifier.Report report = verifier.verify();
        metrics.verified(report);
        return report;
    }

    public record AuditPage(List<AuditEntry> data, Long nextStartAfter) {
    }

    private AuditFilter filter(QueryParameters parameters) {
        String workspace = parameters.get("workspace");
        String actor = parameters.get("actor");
        String type = parameters.get("type");
        String from = parameters.get("from");
        String to = parameters.get("to");
        new Validation()
                .check("actor", actor == null ? null : Principal.problemWith(actor))
                .check("type", type == null || EventTypes.classOf(type).isPresent() ? null
                        : "must be an event type: " + String.join(", ", EventTypes.all().values()))
                .throwIfInvalid();
        Instant fromInstant = from == null ? null : AsOfReads.parse(from, "from");
        Instant toInstant = to == null ? null : AsOfReads.parse(to, "to");
        new Validation().check("to", fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)
                ? "must be after from" : null).throwIfInvalid();
        // an id filters as it is (an id without events gives an empty stream); a name must resolve
        UUID workspaceId = workspace == null ? null : WorkspaceName.looksLikeUuid(workspace)
                ? UUID.fromString(workspace.toLowerCase(Locale.ROOT))
                : workspaces.resolveAny(workspace).orElseThrow(() -> new WorkspaceNotFoundException(workspace));
        return new AuditFilter(workspaceId, actor, type, fromInstant, toInstant);
    }

    private static long startAfter(QueryParameters parameters) {
        String raw = parameters.get("start_after");
        if (raw == null) {
            return 0;
        }
        new Validation().check("start_after", raw.matches("\\d{1,18}") ? null
                : "must be a position (a non-negative integer) from next_start_after").throwIfInvalid();
        return Long.parseLong(raw);
    }

    private static void requireAuditor(Caller caller) {
        if (!caller.readsEverything()) {
            throw new ForbiddenException("the audit stream is for auditors and platform admins");
        }
    }
}
