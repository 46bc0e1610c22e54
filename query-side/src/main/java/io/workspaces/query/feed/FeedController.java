package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.util.RawValue;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.security.Caller;
import io.workspaces.common.security.CallerAuthentication;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.RequestContext;
import io.workspaces.query.access.ForbiddenException;
import io.workspaces.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The event feed (docs/downstream.md) for auditors and platform admins: {@code GET /v1/events} pages through every event after
 * a position, {@code GET /v1/events/stream} streams them as Server-Sent Events ({@code id:} is the position, so
 * a reconnecting EventSource resumes with {@code Last-Event-ID}).
 */
@RestController
class FeedController {

    static final String LIMIT = "limit";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final FeedReadModel feed;
    private final FeedCursors cursors;
    private final FeedStreams streams;

    public FeedController(FeedReadModel feed, FeedCursors cursors, FeedStreams streams) {
        this.feed = feed;
        this.cursors = cursors;
        this.streams = streams;
    }

    @Answers(success = "a page of event envelopes; Link: rel=next", problems = {403, 422})
    @Parameter(in = ParameterIn.QUERY, name = "after", description = "the position to continue after (next_after of the previous page; 0: from the start)",
            schema = @Schema(type = "integer"))
    @Parameter(in = ParameterIn.QUERY, name = "limit", description = "events per page",
            schema = @Schema(type = "integer"))
    @GetMapping(path = "/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<FeedPage> page(HttpServletRequest request, RequestContext caller) {
        requireReader(caller.caller());
        QueryParameters parameters = QueryParameters.of(request, Set.of(LIMIT));
        String rawAfter = parameters.get(QueryParameters.AFTER);
        long after = rawAfter == null ? 0 : FeedCursors.parsePosition(rawAfter, QueryParameters.AFTER);
        int limit = parameters.intValue(LIMIT, DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<FeedEntry> entries = feed.after(cursors.after(after, QueryParameters.AFTER), limit + 1);
        boolean hasMore = entries.size() > limit;
        List<FeedEntry> shown = hasMore ? entries.subList(0, limit) : entries;
        long nextAfter = shown.isEmpty() ? after : shown.get(shown.size() - 1).position();
        FeedPage page = new FeedPage(shown.stream().map(entry -> new RawValue(entry.envelope())).toList(), nextAfter,
                hasMore);
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, "</v1/events?after=" + nextAfter + "&limit=" + limit + ">; rel=\"next\"")
                .body(page);
    }

    /**
     * Streams the events after {@code Last-Event-ID} (a reconnect), else after {@code ?after=}, else from now on.
     * The header wins over the parameter: an EventSource reconnects to the URL it started with. The stream ends
     * when the caller's bearer token expires (see {@link FeedStreams}).
     */
    @Answers(success = "Server-Sent Events: id = position, data = envelope; heartbeats; a last event `end` when "
            + "the server ends the stream", problems = {403, 422})
    @Parameter(in = ParameterIn.QUERY, name = "after", description = "start after this position (Last-Event-ID wins over it)",
            schema = @Schema(type = "integer"))
    @GetMapping(path = "/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> stream(HttpServletRequest request, RequestContext caller) {
        requireReader(caller.caller());
        QueryParameters parameters = QueryParameters.of(request, Set.of());
        String lastEventId = request.getHeader(Headers.LAST_EVENT_ID);
        String rawAfter = parameters.get(QueryParameters.AFTER);
        long cursor;
        if (lastEventId != null) {
            cursor = cursors.after(FeedCursors.parsePosition(lastEventId, Headers.LAST_EVENT_ID), Headers.LAST_EVENT_ID);
        } else if (rawAfter != null) {
            cursor = cursors.after(FeedCursors.parsePosition(rawAfter, QueryParameters.AFTER), QueryParameters.AFTER);
        } else {
            cursor = feed.lastSequence();
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // tells nginx-style proxies not to buffer the stream
                .header(Headers.ACCEL_BUFFERING, "no")
                .body(streams.open(caller.actor(), cursor, credentialsExpire()));
    }

    private static Instant credentialsExpire() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication
                ? authentication.expiresAt().orElse(null) : null;
    }

    private static void requireReader(Caller caller) {
        if (!caller.readsEverything()) {
            throw new ForbiddenException("the event feed is for auditors and platform admins");
        }
    }
}
