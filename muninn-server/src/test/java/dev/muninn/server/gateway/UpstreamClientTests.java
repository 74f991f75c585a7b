package dev.muninn.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.muninn.server.support.ApiTestSupport;

/** Both upstream clients (Apache, the default, and the JDK's) against the mock and the fixture, over real HTTP. */
class UpstreamClientTests extends ApiTestSupport {

    private static final String[] HEADERS = {"Content-Type", "application/json"};
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static FixtureUpstream fixture;

    @BeforeAll
    static void startFixture() throws Exception {
        fixture = new FixtureUpstream();
    }

    @AfterAll
    static void stopFixture() {
        fixture.close();
    }

    static List<String> clients() {
        return List.of("socket", "apache", "jdk");
    }

    private static UpstreamClient client(String kind) {
        return switch (kind) {
            case "jdk" -> new JdkUpstreamClient(Duration.ofSeconds(2));
            case "apache" -> new ApacheUpstreamClient(Duration.ofSeconds(2));
            default -> new SocketUpstreamClient(Duration.ofSeconds(2));
        };
    }

    private URI mock() {
        return URI.create("http://localhost:" + port + "/mock_llm/v1/chat/completions");
    }

    private static byte[] body(String text, boolean stream) {
        return ("{\"model\":\"mock\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void postsAndReturnsTheAnswerAsReceived(String kind) {
        UpstreamClient client = client(kind);

        UpstreamClient.Answer answer = client.post(mock(), HEADERS, body("Hi", false), TIMEOUT);
        UpstreamClient.Answer failed = client.post(mock(), HEADERS, body("/fail 503", false), TIMEOUT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("Mock reply to: Hi");
        assertThat(failed.status()).isEqualTo(503);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void opensAStreamAndReadsItToTheEnd(String kind) throws Exception {
        UpstreamClient client = client(kind);

        String events;
        try (UpstreamClient.OpenAnswer answer = client.open(mock(), HEADERS, body("Stream", true), TIMEOUT)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("text/event-stream");
            events = new String(answer.body().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(events).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
    }

    @ParameterizedTest
    @MethodSource("clients")
    void closingAStreamEarlyClosesTheUpstreamConnection(String kind) throws Exception {
        FixtureUpstream own = new FixtureUpstream();
        try (own) {
            UpstreamClient client = client(kind);
            UpstreamClient.OpenAnswer answer = client.open(URI.create(own.baseUrl() + "/slow/v1/chat/completions"), HEADERS,
                    body("go", true), TIMEOUT);
            InputStream in = answer.body();
            assertThat(in.read(new byte[64])).isPositive();

            answer.close();

            assertThat(own.slowStreamAbandoned.await(8, TimeUnit.SECONDS)).as("the upstream saw its reader leave").isTrue();
        }
    }

    /** A server that answers one request per connection and then closes it without saying so. */
    @ParameterizedTest
    @MethodSource("clients")
    void aKeptAliveConnectionClosedByTheServerIsNotAFailure(String kind) throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                for (int i = 0; i < 3 && !server.isClosed(); i++) {
                    try (java.net.Socket socket = server.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                        int length = 0;
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        in.skip(length);
                        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                        Thread.sleep(50); // then close, as an idle timeout would
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            serving.setDaemon(true);
            serving.start();
            UpstreamClient client = client(kind);
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");

            assertThat(client.post(uri, HEADERS, body("one", false), TIMEOUT).status()).isEqualTo(200);
            Thread.sleep(200);
            assertThat(client.post(uri, HEADERS, body("two", false), TIMEOUT).status()).isEqualTo(200);
            serving.interrupt();
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void aRefusedConnectionIsAnUpstreamFailure(String kind) {
        assertThatThrownBy(() -> client(kind).post(URI.create("http://127.0.0.1:1/v1/chat/completions"), HEADERS,
                body("x", false), TIMEOUT))
                .isInstanceOfSatisfying(UpstreamClient.UpstreamFailure.class, e -> assertThat(e.timeout()).isFalse());
    }
}
