package dev.muninn.server.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** Apache HttpClient 5 (classic, blocking: cheap on virtual threads), with a large connection pool. */
final class ApacheUpstreamClient implements UpstreamClient, AutoCloseable {

    private final CloseableHttpClient client;

    ApacheUpstreamClient(Duration connectTimeout) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(1024).setMaxConnPerRoute(512)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                // servers close idle keep-alive connections; check one that sat idle before reusing it
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                // the gateway decides about retries (fallbacks); only a stale connection is retried, below
                .disableAutomaticRetries()
                // redirects are not followed: an LLM API that redirects a POST is misconfigured
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .build();
    }

    /*
     * A kept-alive connection the server closed just before reuse fails with NoHttpResponseException
     * before any answer: the request is sent once more, on a fresh request object and connection,
     * as OkHttp does. Every other failure, and every status (429, 5xx), is the gateway's to handle.
     */

    @Override
    public Answer post(URI uri, String[] headers, byte[] body, Duration timeout) {
        try {
            try {
                return postOnce(uri, headers, body, timeout);
            } catch (NoHttpResponseException stale) {
                return postOnce(uri, headers, body, timeout);
            }
        } catch (IOException e) {
            throw failure(uri, e);
        }
    }

    private Answer postOnce(URI uri, String[] headers, byte[] body, Duration timeout) throws IOException {
        return client.execute(request(uri, headers, body, timeout), response -> {
            HttpEntity entity = response.getEntity();
            return new Answer(response.getCode(), contentType(response),
                    entity == null ? new byte[0] : EntityUtils.toByteArray(entity));
        });
    }

    @Override
    public OpenAnswer open(URI uri, String[] headers, byte[] body, Duration timeout) {
        HttpPost post;
        ClassicHttpResponse response;
        try {
            try {
                post = request(uri, headers, body, timeout);
                response = client.executeOpen(null, post, null);
            } catch (NoHttpResponseException stale) {
                post = request(uri, headers, body, timeout);
                response = client.executeOpen(null, post, null);
            }
        } catch (IOException e) {
            throw failure(uri, e);
        }
        HttpPost sent = post;
        ClassicHttpResponse answered = response;
        String contentType = contentType(answered);
        boolean[] ended = new boolean[1];
        InputStream content;
        try {
            content = answered.getEntity() == null ? InputStream.nullInputStream() : answered.getEntity().getContent();
        } catch (IOException e) {
            sent.cancel();
            throw failure(uri, e);
        }
        InputStream tracked = new FilterInputStream(content) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    ended[0] = true;
                }
                return n;
            }
        };
        return new OpenAnswer() {
            @Override
            public int status() {
                return answered.getCode();
            }

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return answered.getEntity() == null ? 0 : answered.getEntity().getContentLength();
            }

            @Override
            public InputStream body() {
                return tracked;
            }

            @Override
            public void close() {
                if (!ended[0]) {
                    sent.cancel(); // left early: drop the connection so the upstream stops generating
                }
                try {
                    answered.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        };
    }

    private static HttpPost request(URI uri, String[] headers, byte[] body, Duration timeout) {
        HttpPost post = new HttpPost(uri);
        for (int i = 0; i < headers.length; i += 2) {
            post.setHeader(headers[i], headers[i + 1]);
        }
        post.setEntity(new ByteArrayEntity(body, null));
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        return post;
    }

    private static String contentType(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Content-Type");
        return header == null ? null : header.getValue();
    }

    private static UpstreamFailure failure(URI uri, IOException e) {
        String where = uri.getHost() + ":" + uri.getPort();
        if (e instanceof ConnectTimeoutException) {
            return new UpstreamFailure(false, "connect timed out to " + where, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new UpstreamFailure(true, "no response in time from " + where, e);
        }
        if (e instanceof ConnectException) {
            return new UpstreamFailure(false, "connection refused by " + where, e);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new UpstreamFailure(false, "cannot reach " + where + " (" + e.getClass().getSimpleName()
                + (cause.getMessage() != null ? ": " + cause.getMessage() : "") + ")", e);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
