package dev.muninn.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The JDK {@link HttpClient}, HTTP/1.1, one pooled client for every upstream. */
final class JdkUpstreamClient implements UpstreamClient {

    private final HttpClient client;

    JdkUpstreamClient(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // h2c upgrades buy nothing on plain HTTP and some local servers mishandle them
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Answer post(URI uri, String[] headers, byte[] body, Duration timeout) {
        HttpResponse<byte[]> response = send(request(uri, headers, body, timeout), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    @Override
    public OpenAnswer open(URI uri, String[] headers, byte[] body, Duration timeout) {
        HttpResponse<InputStream> response = send(request(uri, headers, body, timeout), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        return new OpenAnswer() {
            @Override
            public int status() {
                return response.statusCode();
            }

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return response.headers().firstValueAsLong("Content-Length").orElse(-1);
            }

            @Override
            public InputStream body() {
                return response.body();
            }

            @Override
            public void close() {
                // Closing before the end aborts the exchange, so the upstream stops generating.
                try {
                    response.body().close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        };
    }

    private static HttpRequest request(URI uri, String[] headers, byte[] body, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpTimeoutException e) {
            boolean connect = e instanceof java.net.http.HttpConnectTimeoutException;
            throw new UpstreamFailure(!connect, (connect ? "connect timed out to " : "no response in time from ")
                    + request.uri().getHost() + ":" + request.uri().getPort(), e);
        } catch (ConnectException e) {
            throw new UpstreamFailure(false, "connection refused by " + request.uri().getHost() + ":" + request.uri().getPort(), e);
        } catch (IOException e) {
            throw new UpstreamFailure(false, "cannot reach " + request.uri().getHost() + ":" + request.uri().getPort()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(false, "interrupted", e);
        }
    }
}
