package io.httplib;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.testing.ScriptedServer;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A chunked body whose last chunk arrived, with the connection closed inside the trailer section
 * (no final CRLF): the body is complete and is returned, as CPython does ("a vanishingly small
 * number of sites EOF without sending the trailer"), and the connection is never reused.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunkedTrailerEofTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"0\r\n", "0\r\nX-T", "0\r\nX-T: v", "0\r\nX-T: v\r", "0\r\nX-T: v\r\n", "0\r\nX-T: v\r\n\r",
        "0;ext\r\n"})
    void theBodyIsReturnedAndTheConnectionIsClosed(String end) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replyAndClose(HEAD + end),
                ScriptedServer.replies(ok("next")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("hello");
            assertThat(response.isClosed()).isTrue();
            assertThat(conn.isConnected()).as("a connection that reached its end is not kept").isFalse();

            conn.request("GET", "/next");
            assertThat(readText(conn.getResponse())).isEqualTo("next");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0\r\nX-T: v\r\n", "0\r\nX-T: v\r\nX-U: cut"})
    void onlyTheTrailersReceivedWholeAreKept(String end) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replyAndClose(HEAD + end));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("hello");
            assertThat(response.getTrailers().entries()).hasSize(1);
            assertThat(response.getTrailers().get("X-T")).isEqualTo("v");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0\r"})
    void aLastChunkLineCutBeforeItsEndIsStillAnIncompleteRead(String end) throws Exception {
        // "0" cut by the end of the stream could be the start of "0a": the body may not be complete.
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replyAndClose(HEAD + end));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            Throwable thrown = catchThrowable(response::read);
            assertThat(thrown).isInstanceOf(IncompleteRead.class);
            assertThat(((IncompleteRead) thrown).getPartial()).isEqualTo("hello".getBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0\r\n", "0\r\nX-T: v"})
    void throughTheClientTheCallSucceedsAndThePooledConnectionIsNotKept(String end) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replyAndClose(HEAD + end),
                ScriptedServer.replies(ok("next")));
             HttplibClient client = HttplibClient.builder()
                     .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(Duration.ofSeconds(2)).build())
                     .build()) {
            String base = "http://127.0.0.1:" + server.port();
            try (ClientResponse r = client.send("GET", base + "/", null, null)) {
                assertThat(r.readString()).isEqualTo("hello");
            }
            assertThat(client.pool().stats().idle()).isZero();
            try (ClientResponse r = client.send("GET", base + "/next", null, null)) {
                assertThat(r.readString()).isEqualTo("next");
            }
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }
}
