package io.httplib.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.BadStatusLine;
import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;
import io.httplib.HTTPSConnection;
import io.httplib.testing.ConnectProxy;
import io.httplib.testing.ScriptedServer;
import io.httplib.testing.TcpRelay;
import io.httplib.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests through a {@code CONNECT} proxy reach the origin exactly as the caller wrote them: the
 * proxy gets one CONNECT per connection with its credentials, the origin gets the request (never
 * the CONNECT, never {@code Proxy-Authorization}), whatever the order of calls, over plain HTTP and
 * TLS, and again after the origin closed a kept tunnelled connection.
 */
@Timeout(60)
class TunnelTest {

    static final TestPki PKI = TestPki.create();
    static final String PROXY_AUTH = "Basic dXNlcjpwYXNz";
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @TempDir
    Path dir;

    static Stream<Arguments> requests() {
        return Stream.of(false, true).flatMap(tls -> Stream.of(false, true).flatMap(connectFirst -> Stream.of(
                Arguments.of(tls, connectFirst, "GET", -1),
                Arguments.of(tls, connectFirst, "POST", 100),
                Arguments.of(tls, connectFirst, "POST", 100 * 1024))));
    }

    @ParameterizedTest(name = "tls={0} connectFirst={1} {2} body={3}")
    @MethodSource("requests")
    void theOriginReceivesExactlyTheRequestAndTheProxyOnlyTheConnect(boolean tls, boolean connectFirst, String method,
            int bodyLength) throws Exception {
        byte[] body = bodyLength < 0 ? null : body(bodyLength);
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK));
                Origin front = new Origin(tls, origin);
                ConnectProxy proxy = ConnectProxy.requiring(PROXY_AUTH);
                HTTPConnection conn = front.connectionVia(proxy)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            conn.setDebugOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
            conn.setDebugLevel(1);
            conn.setTunnel("localhost", front.port(), Map.of("Proxy-Authorization", PROXY_AUTH));
            if (connectFirst) {
                conn.connect();
            }
            conn.request(method, "/p?q=1", body, Map.of("X-Test", "1"));
            HTTPResponse r = conn.getResponse();
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.read()).isEqualTo("ok".getBytes(StandardCharsets.US_ASCII));

            assertThat(proxy.heads()).hasSize(1);
            assertThat(proxy.heads().get(0)).isEqualTo("CONNECT localhost:" + front.port() + " HTTP/1.1\r\nHost: localhost:"
                    + front.port() + "\r\nProxy-Authorization: " + PROXY_AUTH + "\r\n\r\n");
            conn.close();
            origin.awaitClientClose(0, Duration.ofSeconds(10));
            assertThat(origin.connectionCount()).isEqualTo(1);
            assertThat(origin.receivedBytes(0)).isEqualTo(expectedRequest(method, front.port(), body));

            String debug = log.toString(StandardCharsets.UTF_8);
            int connect = debug.indexOf("send: b'CONNECT localhost:" + front.port()
                    + " HTTP/1.1\\r\\nHost: localhost:" + front.port() + "\\r\\nProxy-Authorization: <redacted>\\r\\n\\r\\n'");
            int established = debug.indexOf("reply: 'HTTP/1.1 200 Connection established\\r\\n'");
            int request = debug.indexOf("send: b'" + method + " /p?q=1 HTTP/1.1\\r\\n");
            assertThat(connect).as(debug).isNotNegative();
            assertThat(established).as(debug).isGreaterThan(connect);
            assertThat(request).as(debug).isGreaterThan(established);
            assertThat(debug).doesNotContain(PROXY_AUTH);
            assertThat(debug.substring(request)).doesNotContain("Proxy-Authorization");
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @MethodSource("tlsOrNot")
    void afterTheOriginClosesAKeptTunnelTheNextRequestOpensANewTunnelFirst(boolean tls) throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replyAndClose(OK),
                        ScriptedServer.replies(OK));
                Origin front = new Origin(tls, origin);
                ConnectProxy proxy = ConnectProxy.requiring(PROXY_AUTH);
                HTTPConnection conn = front.connectionVia(proxy)) {
            conn.setTunnel("localhost", front.port(), Map.of("Proxy-Authorization", PROXY_AUTH));
            byte[] first = body(100);
            conn.request("POST", "/one", first, null);
            assertThat(conn.getResponse().read()).isEqualTo("ok".getBytes(StandardCharsets.US_ASCII));
            origin.awaitServerClose(0, Duration.ofSeconds(10));
            proxy.awaitTargetsEnded(1, 10_000);

            byte[] second = body(100 * 1024);
            conn.request("POST", "/two", second, null);
            HTTPResponse r = conn.getResponse();
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.read()).isEqualTo("ok".getBytes(StandardCharsets.US_ASCII));

            assertThat(proxy.heads()).hasSize(2).allSatisfy(head -> assertThat(head)
                    .startsWith("CONNECT localhost:" + front.port() + " HTTP/1.1\r\n")
                    .contains("\r\nProxy-Authorization: " + PROXY_AUTH + "\r\n"));
            conn.close();
            origin.awaitClientClose(1, Duration.ofSeconds(10));
            assertThat(origin.connectionCount()).isEqualTo(2);
            assertThat(origin.receivedBytes(0)).isEqualTo(expectedRequest("POST", "/one", front.port(), first));
            assertThat(origin.receivedBytes(1)).isEqualTo(expectedRequest("POST", "/two", front.port(), second));
        }
    }

    static Stream<Boolean> tlsOrNot() {
        return Stream.of(false, true);
    }

    @Test
    void aConnectReplyThatIsNotHttpIsAnErrorEvenWhenNotStrictAndNoRequestIsSent() throws Exception {
        try (ScriptedServer proxy = ScriptedServer.start(ex -> {
                    ex.readRequestHead();
                    ex.write("this is not HTTP\r\n\r\n");
                    ex.awaitClientClose();
                });
                HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(proxy.port())
                        .timeout(Duration.ofSeconds(5)).strict(false).build()) {
            conn.setTunnel("origin.test", 80, null);
            assertThatThrownBy(() -> conn.request("GET", "/secret")).isInstanceOf(BadStatusLine.class);
            assertThat(conn.isConnected()).isFalse();
            proxy.awaitClientClose(0, Duration.ofSeconds(10));
            String received = proxy.received(0);
            assertThat(received).isEqualTo("CONNECT origin.test:80 HTTP/1.1\r\nHost: origin.test:80\r\n\r\n");
        }
    }

    @Test
    void aRefusedTunnelSendsNothingToTheOriginAndSaysWhy() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK));
                ConnectProxy proxy = ConnectProxy.requiring(PROXY_AUTH);
                HTTPConnection conn = new HTTPConnection("127.0.0.1", proxy.port(), Duration.ofSeconds(5))) {
            conn.setTunnel("localhost", origin.port(), Map.of("Proxy-Authorization", "Basic wrong"));
            assertThatThrownBy(() -> conn.request("POST", "/", body(100), null))
                    .isInstanceOfSatisfying(io.httplib.TunnelRefused.class, e -> assertThat(e.getStatus()).isEqualTo(407));
            assertThat(origin.connectionCount()).isZero();
        }
    }

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private static byte[] expectedRequest(String method, int port, byte[] body) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("X-Test", "1");
        return expectedRequest(method, "/p?q=1", port, body, extra);
    }

    private static byte[] expectedRequest(String method, String target, int port, byte[] body) {
        return expectedRequest(method, target, port, body, Map.of());
    }

    private static byte[] expectedRequest(String method, String target, int port, byte[] body, Map<String, String> extra) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAccept-Encoding: identity\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        extra.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return h;
        }
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** The origin as the client reaches it: the recording server itself, or a TLS front of it. */
    private final class Origin implements AutoCloseable {
        private final boolean tls;
        private final ScriptedServer origin;
        private final TcpRelay front;

        Origin(boolean tls, ScriptedServer origin) throws IOException {
            this.tls = tls;
            this.origin = origin;
            this.front = tls ? TcpRelay.tlsTerminating(PKI.serverSslContext(PKI.serverCert("localhost")), origin.port())
                    : null;
        }

        int port() {
            return tls ? front.port() : origin.port();
        }

        HTTPConnection connectionVia(ConnectProxy proxy) {
            if (!tls) {
                return new HTTPConnection("127.0.0.1", proxy.port(), Duration.ofSeconds(5));
            }
            return HTTPSConnection.builder("127.0.0.1").port(proxy.port()).timeout(Duration.ofSeconds(5))
                    .caFile(PKI.writeCaPem(dir)).build();
        }

        @Override
        public void close() {
            if (front != null) {
                front.close();
            }
        }
    }
}
