package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.OptionalLong;

import static io.httplib.testing.Http.CLIENT_TIMEOUT;
import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.latin1;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.closeWithoutReply;
import static io.httplib.testing.ScriptedServer.replies;
import static io.httplib.testing.ScriptedServer.replyAndClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Broken or hostile responses: truncation, bad status lines, oversize input, bad framing headers. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResponseErrorTest {

    /** Sends a GET and reads the whole response; returns what was thrown on the way, or null. */
    private static Throwable fetchFully(HTTPConnection conn) {
        return catchThrowable(() -> {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            response.read();
        });
    }

    @Test
    void truncatedContentLengthBodyThrowsIncompleteReadWithPartialAndRemaining() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            IncompleteRead thrown = catchThrowableOfType(IncompleteRead.class, response::read);
            assertThat(thrown).isNotNull();
            assertThat(latin1(thrown.getPartial())).isEqualTo("hello");
            assertThat(thrown.getExpected()).isEqualTo(OptionalLong.of(5));
        }
    }

    @Test
    void truncatedContentLengthBodyThrowsIncompleteReadWhenReadInPieces() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            ByteArrayOutputStream returned = new ByteArrayOutputStream();
            Throwable thrown = catchThrowable(() -> {
                for (int i = 0; i < 100; i++) {
                    byte[] piece = response.read(4);
                    if (piece.length == 0) {
                        return; // a clean end of body: the truncation went unnoticed
                    }
                    returned.write(piece);
                }
            });
            assertThat(thrown).as("read(amt) must not report a clean end of a truncated body")
                    .isInstanceOf(IncompleteRead.class);
            assertThat("hello").startsWith(latin1(returned.toByteArray()));
        }
    }

    @Test
    void truncatedChunkedBodyThrowsIncompleteReadIncludingTheCutChunk() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replyAndClose(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n8\r\nwor"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            IncompleteRead thrown = catchThrowableOfType(IncompleteRead.class, response::read);
            assertThat(thrown).isNotNull();
            assertThat(latin1(thrown.getPartial())).isEqualTo("hellowor");
        }
    }

    @Test
    void chunkedBodyEndingBeforeTheLastChunkThrowsIncompleteRead() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replyAndClose(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            IncompleteRead thrown = catchThrowableOfType(IncompleteRead.class, response::read);
            assertThat(thrown).isNotNull();
            assertThat(latin1(thrown.getPartial())).isEqualTo("hello");
        }
    }

    @Test
    void emptyReplyThrowsRemoteDisconnected() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(closeWithoutReply());
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(RemoteDisconnected.class);
        }
    }

    @Test
    void replyCutInsideTheHeadersIsAnError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Cut"));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(HTTPException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyzzy 200 OK", "SPAM/1.1 200 OK", "\u0001\u0002\u0003garbage", "200 OK"})
    void garbageStatusLineThrowsBadStatusLine(String line) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(line + "\r\nContent-Length: 0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(BadStatusLine.class);
        }
    }

    @Test
    void statusLineOverTheDefaultLimitThrowsLineTooLong() throws Exception {
        String reply = "HTTP/1.1 200 " + "a".repeat(70_000) + "\r\nContent-Length: 0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            LineTooLong thrown = catchThrowableOfType(LineTooLong.class, conn::getResponse);
            assertThat(thrown).isNotNull();
            assertThat(thrown.getLimit()).isEqualTo(65536);
        }
    }

    @Test
    void headerLineOverTheDefaultLimitThrowsLineTooLong() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(70_000) + "\r\nContent-Length: 0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            LineTooLong thrown = catchThrowableOfType(LineTooLong.class, conn::getResponse);
            assertThat(thrown).isNotNull();
            assertThat(thrown.getLimit()).isEqualTo(65536);
        }
    }

    @Test
    void headerLineJustUnderTheDefaultLimitIsAccepted() throws Exception {
        String value = "c".repeat(60_000);
        String reply = "HTTP/1.1 200 OK\r\nX-Big: " + value + "\r\nContent-Length: 0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(conn.getResponse().getHeader("X-Big")).isEqualTo(value);
        }
    }

    @Test
    void configuredLineLimitIsApplied() throws Exception {
        HTTPLimits limits = HTTPLimits.builder().maxLineLength(100).build();
        String reply = "HTTP/1.1 200 OK\r\nX-Long: " + "d".repeat(200) + "\r\nContent-Length: 0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                     .port(server.port()).timeout(CLIENT_TIMEOUT).limits(limits).build()) {
            conn.request("GET", "/");
            LineTooLong thrown = catchThrowableOfType(LineTooLong.class, conn::getResponse);
            assertThat(thrown).isNotNull();
            assertThat(thrown.getLimit()).isEqualTo(100);
        }
    }

    @Test
    void moreThanOneHundredHeadersThrowHTTPException() throws Exception {
        StringBuilder lines = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 100; i++) {
            lines.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        lines.append("Content-Length: 0\r\n\r\n"); // 101 header fields
        try (ScriptedServer server = ScriptedServer.start(replies(lines.toString()));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void configuredHeaderCountLimitIsApplied() throws Exception {
        HTTPLimits limits = HTTPLimits.builder().maxHeaders(3).build();
        String reply = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(replies(reply));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                     .port(server.port()).timeout(CLIENT_TIMEOUT).limits(limits).build()) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void conflictingContentLengthsThrowHTTPException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void conflictingContentLengthsInOneFieldThrowHTTPException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!"));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void repeatedIdenticalContentLengthInOneFieldIsAccepted() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("next");
        }
    }

    @Test
    void twoIdenticalContentLengthFieldsAreAccepted() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
    }

    @Test
    void contentLengthTogetherWithTransferEncodingThrowsHTTPException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void unknownTransferEncodingThrowsUnknownTransferEncoding() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxxxxx"));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(UnknownTransferEncoding.class);
        }
    }

    @Test
    void chunkedThatIsNotTheLastTransferCodingIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(HTTPException.class);
        }
    }

    @Test
    void transferCodingOtherThanChunkedBeforeChunkedThrowsUnknownTransferEncoding() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(UnknownTransferEncoding.class);
        }
    }

    @Test
    void transferEncodingChunkedIsMatchedWithoutRegardToCase() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
    }

    @Test
    void nextRequestAfterAMalformedResponseUsesANewConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"),
                replies(ok("clean")));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(HTTPException.class);
            conn.request("GET", "/again");
            assertThat(readText(conn.getResponse())).isEqualTo("clean");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void nextRequestAfterABadStatusLineUsesANewConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies("garbage\r\n\r\n"), replies(ok("clean")));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(BadStatusLine.class);
            conn.request("GET", "/again");
            assertThat(readText(conn.getResponse())).isEqualTo("clean");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void nextRequestAfterAnIncompleteReadUsesANewConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"),
                replies(ok("clean")));
             HTTPConnection conn = connectionTo(server)) {
            assertThat(fetchFully(conn)).isInstanceOf(IncompleteRead.class);
            conn.request("GET", "/again");
            assertThat(readText(conn.getResponse())).isEqualTo("clean");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void configuredHeaderBytesLimitIsApplied() throws Exception {
        HTTPLimits limits = HTTPLimits.builder().maxHeaderBytes(1000).build();
        StringBuilder reply = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 20; i++) {
            reply.append("X-Filler-").append(i).append(": ").append("f".repeat(100)).append("\r\n");
        }
        reply.append("Content-Length: 0\r\n\r\n");
        try (ScriptedServer server = ScriptedServer.start(replies(reply.toString()));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1")
                     .port(server.port()).timeout(CLIENT_TIMEOUT).limits(limits).build()) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(HTTPException.class);
        }
    }
}
