package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static io.httplib.testing.Http.WAIT;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Connection setup and timeouts: read and connect timeouts, refused connections, source address. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    /** Reads the request, then says nothing until the client leaves. */
    private static ScriptedServer.Script neverAnswers() {
        return ex -> {
            ex.readRequest();
            ex.awaitClientClose();
        };
    }

    @Test
    void serverThatNeverAnswersMakesGetResponseTimeOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(neverAnswers(), replies(ok("recovered")));
             HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), SHORT)) {
            conn.request("GET", "/slow");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(SocketTimeoutException.class);

            // the timed-out socket is closed, and the next request opens a new one
            server.awaitClientClose(0, WAIT);
            conn.request("GET", "/again");
            assertThat(readText(conn.getResponse())).isEqualTo("recovered");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void builderTimeoutAppliesToReads() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(neverAnswers());
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(SHORT).build()) {
            conn.request("GET", "/slow");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void bodyThatStallsMakesReadTimeOut() throws Exception {
        ScriptedServer.Script stall = ex -> {
            ex.readRequest();
            ex.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(stall);
             HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), SHORT)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(catchThrowable(response::read)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void headersThatStallMakeGetResponseTimeOut() throws Exception {
        ScriptedServer.Script stall = ex -> {
            ex.readRequest();
            ex.write("HTTP/1.1 200 OK\r\nContent-");
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(stall);
             HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), SHORT)) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void connectingToAClosedLocalPortThrowsConnectException() throws Exception {
        int closedPort = closedLocalPort();
        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", closedPort, SHORT)) {
            assertThat(catchThrowable(conn::connect)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void requestToAClosedLocalPortThrowsConnectException() throws Exception {
        int closedPort = closedLocalPort();
        try (HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                .port(closedPort)
                .connectTimeout(SHORT)
                .timeout(SHORT)
                .build()) {
            assertThat(catchThrowable(() -> conn.request("GET", "/"))).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void connectionWithoutTimeoutStillWorks() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("no timeout")));
             HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), null)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("no timeout");
        }
    }

    @Test
    void sourceAddressIsUsedForTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("bound")));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                     .port(server.port())
                     .timeout(WAIT)
                     .sourceAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))
                     .build()) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("bound");
        }
    }

    private static int closedLocalPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
