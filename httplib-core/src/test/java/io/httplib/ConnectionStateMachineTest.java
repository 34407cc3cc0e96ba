package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static io.httplib.testing.Http.WAIT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request/response state machine of one {@link HTTPConnection}. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionStateMachineTest {

    @Test
    void putRequestTwiceWithoutSendingIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("x")));
             HTTPConnection conn = connectionTo(server)) {
            conn.putRequest("GET", "/");
            assertThatThrownBy(() -> conn.putRequest("GET", "/other"))
                    .isInstanceOf(CannotSendRequest.class);
        }
    }

    @Test
    void putHeaderAfterEndHeadersIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("x")));
             HTTPConnection conn = connectionTo(server)) {
            conn.putRequest("GET", "/");
            conn.endHeaders();
            assertThatThrownBy(() -> conn.putHeader("X-Late", "1"))
                    .isInstanceOf(CannotSendHeader.class);
        }
    }

    @Test
    void putHeaderBeforePutRequestIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("x")));
             HTTPConnection conn = connectionTo(server)) {
            assertThatThrownBy(() -> conn.putHeader("X-Early", "1"))
                    .isInstanceOf(CannotSendHeader.class);
        }
    }

    @Test
    void getResponseWithoutARequestIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("x")));
             HTTPConnection conn = connectionTo(server)) {
            assertThatThrownBy(conn::getResponse).isInstanceOf(ResponseNotReady.class);
        }
    }

    @Test
    void getResponseBeforeEndHeadersIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("x")));
             HTTPConnection conn = connectionTo(server)) {
            conn.putRequest("GET", "/");
            assertThatThrownBy(conn::getResponse).isInstanceOf(ResponseNotReady.class);
        }
    }

    @Test
    void getResponseTwiceForOneRequestIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("hello")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("hello");
            assertThatThrownBy(conn::getResponse).isInstanceOf(ResponseNotReady.class);
        }
    }

    @Test
    void newRequestWhilePreviousResponseIsUnreadIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("hello"), ok("again")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/first");
            HTTPResponse response = conn.getResponse();
            assertThat(response.isClosed()).isFalse();

            assertThatThrownBy(() -> conn.request("GET", "/second"))
                    .isInstanceOf(CannotSendRequest.class);
            assertThatThrownBy(() -> conn.putRequest("GET", "/second"))
                    .isInstanceOf(CannotSendRequest.class);

            // the refused requests left the open response intact
            assertThat(readText(response)).isEqualTo("hello");
        }
    }

    @Test
    void newRequestWhilePreviousResponseIsPartlyReadIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("0123456789"), ok("again")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/first");
            HTTPResponse response = conn.getResponse();
            assertThat(response.read(3)).hasSizeLessThanOrEqualTo(3);

            assertThatThrownBy(() -> conn.request("GET", "/second"))
                    .isInstanceOf(CannotSendRequest.class);
        }
    }

    @Test
    void nextRequestAfterFullyReadResponseReusesTheSameSocket() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("one"), ok("two")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("one");
            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("two");

            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.receivedRequests())
                    .extracting(ScriptedServer.Request::requestLine)
                    .containsExactly("GET /1 HTTP/1.1", "GET /2 HTTP/1.1");
        }
    }

    @Test
    void firstRequestConnectsAutomatically() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("auto")));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(server.connectionCount()).isZero();
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(readText(response)).isEqualTo("auto");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void constructingAConnectionOpensNoSocket() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("x")))) {
            HTTPConnection conn = connectionTo(server);
            server.settle();
            assertThat(server.connectionCount()).isZero();
            conn.close();
        }
    }

    @Test
    void explicitConnectThenRequestUsesThatSocket() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("explicit")));
             HTTPConnection conn = connectionTo(server)) {
            conn.connect();
            server.awaitConnection(0, WAIT);
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("explicit");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void closingAResponseBeforeItsEndMakesTheNextRequestUseANewConnection() throws Exception {
        String big = "x".repeat(100_000);
        try (ScriptedServer server = ScriptedServer.start(replies(ok(big)), replies(ok("fresh")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/big");
            HTTPResponse first = conn.getResponse();
            assertThat(first.read(10)).hasSizeLessThanOrEqualTo(10);
            first.close();
            assertThat(first.isClosed()).isTrue();

            conn.request("GET", "/next");
            HTTPResponse second = conn.getResponse();
            assertThat(second.getStatus()).isEqualTo(200);
            assertThat(readText(second)).isEqualTo("fresh");
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(server.request(1).target()).isEqualTo("/next");
            assertThat(server.request(1).connection()).isEqualTo(1);
        }
    }

    @Test
    void responseIsClosedAfterItsBodyIsReadToTheEnd() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("body")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.isClosed()).isFalse();
            assertThat(readText(response)).isEqualTo("body");
            assertThat(response.isClosed()).isTrue();
            assertThat(response.read()).isEmpty();
        }
    }

    @Test
    void requestAfterCloseOpensANewConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("one")), replies(ok("two")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo("one");
            conn.close();
            server.awaitClientClose(0, WAIT);

            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("two");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void putRequestPutHeaderEndHeadersWithBodySendsOneRequest() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("done")));
             HTTPConnection conn = connectionTo(server)) {
            byte[] body = "payload".getBytes(StandardCharsets.US_ASCII);
            conn.putRequest("POST", "/upload");
            conn.putHeader("Content-Length", String.valueOf(body.length));
            conn.putHeader("X-Custom", "yes");
            conn.endHeaders(body);
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("done");

            ScriptedServer.Request received = server.request(0);
            assertThat(received.requestLine()).isEqualTo("POST /upload HTTP/1.1");
            assertThat(received.header("X-Custom")).isEqualTo("yes");
            assertThat(received.bodyText()).isEqualTo("payload");
        }
    }

    @Test
    void sendAfterEndHeadersTransmitsTheBody() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("done")));
             HTTPConnection conn = connectionTo(server)) {
            conn.putRequest("PUT", "/data");
            conn.putHeader("Content-Length", "10");
            conn.endHeaders();
            conn.send("01234".getBytes(StandardCharsets.US_ASCII));
            conn.send("56789".getBytes(StandardCharsets.US_ASCII));
            assertThat(readText(conn.getResponse())).isEqualTo("done");
            assertThat(server.request(0).bodyText()).isEqualTo("0123456789");
        }
    }
}
