package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.httplib.testing.Http.CLIENT_TIMEOUT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.latin1;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Message syntax that RFC 9112 does not allow: each is refused with an {@link HTTPException}
 * instead of being guessed at. Every reply here is otherwise complete, so a lenient parser
 * would accept it; the test records what the client saw to show it was not silently accepted.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc9112StrictnessTest {

    /**
     * Sends a GET, reads the whole response and returns what was thrown (or null), with the
     * status and body seen before, in {@code seen}.
     */
    private static Throwable fetchFully(HTTPConnection conn, List<String> seen) {
        return catchThrowable(() -> {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            seen.add("status " + response.getStatus());
            seen.add("body " + latin1(response.read()));
        });
    }

    private static void assertRefused(String reply) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = connectionTo(server)) {
            List<String> seen = new ArrayList<>();
            Throwable thrown = fetchFully(conn, seen);
            assertThat(thrown)
                    .as("reply %s was accepted as %s", reply.replace("\r\n", "\\r\\n"), seen)
                    .isInstanceOf(HTTPException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HTTP/1.1 20 OK",
            "HTTP/1.1 2000 OK",
            "HTTP/1.1  200 OK",
            "HTTP/2.0 200 OK",
            "HTTP/1.1 abc OK",
            "HTTP/1.1 +20 OK",
            "HTTP/1.1 -200 OK",
            "http/1.1 200 OK",
            "HTTP/1.1\t200 OK",
            "HTTP/11 200 OK",
            "HTTP/1.1.1 200 OK",
    })
    void malformedStatusLineIsRefused(String statusLine) throws Exception {
        assertRefused(statusLine + "\r\nContent-Length: 2\r\n\r\nok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "0x5", "5_0", " 5", "-1", "", "g"})
    void malformedChunkSizeIsRefused(String size) throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + size + "\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void chunkSizeThatOverflowsIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10000000000000005\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void chunkDataNotFollowedByCrlfIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhelloXX\r\n0\r\n\r\n");
    }

    @Test
    void chunkDataFollowedDirectlyByTheNextChunkIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello0\r\n\r\n");
    }

    @Test
    void hugeChunkExtensionIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=" + "e".repeat(100_000) + "\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void chunkExtensionOverTheConfiguredLimitIsRefused() throws Exception {
        HTTPLimits limits = HTTPLimits.builder().maxChunkExtensionLength(16).build();
        String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=" + "e".repeat(100) + "\r\nhello\r\n0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                     .port(server.port()).timeout(CLIENT_TIMEOUT).limits(limits).build()) {
            List<String> seen = new ArrayList<>();
            assertThat(fetchFully(conn, seen)).as("accepted as %s", seen).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void chunkExtensionWithinTheConfiguredLimitIsAccepted() throws Exception {
        HTTPLimits limits = HTTPLimits.builder().maxChunkExtensionLength(16).build();
        String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=short\r\nhello\r\n0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                     .port(server.port()).timeout(CLIENT_TIMEOUT).limits(limits).build()) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "-5", "5 5", "abc", "99999999999999999999999", "0x5", "5.0", ""})
    void malformedContentLengthIsRefused(String value) throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\nhello");
    }

    @Test
    void headerLineWithoutColonIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 2\r\n\r\nok");
    }

    @Test
    void whitespaceBeforeTheColonIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nFoo : bar\r\nContent-Length: 2\r\n\r\nok");
    }

    @Test
    void tabBeforeTheColonIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nFoo\t: bar\r\nContent-Length: 2\r\n\r\nok");
    }

    @Test
    void emptyHeaderNameIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\n: bar\r\nContent-Length: 2\r\n\r\nok");
    }

    @Test
    void bareCrInsideAHeaderLineIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nX: a\rb\r\nContent-Length: 2\r\n\r\nok");
    }

    @Test
    void nulInsideAHeaderValueIsRefusedOrReplacedBySpace() throws Exception {
        // RFC 9110 section 5.5: reject the message or replace each NUL with SP
        String reply = "HTTP/1.1 200 OK\r\nX: a\u0000b\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = connectionTo(server)) {
            List<String> values = new ArrayList<>();
            Throwable thrown = catchThrowable(() -> {
                conn.request("GET", "/");
                values.add(conn.getResponse().getHeader("X"));
            });
            if (thrown == null) {
                assertThat(values).containsExactly("a b");
            } else {
                assertThat(thrown).isInstanceOf(HTTPException.class);
            }
        }
    }

    @Test
    void whitespaceLineBeforeTheFirstHeaderIsRefusedOrIgnored() throws Exception {
        // RFC 9112 section 2.2: reject the message or consume such lines without processing them
        String reply = "HTTP/1.1 200 OK\r\n  folded: x\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = connectionTo(server)) {
            List<HTTPResponse> responses = new ArrayList<>();
            Throwable thrown = catchThrowable(() -> {
                conn.request("GET", "/");
                responses.add(conn.getResponse());
            });
            if (thrown == null) {
                HTTPResponse response = responses.get(0);
                assertThat(response.getHeaders()).noneMatch(e -> (e.getKey() + e.getValue()).contains("folded"));
                assertThat(readText(response)).isEqualTo("ok");
            } else {
                assertThat(thrown).isInstanceOf(HTTPException.class);
            }
        }
    }

    @Test
    void trailerLineWithoutColonIsRefused() throws Exception {
        assertRefused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\nBad Trailer\r\n\r\n");
    }
}
