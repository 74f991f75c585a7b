package dev.muninn.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** The gateway's own HTTP/1.1 client against servers that frame answers in each way HTTP allows, and over TLS. */
class SocketUpstreamClientTests {

    private static final String[] HEADERS = {"Content-Type", "application/json", "Authorization", "Bearer sk-test"};
    private static final byte[] BODY = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A raw HTTP server on loopback: each request's head and body are recorded, the answer comes from {@code answer}. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();

        RawServer(Function<Integer, String> answer) throws Exception {
            this(answer, InetAddress.getLoopbackAddress());
        }

        RawServer(Function<Integer, String> answer, InetAddress address) throws Exception {
            socket = new ServerSocket(0, 50, address);
            Thread accepting = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        connections.incrementAndGet();
                        Thread serving = new Thread(() -> serve(connection, answer));
                        serving.setDaemon(true);
                        serving.start();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();
        }

        private void serve(Socket connection, Function<Integer, String> answer) {
            try (connection) {
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                while (true) {
                    StringBuilder head = new StringBuilder();
                    int length = 0;
                    String line;
                    while (!(line = readLine(in)).isEmpty()) {
                        head.append(line).append('\n');
                        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    requests.add(head + "\n" + body);
                    String reply = answer.apply(requests.size());
                    if (reply == null) {
                        Thread.sleep(10_000); // never answers
                        return;
                    }
                    out.write(reply.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (reply.contains("Connection: close") || !reply.contains("Content-Length")
                            && !reply.contains("chunked")) {
                        return;
                    }
                }
            } catch (Exception e) {
                // the client left
            }
        }

        private static String readLine(InputStream in) throws Exception {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/chat/completions?api-version=1");
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void sendsOneWellFormedRequestAndReusesTheConnection() throws Exception {
        try (RawServer server = new RawServer(n -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"n\":" + n + "}");
                SocketUpstreamClient client = new SocketUpstreamClient(TIMEOUT)) {

            UpstreamClient.Answer first = client.post(server.uri(), HEADERS, BODY, TIMEOUT);
            UpstreamClient.Answer second = client.post(server.uri(), HEADERS, BODY, TIMEOUT);

            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
            assertThat(first.contentType()).isEqualTo("application/json");
            assertThat(server.connections).hasValue(1);
            assertThat(server.requests.get(0)).startsWith("POST /v1/chat/completions?api-version=1 HTTP/1.1\n")
                    .contains("Host: 127.0.0.1:" + server.socket.getLocalPort() + "\n", "Authorization: Bearer sk-test\n",
                            "Content-Length: " + BODY.length + "\n")
                    .endsWith("\n\n{\"model\":\"m\"}");
        }
    }

    @Test
    void readsChunkedAnswersChunkByChunkAndKeepsTheConnection() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "d\r\ndata: first\n\n\r\n" + "e;ext=1\r\ndata: second\n\n\r\n" + "0\r\nX-Trailer: t\r\n\r\n";
        try (RawServer server = new RawServer(n -> chunked); SocketUpstreamClient client = new SocketUpstreamClient(TIMEOUT)) {

            String events;
            try (UpstreamClient.OpenAnswer answer = client.open(server.uri(), HEADERS, BODY, TIMEOUT)) {
                assertThat(answer.contentLength()).isEqualTo(-1);
                events = new String(answer.body().readAllBytes(), StandardCharsets.UTF_8);
            }
            UpstreamClient.Answer again = client.post(server.uri(), HEADERS, BODY, TIMEOUT);

            assertThat(events).isEqualTo("data: first\n\ndata: second\n\n");
            assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("data: first\n\ndata: second\n\n");
            assertThat(server.connections).hasValue(1);
        }
    }

    @Test
    void anAnswerWithoutALengthEndsWithItsConnection() throws Exception {
        try (RawServer server = new RawServer(n -> "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nbusy " + n);
                SocketUpstreamClient client = new SocketUpstreamClient(TIMEOUT)) {

            UpstreamClient.Answer first = client.post(server.uri(), HEADERS, BODY, TIMEOUT);
            UpstreamClient.Answer second = client.post(server.uri(), HEADERS, BODY, TIMEOUT);

            assertThat(first.status()).isEqualTo(503);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("busy 1");
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("busy 2");
            assertThat(server.connections).hasValue(2);
        }
    }

    @Test
    void aSilentUpstreamIsATimeoutAndIsNotSentTheRequestTwice() throws Exception {
        try (RawServer server = new RawServer(n -> null); SocketUpstreamClient client = new SocketUpstreamClient(TIMEOUT)) {

            assertThatThrownBy(() -> client.post(server.uri(), HEADERS, BODY, Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(UpstreamClient.UpstreamFailure.class, e -> {
                        assertThat(e.timeout()).isTrue();
                        assertThat(e.getMessage()).contains("127.0.0.1:" + server.socket.getLocalPort()).doesNotContain("sk-test");
                    });
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void aHeaderValueWithALineBreakIsRefusedWithoutShowingIt() throws Exception {
        try (RawServer server = new RawServer(n -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                SocketUpstreamClient client = new SocketUpstreamClient(TIMEOUT)) {
            String[] smuggling = {"Authorization", "Bearer sk-secret\r\nX-Injected: yes"};

            assertThatThrownBy(() -> client.post(server.uri(), smuggling, BODY, TIMEOUT))
                    .isInstanceOfSatisfying(UpstreamClient.UpstreamFailure.class, e -> assertThat(e.getMessage())
                            .contains("Authorization", "line break").doesNotContain("sk-secret"));
            assertThat(server.requests).isEmpty();
        }
    }

    @Test
    void reachesAnIpv6LiteralWithItsBracketsInTheHostHeader() throws Exception {
        java.net.InetAddress loopback6 = java.net.InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, loopback6)) {
            // bound: this machine has IPv6 loopback
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
        }
        try (RawServer server = new RawServer(n -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", loopback6);
                SocketUpstreamClient client = new SocketUpstreamClient(TIMEOUT)) {
            URI uri = URI.create("http://[::1]:" + server.socket.getLocalPort() + "/v1/chat/completions");

            assertThat(client.post(uri, HEADERS, BODY, TIMEOUT).status()).isEqualTo(200);
            assertThat(server.requests.get(0)).contains("Host: [::1]:" + server.socket.getLocalPort() + "\n");
        }
    }

    @Test
    void speaksTlsAndChecksTheCertificatesHostName(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSignedFor("localhost", dir);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try (SocketUpstreamClient client = new SocketUpstreamClient(TIMEOUT, tls)) {

            UpstreamClient.Answer answer = client.post(URI.create("https://localhost:" + port + "/v1/chat/completions"),
                    HEADERS, BODY, TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            assertThatThrownBy(() -> client.post(URI.create("https://127.0.0.1:" + port + "/v1/chat/completions"),
                    HEADERS, BODY, TIMEOUT))
                    .as("the certificate names localhost, not 127.0.0.1")
                    .isInstanceOf(UpstreamClient.UpstreamFailure.class);
        } finally {
            server.stop(0);
        }
    }

    /** A key pair and self-signed certificate for {@code host} made by the JDK's keytool, trusted by the returned context. */
    private static SSLContext selfSignedFor(String host, Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-dname", "CN=" + host,
                "-ext", "SAN=dns:" + host, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
