package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static io.httplib.testing.Http.WAIT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static io.httplib.testing.ScriptedServer.replyAndClose;
import static org.assertj.core.api.Assertions.assertThat;

/** When a connection is reused, and that a dead or dirty one never is. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeepAliveTest {

    @Test
    void http11ConnectionIsReusedByDefault() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("1"), ok("2"), ok("3")));
             HTTPConnection conn = connectionTo(server)) {
            for (String expected : new String[] {"1", "2", "3"}) {
                conn.request("GET", "/" + expected);
                assertThat(readText(conn.getResponse())).isEqualTo(expected);
            }
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.receivedRequests()).extracting(ScriptedServer.Request::connection)
                    .containsExactly(0, 0, 0);
        }
    }

    @Test
    void connectionCloseMakesTheNextRequestReconnect() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nfirst"),
                replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            // the server keeps its end open: the client itself must honour Connection: close
            server.awaitClientClose(0, WAIT);

            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(server.request(1).connection()).isEqualTo(1);
        }
    }

    @Test
    void connectionCloseTokenIsRecognisedInAList() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 5\r\n\r\nfirst"),
                replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void http10ResponseWithoutKeepAliveMakesTheNextRequestReconnect() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nfirst"),
                replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(server.request(1).connection()).isEqualTo(1);
        }
    }

    @Test
    void http10ResponseWithKeepAliveAndContentLengthIsReused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nfirst",
                        "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 6\r\n\r\nsecond"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void serverClosingAnIdleKeepAliveConnectionIsHandledByReconnecting() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replyAndClose(ok("first")), replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            server.awaitServerClose(0, WAIT);
            Thread.sleep(50); // let the FIN reach the client

            conn.request("GET", "/2");
            HTTPResponse second = conn.getResponse();
            assertThat(second.getStatus()).isEqualTo(200);
            assertThat(readText(second)).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void serverResettingAnIdleKeepAliveConnectionIsHandledByReconnecting() throws Exception {
        ScriptedServer.Script resetAfterReply = ex -> {
            ex.readRequest();
            ex.write(ok("first"));
            ex.signal("replied");
            ex.pause(100);
            ex.reset();
        };
        try (ScriptedServer server = ScriptedServer.start(resetAfterReply, replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            server.awaitServerClose(0, WAIT);
            Thread.sleep(50);

            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void garbageAfterACompleteResponseIsNeverTakenAsTheNextResponse() throws Exception {
        String garbage = "HTTP/1.1 418 Unsolicited\r\nContent-Length: 7\r\n\r\ngarbage";
        try (ScriptedServer server = ScriptedServer.start(replies(ok("first") + garbage), replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");

            conn.request("GET", "/2");
            HTTPResponse second = conn.getResponse();
            assertThat(second.getStatus()).isEqualTo(200);
            assertThat(readText(second)).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(server.receivedRequests()).extracting(ScriptedServer.Request::connection)
                    .containsExactly(0, 1);
        }
    }

    @Test
    void garbageArrivingLaterOnAnIdleConnectionIsNeverTakenAsTheNextResponse() throws Exception {
        ScriptedServer.Script dirty = ex -> {
            ex.readRequest();
            ex.write(ok("first"));
            ex.pause(100);
            ex.write("HTTP/1.1 500 Stale\r\nContent-Length: 5\r\n\r\nstale");
            ex.signal("garbage written");
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(dirty, replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            server.awaitSignal("garbage written", WAIT);
            Thread.sleep(50);

            conn.request("GET", "/2");
            HTTPResponse second = conn.getResponse();
            assertThat(second.getStatus()).isEqualTo(200);
            assertThat(readText(second)).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void closeDelimitedResponseIsNeverReused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 200 OK\r\n\r\nno length"), replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("no length");
            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void requestWithConnectionCloseMakesTheNextRequestReconnect() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("first")), replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1", (byte[]) null, Map.of("Connection", "close"));
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            // the server keeps its end open: the client closes because it asked to
            server.awaitClientClose(0, WAIT);

            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }
}
