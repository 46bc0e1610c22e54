package io.workspaces.query.webhook;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one delivery as the Standard Webhooks specification has it: a POST of the envelope with
 * {@code webhook-id} (the event id: the same on every attempt, so receivers can drop duplicates),
 * {@code webhook-timestamp} (this attempt, in Unix seconds) and {@code webhook-signature}. Any 2xx answer is a
 * success; redirects are not followed.
 * <p>
 * Before anything is sent, the {@link WebhookAddressPolicy} judges the URL again, and the request goes to an
 * address it admitted: the connection is made to that {@link InetAddress} (Apache HttpClient's {@link HttpHost}
 * with an address), while the {@code Host} header, TLS SNI and certificate checks keep the URL's host name. The
 * client itself resolves nothing, so DNS cannot answer differently between the check and the connection. What
 * comes back is reduced to a status code and a coarse {@link AttemptFailure}.
 */
@Component
class WebhookSender implements DisposableBean {

    static final String USER_AGENT = "workspaces-webhooks/1";
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final ContentType JSON = ContentType.create("application/json");
    /** A short answer body is read so its connection can be reused; a longer one closes the connection. */
    private static final long MAX_BODY_READ = 64 * 1024;

    private final WebhookAddressPolicy policy;
    private final TaskScheduler scheduler;
    private final Duration requestTimeout;
    private final CloseableHttpClient client;

    WebhookSender(WebhookAddressPolicy policy, WebhookProperties properties,
                  @Qualifier(WebhookConfiguration.SCHEDULER) TaskScheduler scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.requestTimeout = properties.requestTimeout();
        Duration connectTimeout = requestTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? requestTimeout
                : MAX_CONNECT_TIMEOUT;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new NoResolution())
                        .setMaxConnTotal(properties.concurrency())
                        .setMaxConnPerRoute(properties.concurrency())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                // a receiver may close an idle kept-alive connection: check one before reusing it
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .setConnectionRequestTimeout(Timeout.of(requestTimeout))
                        .build())
                .setUserAgent(USER_AGENT)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
    }

    AttemptOutcome send(ClaimedDelivery delivery) {
        Instant attemptedAt = Instant.now();
        WebhookAddressPolicy.Verdict verdict = policy.check(delivery.url());
        if (verdict instanceof WebhookAddressPolicy.Refused refused) {
            return AttemptOutcome.failed(attemptedAt, AttemptFailure.REFUSED_BY_POLICY, refused.detail());
        }
        WebhookAddressPolicy.Admitted admitted = (WebhookAddressPolicy.Admitted) verdict;
        byte[] body = delivery.envelope().getBytes(StandardCharsets.UTF_8);
        long timestamp = attemptedAt.getEpochSecond();
        String signature = WebhookSignature.sign(delivery.secret(), delivery.eventId(), timestamp,
                delivery.envelope());
        Deadline deadline = new Deadline();
        try {
            deadline.start();
            AttemptOutcome outcome = null;
            // every address was admitted; the next is tried only when no connection could be made to one
            for (InetAddress address : admitted.addresses()) {
                HttpPost request = new HttpPost(admitted.target().uri());
                request.setHeader("webhook-id", delivery.eventId());
                request.setHeader("webhook-timestamp", Long.toString(timestamp));
                request.setHeader("webhook-signature", signature);
                request.setEntity(new ByteArrayEntity(body, JSON));
                outcome = attempt(attemptedAt, admitted.target(), address, request, deadline);
                if (outcome != null) {
                    return outcome;
                }
            }
            return AttemptOutcome.failed(attemptedAt, AttemptFailure.UNREACHABLE, "could not connect");
        } finally {
            deadline.cancel();
        }
    }

    /** The outcome of one request to one address; null if no connection could be made to it. */
    private AttemptOutcome attempt(Instant attemptedAt, WebhookUrls.Target target, InetAddress address,
                                   HttpPost request, Deadline deadline) {
        HttpHost pinned = new HttpHost(target.scheme(), address, target.host(), target.port());
        if (!deadline.watch(request)) {
            return timedOut(attemptedAt);
        }
        try (ClassicHttpResponse response = client.executeOpen(pinned, request, null)) {
            int status = response.getCode();
            discardShortBody(response.getEntity());
            return AttemptOutcome.answered(attemptedAt, status);
        } catch (ConnectException | ConnectTimeoutException | NoRouteToHostException e) {
            return deadline.expired() ? timedOut(attemptedAt) : null;
        } catch (SocketTimeoutException e) {
            return timedOut(attemptedAt);
        } catch (UnknownHostException e) {
            return AttemptOutcome.failed(attemptedAt, AttemptFailure.UNREACHABLE, "no address to connect to");
        } catch (SSLException e) {
            return AttemptOutcome.failed(attemptedAt, AttemptFailure.UNREACHABLE, "TLS failed");
        } catch (InterruptedIOException e) {
            if (deadline.expired()) {
                return timedOut(attemptedAt);
            }
            Thread.currentThread().interrupt();
            return AttemptOutcome.failed(attemptedAt, AttemptFailure.INTERRUPTED, "interrupted");
        } catch (IOException | RuntimeException e) {
            // the deadline's cancel can end the request anywhere, even while the pool hands out its connection
            return deadline.expired() ? timedOut(attemptedAt)
                    : AttemptOutcome.failed(attemptedAt, AttemptFailure.UNREACHABLE, "no answer ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private AttemptOutcome timedOut(Instant attemptedAt) {
        return AttemptOutcome.failed(attemptedAt, AttemptFailure.TIMEOUT,
                "no answer within " + requestTimeout.toMillis() + " ms");
    }

    private static void discardShortBody(HttpEntity entity) {
        if (entity == null || entity.getContentLength() < 0 || entity.getContentLength() > MAX_BODY_READ) {
            return;
        }
        try {
            EntityUtils.consume(entity);
        } catch (IOException ignored) {
            // the answer's status is what counts; the connection is discarded
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    /**
     * Ends the attempt's request once the request timeout has passed since it started, however slowly the
     * receiver dribbles its answer (the socket timeout only bounds each wait for a byte).
     */
    private final class Deadline {
        private final AtomicBoolean expired = new AtomicBoolean();
        private final AtomicReference<HttpPost> current = new AtomicReference<>();
        private ScheduledFuture<?> timer;

        void start() {
            try {
                timer = scheduler.schedule(this::expire, Instant.now().plus(requestTimeout));
            } catch (TaskRejectedException stopping) {
                // the node is stopping; the connect and socket timeouts still bound the attempt
            }
        }

        /** Makes {@code request} the one to end at the deadline; false if it has passed already. */
        boolean watch(HttpPost request) {
            current.set(request);
            return !expired.get();
        }

        boolean expired() {
            return expired.get();
        }

        private void expire() {
            expired.set(true);
            HttpPost request = current.get();
            if (request != null) {
                request.cancel();
            }
        }

        void cancel() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /** The connection manager's resolver: never used, since every request names the address to connect to. */
    private static final class NoResolution implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("webhook requests connect to an address the outbound policy admitted");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("webhook requests connect to an address the outbound policy admitted");
        }
    }
}
