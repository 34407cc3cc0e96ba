package io.httplib;

import io.httplib.testing.ScriptedServer;
import io.httplib.testing.ScriptedServer.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static io.httplib.testing.Http.WAIT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code Expect: 100-continue}: the body waits for the server's go-ahead, within a bounded time. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExpectContinueTest {

    private static final String BODY = "the request body";
    private static final Map<String, String> EXPECT = Map.of("Expect", "100-continue");

    @Test
    void bodyIsSentAfterTheServerSays100Continue() throws Exception {
        ScriptedServer.Script script = ex -> {
            Request head = ex.readRequestHead();
            ex.write("HTTP/1.1 100 Continue\r\n\r\n");
            Request full = ex.readBody(head);
            ex.write(ok("got " + full.bodyText().length()));
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(script);
             HTTPConnection conn = connectionTo(server)) {
            conn.request("PUT", "/upload", BODY, EXPECT);
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(readText(response)).isEqualTo("got " + BODY.length());

            Request received = server.request(0);
            assertThat(received.header("Expect")).isEqualTo("100-continue");
            assertThat(received.headers("Content-Length")).containsExactly(String.valueOf(BODY.length()));
            assertThat(received.bodyText()).isEqualTo(BODY);
        }
    }

    @Test
    void bodyIsNotSentWhenTheServerAnswers417Immediately() throws Exception {
        ScriptedServer.Script script = ex -> {
            ex.readRequestHead();
            ex.write("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(script)) {
            try (HTTPConnection conn = connectionTo(server)) {
                conn.request("PUT", "/upload", BODY, EXPECT);
                HTTPResponse response = conn.getResponse();
                assertThat(response.getStatus()).isEqualTo(417);
                assertThat(response.getReason()).isEqualTo("Expectation Failed");
                assertThat(response.read()).isEmpty();
            }
            server.awaitClientClose(0, WAIT);
            String received = server.received(0);
            assertThat(received).startsWith("PUT /upload HTTP/1.1\r\n").endsWith("\r\n\r\n");
            assertThat(received).doesNotContain(BODY);
        }
    }

    @Test
    void finalErrorResponseIsReturnedInsteadOfSendingTheBody() throws Exception {
        ScriptedServer.Script script = ex -> {
            ex.readRequestHead();
            ex.write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 6\r\nConnection: close\r\n\r\ndenied");
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(script)) {
            try (HTTPConnection conn = connectionTo(server)) {
                conn.request("POST", "/upload", BODY.getBytes(), EXPECT);
                HTTPResponse response = conn.getResponse();
                assertThat(response.getStatus()).isEqualTo(401);
                assertThat(readText(response)).isEqualTo("denied");
            }
            server.awaitClientClose(0, WAIT);
            assertThat(server.received(0)).doesNotContain(BODY);
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void bodyIsSentAfterABoundedWaitWhenTheServerStaysSilent() throws Exception {
        ScriptedServer.Script script = ex -> {
            Request head = ex.readRequestHead();
            // no 100 Continue: just wait for the body
            Request full = ex.readBody(head);
            ex.write(ok("late " + full.bodyText()));
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(script);
             HTTPConnection conn = connectionTo(server)) {
            conn.request("PUT", "/upload", BODY, EXPECT);
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(readText(response)).isEqualTo("late " + BODY);
            assertThat(server.request(0).bodyText()).isEqualTo(BODY);
        }
    }

    @Test
    void connectionIsReusableAfterAnExpectContinueExchange() throws Exception {
        ScriptedServer.Script script = ex -> {
            Request head = ex.readRequestHead();
            ex.write("HTTP/1.1 100 Continue\r\n\r\n");
            ex.readBody(head);
            ex.write(ok("first"));
            ex.readRequest();
            ex.write(ok("second"));
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(script);
             HTTPConnection conn = connectionTo(server)) {
            conn.request("PUT", "/upload", BODY, EXPECT);
            assertThat(readText(conn.getResponse())).isEqualTo("first");
            conn.request("GET", "/next");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }
}
