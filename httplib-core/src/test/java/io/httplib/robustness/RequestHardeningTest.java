package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.HTTPConnection;
import io.httplib.HTTPLimits;
import io.httplib.HTTPSConnection;
import io.httplib.InvalidURL;
import io.httplib.testing.Http;
import io.httplib.testing.ScriptedServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything a caller hands httplib is checked before any byte is written: CR, LF, NUL and space
 * injection in the method, target, header names and values, inconsistent framing headers, and
 * invalid hosts, ports and IPv6 literals. Each case runs against a server that records every
 * connection and byte, and must leave it with none.
 */
class RequestHardeningTest {

    private static ScriptedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ScriptedServer.start(ScriptedServer.replies(Http.ok("unexpected")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    interface Call {
        void run(HTTPConnection conn) throws Exception;
    }

    static Stream<Arguments> injections() {
        return Stream.of(
                // Method: must be an RFC 9110 token.
                refused("CRLF in method", c -> c.request("GET\r\nX-Injected: 1", "/"), IllegalArgumentException.class),
                refused("LF in method", c -> c.request("GET\n", "/"), IllegalArgumentException.class),
                refused("space in method", c -> c.request("GET /evil", "/"), IllegalArgumentException.class),
                refused("NUL in method", c -> c.request("GET\0", "/"), IllegalArgumentException.class),
                refused("empty method", c -> c.request("", "/"), IllegalArgumentException.class),
                refused("non-ASCII method", c -> c.request("G\u00c9T", "/"), IllegalArgumentException.class),
                refused("putRequest with CRLF in method", c -> c.putRequest("GET\r\n", "/"), IllegalArgumentException.class),
                // Target: no controls, spaces, DEL or characters outside latin-1 (CPython bpo-30458).
                refused("CRLF in target", c -> c.request("GET", "/a\r\nHost: evil"), InvalidURL.class),
                refused("LF in target", c -> c.request("GET", "/a\nb"), InvalidURL.class),
                refused("CR in target", c -> c.request("GET", "/a\rb"), InvalidURL.class),
                refused("space in target", c -> c.request("GET", "/a HTTP/1.1\r\nX: y"), InvalidURL.class),
                refused("tab in target", c -> c.request("GET", "/a\tb"), InvalidURL.class),
                refused("NUL in target", c -> c.request("GET", "/a\0"), InvalidURL.class),
                refused("DEL in target", c -> c.request("GET", "/a\u007f"), InvalidURL.class),
                refused("latin-1 character in target", c -> c.request("GET", "/caf\u00e9"), InvalidURL.class),
                refused("latin-1 character in putRequest target", c -> c.putRequest("GET", "/\u00ff"), InvalidURL.class),
                refused("non-latin-1 in target", c -> c.request("GET", "/\u0100"), InvalidURL.class),
                refused("putRequest with CRLF in target", c -> c.putRequest("GET", "/\r\n"), InvalidURL.class),
                // Header names: tokens only.
                refused("CRLF in header name", c -> c.request("GET", "/", (byte[]) null, Map.of("X-A\r\nX-B", "v")),
                        IllegalArgumentException.class),
                refused("space in header name", c -> c.request("GET", "/", (byte[]) null, Map.of("X A", "v")),
                        IllegalArgumentException.class),
                refused("colon in header name", c -> c.request("GET", "/", (byte[]) null, Map.of("X:A", "v")),
                        IllegalArgumentException.class),
                refused("empty header name", c -> c.request("GET", "/", (byte[]) null, Map.of("", "v")),
                        IllegalArgumentException.class),
                refused("NUL in header name", c -> c.request("GET", "/", (byte[]) null, Map.of("X\0", "v")),
                        IllegalArgumentException.class),
                refused("putHeader with LF in name", c -> {
                    c.putRequest("GET", "/");
                    c.putHeader("X\n", "v");
                }, IllegalArgumentException.class),
                // Header values: no CR, LF, NUL; latin-1 only.
                refused("CRLF in header value", c -> c.request("GET", "/", (byte[]) null, Map.of("X", "v\r\nX-Injected: 1")),
                        IllegalArgumentException.class),
                refused("LF in header value", c -> c.request("GET", "/", (byte[]) null, Map.of("X", "v\nw")),
                        IllegalArgumentException.class),
                refused("CR in header value", c -> c.request("GET", "/", (byte[]) null, Map.of("X", "v\rw")),
                        IllegalArgumentException.class),
                refused("NUL in header value", c -> c.request("GET", "/", (byte[]) null, Map.of("X", "v\0")),
                        IllegalArgumentException.class),
                refused("non-latin-1 header value", c -> c.request("GET", "/", (byte[]) null, Map.of("X", "\u20ac")),
                        IllegalArgumentException.class),
                refused("header value over the line limit", c -> c.request("GET", "/", (byte[]) null,
                        Map.of("X-Big", "v".repeat(1 << 20))), IllegalArgumentException.class),
                refused("putHeader value over the line limit", c -> {
                    c.putRequest("GET", "/");
                    c.putHeader("X-Big", "v".repeat(HTTPLimits.DEFAULT_MAX_LINE_LENGTH));
                }, IllegalArgumentException.class),
                refused("target over the line limit", c -> c.request("GET", "/" + "a".repeat(1 << 17)), InvalidURL.class),
                refused("putHeader with CRLF in the second value", c -> {
                    c.putRequest("GET", "/");
                    c.putHeader("X", "ok", "v\r\nX-Injected: 1");
                }, IllegalArgumentException.class),
                refused("CRLF in a later header after valid ones", c -> c.request("GET", "/", (byte[]) null,
                        ordered("A", "1", "B", "2", "C", "3\r\n\r\nGET /smuggled HTTP/1.1")), IllegalArgumentException.class),
                // Framing headers the caller gets wrong would desynchronise the server.
                refused("non-numeric Content-Length", c -> c.request("POST", "/", new byte[1], Map.of("Content-Length", "1x")),
                        IllegalArgumentException.class),
                refused("negative Content-Length", c -> c.request("POST", "/", new byte[1], Map.of("Content-Length", "-1")),
                        IllegalArgumentException.class),
                refused("two Content-Length values", c -> c.request("POST", "/", new byte[1], Map.of("Content-Length", "1, 1")),
                        IllegalArgumentException.class),
                refused("Content-Length not matching the body", c -> c.request("POST", "/", new byte[5],
                        Map.of("Content-Length", "4")), IllegalArgumentException.class),
                refused("Content-Length and Transfer-Encoding", c -> c.request("POST", "/", new byte[1],
                        ordered("Content-Length", "1", "Transfer-Encoding", "chunked")), IllegalArgumentException.class),
                refused("Transfer-Encoding other than chunked", c -> c.request("POST", "/", new byte[1],
                        Map.of("Transfer-Encoding", "gzip")), IllegalArgumentException.class),
                // CONNECT tunnel target and headers.
                refused("CRLF in tunnel host", c -> c.setTunnel("evil\r\nX: y", 443, null), IllegalArgumentException.class),
                refused("CRLF in tunnel header", c -> c.setTunnel("example.com", 443,
                        Map.of("Proxy-Authorization", "Basic x\r\nX: y")), IllegalArgumentException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void refusedBeforeAnyByteIsWritten(String name, Call call, Class<? extends Throwable> expected) throws Exception {
        int connectionsBefore = server.connectionCount();
        long bytesBefore = server.totalBytesReceived();
        try (HTTPConnection conn = Http.connectionTo(server)) {
            assertThatThrownBy(() -> call.run(conn)).isInstanceOf(expected);
            assertThat(conn.isConnected()).isFalse();
        }
        server.settle();
        assertThat(server.connectionCount()).as("connections opened").isEqualTo(connectionsBefore);
        assertThat(server.totalBytesReceived()).as("bytes sent").isEqualTo(bytesBefore);
    }

    /** Host strings and ports are checked when the connection is made, long before a socket exists. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "", "host:99999", "host:0", "host:-1", "host:+80", "host:8o", "host:123456", "[::1", "::1]", "[::1]x",
        "[::1]:99999", "[::1]:port", "ho st", "host\r\n", "host\n:80", "host\0", "host/path", "host?q", "host#f",
        "user@host", "[]", "[]:80",
    })
    void invalidHostStringsAreRefusedAtConstruction(String host) {
        assertThatThrownBy(() -> new HTTPConnection(host)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HTTPSConnection(host)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {65536, 70000, Integer.MAX_VALUE})
    void explicitPortsOutOfRangeAreRefused(int port) {
        assertThatThrownBy(() -> new HTTPConnection("localhost", port)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6LiteralsAreUnbracketedAndKeepTheirPort() {
        assertThat(new HTTPConnection("[::1]:8080").getHost()).isEqualTo("::1");
        assertThat(new HTTPConnection("[::1]:8080").getPort()).isEqualTo(8080);
        assertThat(new HTTPConnection("::1").getPort()).isEqualTo(80);
        assertThat(new HTTPConnection("[fe80::1%25eth0]").getHost()).isEqualTo("fe80::1%25eth0");
    }

    @Test
    void negativeTimeoutIsRefused() {
        assertThatThrownBy(() -> new HTTPConnection("localhost", 80, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A header line up to {@code HTTPLimits.maxLineLength()} (64 KiB, its CRLF included) is sent as given; what
     * httplib would refuse to read, it does not send.
     */
    @Test
    void headerValuesUpToTheLineLimitAreSentUnchanged() throws Exception {
        String big = "v".repeat(HTTPLimits.DEFAULT_MAX_LINE_LENGTH - "X-Big: \r\n".length());
        try (ScriptedServer own = ScriptedServer.start(ScriptedServer.replies(Http.ok("ok")));
                HTTPConnection conn = Http.connectionTo(own)) {
            conn.request("GET", "/", (byte[]) null, Map.of("X-Big", big));
            assertThat(Http.readText(conn.getResponse())).isEqualTo("ok");
            assertThat(own.request(0).header("X-Big")).isEqualTo(big);
        }
    }

    private static Arguments refused(String name, Call call, Class<? extends Throwable> expected) {
        return Arguments.of(name, call, expected);
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
