package io.taskforge.bench.taskforge;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The REST API as a client sees it, for signing in and A's batches: blocking HTTP/1.1 over pooled
 * keep-alive connections (Apache HttpClient 5, classic), one connection per calling thread. Single
 * submits (B) are made by wrk, whose own cost per call is far below a Java client's.
 *
 * <p>Not java.net.http: its client hands every exchange between the caller, a selector thread and
 * an executor, which cost about as much CPU and latency as the server's handling of a submit.
 */
final class Http implements AutoCloseable {
    private final CloseableHttpClient client;
    private final String bearer;

    /**
     * @param connections the most calls made at once (the calling threads)
     * @param bearer the API key or access token to send; null sends none
     */
    Http(int connections, String bearer) {
        this.bearer = bearer;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                // A benchmark must see failures, not hide them behind retries.
                .disableAutomaticRetries()
                .build();
    }

    /** POSTs {@code json} and returns the answer's body; an answer other than 2xx is an error. */
    String post(String url, String json) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        if (bearer != null) {
            post.setHeader("Authorization", "Bearer " + bearer);
        }
        return client.execute(post, response -> {
            String body;
            try {
                body = EntityUtils.toString(response.getEntity());
            } catch (ParseException e) {
                throw new IOException("POST " + url + ": unreadable answer", e);
            }
            if (response.getCode() / 100 != 2) {
                throw new IOException("POST " + url + " answered " + response.getCode() + ": " + body);
            }
            return body;
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
