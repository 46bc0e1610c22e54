package io.workspaces.query.webhook;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends one delivery as the Standard Webhooks specification has it: a POST of the envelope with
 * {@code webhook-id} (the event id: the same on every attempt, so receivers can drop duplicates),
 * {@code webhook-timestamp} (this attempt, in Unix seconds) and {@code webhook-signature}. Any 2xx answer is a
 * success; redirects are not followed. What comes back is reduced to a status code and a few words.
 */
@Component
public class WebhookSender {

    public static final String USER_AGENT = "workspaces-webhooks/1";
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final Duration requestTimeout;

    public WebhookSender(WebhookProperties properties) {
        this.requestTimeout = properties.requestTimeout();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(requestTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? requestTimeout : MAX_CONNECT_TIMEOUT)
                .build();
    }

    public AttemptOutcome send(ClaimedDelivery delivery) {
        Instant attemptedAt = Instant.now();
        long timestamp = attemptedAt.getEpochSecond();
        long started = System.nanoTime();
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(requestTimeout)
                    .header("content-type", "application/json")
                    .header("user-agent", USER_AGENT)
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature",
                            WebhookSignature.sign(delivery.secret(), delivery.eventId(), timestamp, delivery.envelope()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.envelope(), StandardCharsets.UTF_8))
                    .build();
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            error = status >= 200 && status < 300 ? null : "answered HTTP " + status;
        } catch (HttpConnectTimeoutException e) {
            error = "could not connect in time";
        } catch (HttpTimeoutException e) {
            error = "no answer within " + requestTimeout.toMillis() + " ms";
        } catch (ConnectException e) {
            error = "connection refused";
        } catch (IOException e) {
            error = "request failed (" + e.getClass().getSimpleName() + ")";
        } catch (IllegalArgumentException e) {
            error = "the URL cannot be requested";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        return new AttemptOutcome(attemptedAt, (System.nanoTime() - started) / 1_000_000, status, error);
    }
}
