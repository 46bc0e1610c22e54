package io.workspaces.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The service's HTTP API as the benchmark uses it: Apache HttpClient's classic (blocking) client over a pool of
 * keep-alive connections. A closed-loop client thread holds one connection for each request and hands it back,
 * so the pool grows to one connection per concurrent client and then reuses them.
 */
final class ServiceClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and its body as text. */
    record Response(int statusCode, String body) {
    }

    private final CloseableHttpClient client;

    ServiceClient() {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(1024)
                .setMaxConnPerRoute(1024)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(30))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                // an idempotent request on a kept-alive connection the server had just closed is sent once more,
                // at once: a pause would show up as latency
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS))
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    /** Sends {@code body} (serialized as JSON unless null) and answers the status and the body. */
    Response send(String method, String url, String token, Object body) {
        ClassicRequestBuilder request = ClassicRequestBuilder.create(method).setUri(url)
                .addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .addHeader(HttpHeaders.ACCEPT, "application/json");
        if (body != null) {
            try {
                request.setEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        try {
            return client.execute(request.build(), response -> new Response(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
