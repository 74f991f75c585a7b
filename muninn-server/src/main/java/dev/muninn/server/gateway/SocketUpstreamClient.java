package dev.muninn.server.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 POSTs over pooled blocking sockets (TLS by the JDK, hostname checked), on the
 * request's own thread. It does only what the gateway needs: one write per request, the head
 * parsed once, bodies framed by Content-Length, chunked, or the connection's end. Measured
 * against Apache HttpClient 5 and the JDK client in bench/README.md; both remain selectable.
 */
final class SocketUpstreamClient implements UpstreamClient, AutoCloseable {

    /** Kept-alive connections idle longer than this are closed rather than reused. */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(30).toNanos();
    private static final int MAX_IDLE_PER_ROUTE = 256;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final int connectTimeoutMillis;
    private final SSLContext tls;
    private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();

    SocketUpstreamClient(Duration connectTimeout) {
        this(connectTimeout, defaultTls());
    }

    SocketUpstreamClient(Duration connectTimeout, SSLContext tls) {
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.tls = tls;
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    @Override
    public Answer post(URI uri, String[] headers, byte[] body, Duration timeout) {
        Exchange exchange = exchange(uri, headers, body, timeout);
        try {
            byte[] content = exchange.body.readAllBytes();
            finish(exchange);
            return new Answer(exchange.status, exchange.contentType, content);
        } catch (IOException e) {
            exchange.connection.close();
            throw failure(uri, e);
        }
    }

    @Override
    public OpenAnswer open(URI uri, String[] headers, byte[] body, Duration timeout) {
        Exchange exchange = exchange(uri, headers, body, timeout);
        return new OpenAnswer() {
            @Override
            public int status() {
                return exchange.status;
            }

            @Override
            public String contentType() {
                return exchange.contentType;
            }

            @Override
            public long contentLength() {
                return exchange.contentLength;
            }

            @Override
            public InputStream body() {
                return exchange.body;
            }

            @Override
            public void close() {
                finish(exchange);
            }
        };
    }

    /*
     * A kept-alive connection the server closed just before reuse fails before any answer: the
     * request is sent once more on a fresh connection, as Apache HttpClient and OkHttp do. Every
     * other failure, and every status (429, 5xx), is the gateway's to handle.
     */
    private Exchange exchange(URI uri, String[] headers, byte[] body, Duration timeout) {
        Route route = Route.of(uri);
        byte[] request = request(route, uri, headers, body);
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        while (true) {
            Connection connection = lease(route);
            boolean reused = connection != null;
            if (connection == null) {
                try {
                    connection = connect(route);
                } catch (SocketTimeoutException e) {
                    throw new UpstreamFailure(false, "connect timed out to " + route.hostHeader, e);
                } catch (IOException e) {
                    throw failure(uri, e);
                }
            }
            try {
                connection.timeout(timeoutMillis);
                connection.out.write(request);
                connection.out.flush();
            } catch (IOException e) {
                connection.close();
                if (reused) {
                    continue; // a kept-alive connection the server had closed
                }
                throw failure(uri, e);
            }
            try {
                return new Exchange(connection, connection.readHead());
            } catch (StaleConnection e) {
                connection.close();
                if (reused) {
                    continue;
                }
                throw failure(uri, e);
            } catch (IOException e) {
                connection.close();
                throw failure(uri, e);
            }
        }
    }

    /**
     * Back to the pool when the answer was read to its end on a connection the server keeps;
     * otherwise closed, which also stops an upstream still generating for a reader who left.
     */
    private void finish(Exchange exchange) {
        if (exchange.keepAlive && exchange.body.ended()) {
            release(exchange.connection);
        } else {
            exchange.connection.close();
        }
    }

    private static byte[] request(Route route, URI uri, String[] headers, byte[] body) {
        StringBuilder head = new StringBuilder(256).append("POST ")
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(route.hostHeader).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            if (breaksLine(headers[i]) || breaksLine(headers[i + 1])) {
                // a line break would end the header early and start another: refuse rather than send it
                throw new UpstreamFailure(false, "header '" + headers[i].strip() + "' of " + route.hostHeader
                        + " contains a line break", null);
            }
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static boolean breaksLine(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    private Connection lease(Route route) {
        Deque<Connection> pool = idle.get(route.key);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection connection = pool.pollFirst(); connection != null; connection = pool.pollFirst()) {
            if (now - connection.idleSince < MAX_IDLE_NANOS) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private void release(Connection connection) {
        Deque<Connection> pool = idle.computeIfAbsent(connection.route.key, key -> new ConcurrentLinkedDeque<>());
        if (pool.size() >= MAX_IDLE_PER_ROUTE) {
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        pool.offerFirst(connection); // the most recently used first: it is the least likely to have been closed
    }

    private Connection connect(Route route) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(route.host, route.port), connectTimeoutMillis);
            if (route.tls) {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, route.host, route.port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.setSoTimeout(connectTimeoutMillis);
                secure.startHandshake();
                socket = secure;
            }
            return new Connection(route, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static UpstreamFailure failure(URI uri, IOException e) {
        String where = uri.getHost() + ":" + Route.port(uri);
        if (e instanceof SocketTimeoutException) {
            return new UpstreamFailure(true, "no response in time from " + where, e);
        }
        if (e instanceof ConnectException) {
            return new UpstreamFailure(false, "connection refused by " + where, e);
        }
        return new UpstreamFailure(false, "cannot reach " + where + " (" + e.getClass().getSimpleName()
                + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")", e);
    }

    @Override
    public void close() {
        idle.values().forEach(pool -> {
            for (Connection connection = pool.pollFirst(); connection != null; connection = pool.pollFirst()) {
                connection.close();
            }
        });
    }

    private record Route(String key, String host, int port, boolean tls, String hostHeader) {

        static Route of(URI uri) {
            String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new UpstreamFailure(false, "unsupported scheme " + scheme + " in " + uri.getHost(), null);
            }
            int port = port(uri);
            boolean tls = scheme.equals("https");
            String host = uri.getHost(); // an IPv6 literal keeps its brackets here, as the Host header wants
            String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            boolean defaultPort = port == (tls ? 443 : 80);
            return new Route(scheme + "://" + host + ":" + port, address, port, tls, host + (defaultPort ? "" : ":" + port));
        }

        static int port(URI uri) {
            return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
    }

    /** The connection closed (or reset) before a single byte of the answer: safe to send again once. */
    private static final class StaleConnection extends IOException {
        StaleConnection(String message) {
            super(message);
        }
    }

    /** An answer's head as received; {@code contentLength} is -1 when none was declared. */
    private record Head(int status, String contentType, long contentLength, boolean chunked, boolean keepAlive) {
    }

    /** One request's answer on its connection: the head's fields and the framed body. */
    private static final class Exchange {
        final Connection connection;
        final int status;
        final String contentType;
        final long contentLength;
        final boolean keepAlive;
        final Body body;

        Exchange(Connection connection, Head head) {
            this.connection = connection;
            this.status = head.status();
            this.contentType = head.contentType();
            this.contentLength = head.chunked() ? -1 : head.contentLength();
            // without a length or chunks, the body ends with the connection, which cannot be reused
            this.keepAlive = head.keepAlive() && (head.chunked() || head.contentLength() >= 0);
            this.body = new Body(connection, head.chunked() ? -2 : head.contentLength());
        }
    }

    /** A socket with its own read buffer, shared by the head parser and the body. */
    private static final class Connection {
        final Route route;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buffer = new byte[16 * 1024];
        int position;
        int limit;
        int timeoutMillis = -1;
        long idleSince;

        Connection(Route route, Socket socket) throws IOException {
            this.route = route;
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void timeout(int millis) throws IOException {
            if (millis != timeoutMillis) {
                socket.setSoTimeout(millis);
                timeoutMillis = millis;
            }
        }

        /** Reads more into the buffer; false at the connection's end. */
        boolean fill() throws IOException {
            if (position == limit) {
                position = 0;
                limit = 0;
            } else if (limit == buffer.length) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
            return true;
        }

        /** One CRLF-terminated line of the head, without the line end; null at the connection's end. */
        String line(int[] headBytes) throws IOException {
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                        String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                        headBytes[0] += i + 1 - position;
                        position = i + 1;
                        return line;
                    }
                }
                if (headBytes[0] + (limit - position) > MAX_HEAD_BYTES) {
                    throw new IOException("answer head larger than " + MAX_HEAD_BYTES + " bytes");
                }
                if (!fill()) {
                    return null;
                }
            }
        }

        Head readHead() throws IOException {
            int[] headBytes = {0};
            while (true) {
                String statusLine;
                try {
                    statusLine = line(headBytes);
                } catch (java.net.SocketException e) {
                    if (headBytes[0] == 0 && position == limit) {
                        throw new StaleConnection("connection reset before the answer: " + e.getMessage());
                    }
                    throw e;
                }
                if (statusLine == null) {
                    if (headBytes[0] == 0) {
                        throw new StaleConnection("connection closed before the answer");
                    }
                    throw new EOFException("connection closed in the answer's head");
                }
                if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                    throw new IOException("not an HTTP/1.x answer: " + statusLine.substring(0, Math.min(40, statusLine.length())));
                }
                int status;
                try {
                    status = Integer.parseInt(statusLine, 9, 12, 10);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed status line");
                }
                boolean keepAlive = statusLine.charAt(7) != '0'; // HTTP/1.0 closes unless it says otherwise
                String contentType = null;
                long contentLength = -1;
                boolean chunked = false;
                for (String field = line(headBytes); ; field = line(headBytes)) {
                    if (field == null) {
                        throw new EOFException("connection closed in the answer's head");
                    }
                    if (field.isEmpty()) {
                        break;
                    }
                    int colon = field.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String value = field.substring(colon + 1).trim();
                    if (field.regionMatches(true, 0, "Content-Type", 0, colon) && colon == 12) {
                        contentType = value;
                    } else if (field.regionMatches(true, 0, "Content-Length", 0, colon) && colon == 14) {
                        try {
                            contentLength = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("malformed Content-Length");
                        }
                    } else if (field.regionMatches(true, 0, "Transfer-Encoding", 0, colon) && colon == 17) {
                        chunked = value.toLowerCase(java.util.Locale.ROOT).endsWith("chunked");
                    } else if (field.regionMatches(true, 0, "Connection", 0, colon) && colon == 10) {
                        String token = value.toLowerCase(java.util.Locale.ROOT);
                        keepAlive = token.contains("close") ? false : token.contains("keep-alive") || keepAlive;
                    }
                }
                if (status >= 100 && status < 200) {
                    continue; // an interim answer (103 Early Hints): the real one follows
                }
                if (status == 204 || status == 304) {
                    contentLength = 0;
                    chunked = false;
                }
                return new Head(status, contentType, contentLength, chunked, keepAlive);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }

    /**
     * An answer's body: {@code remaining} bytes of a declared length, or chunked ({@code -2}), or to
     * the connection's end ({@code -1}). {@link #available()} counts only bytes already buffered.
     */
    private static final class Body extends InputStream {
        private final Connection connection;
        private final boolean chunked;
        private long remaining; // declared length left, or the current chunk's bytes left; -1 until the end
        private boolean ended;

        Body(Connection connection, long length) {
            this.connection = connection;
            this.chunked = length == -2;
            this.remaining = chunked ? 0 : length;
            this.ended = length == 0;
        }

        boolean ended() {
            return ended;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (chunked && remaining == 0 && !nextChunk()) {
                return -1;
            }
            if (connection.position == connection.limit && !connection.fill()) {
                if (remaining < 0) { // until the connection's end: this is it
                    ended = true;
                    return -1;
                }
                throw new EOFException("the upstream closed the connection before the answer's end");
            }
            int n = connection.limit - connection.position;
            if (remaining >= 0) {
                n = (int) Math.min(n, remaining);
            }
            n = Math.min(n, length);
            System.arraycopy(connection.buffer, connection.position, target, offset, n);
            connection.position += n;
            if (remaining >= 0) {
                remaining -= n;
                if (remaining == 0 && !chunked) {
                    ended = true;
                }
            }
            return n;
        }

        /** Reads the next chunk's size line; false (and ended) at the last chunk, after its trailers. */
        private boolean nextChunk() throws IOException {
            int[] count = {0};
            String line = connection.line(count);
            if (line != null && line.isEmpty()) {
                line = connection.line(count); // the CRLF that ends the previous chunk's data
            }
            if (line == null) {
                throw new EOFException("the upstream closed the connection inside a chunked answer");
            }
            int extension = line.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension >= 0 ? line.substring(0, extension) : line).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size");
            }
            if (size == 0) {
                for (String trailer = connection.line(count); trailer != null && !trailer.isEmpty(); trailer = connection.line(count)) {
                    // trailers carry nothing the gateway relays
                }
                ended = true;
                return false;
            }
            remaining = size;
            return true;
        }

        @Override
        public int available() {
            if (ended) {
                return 0;
            }
            int buffered = connection.limit - connection.position;
            if (chunked && remaining == 0) {
                return 0;
            }
            return remaining >= 0 ? (int) Math.min(buffered, remaining) : buffered;
        }
    }
}
