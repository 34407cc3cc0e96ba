package io.httplib;

import io.httplib.testing.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.latin1;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static io.httplib.testing.ScriptedServer.replyAndClose;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading response bodies: Content-Length, chunked, close-delimited and bodiless responses. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResponseBodyTest {

    private static final String CHUNKED_WITH_EXTENSIONS_AND_TRAILERS =
            "HTTP/1.1 200 OK\r\n"
                    + "Transfer-Encoding: chunked\r\n"
                    + "\r\n"
                    + "5;name=value\r\n"
                    + "hello\r\n"
                    + "1;flag\r\n"
                    + " \r\n"
                    + "A;a=1;b=\"quoted\"\r\n"
                    + "0123456789\r\n"
                    + "0\r\n"
                    + "X-Trailer: t\r\n"
                    + "X-Checksum: 1234\r\n"
                    + "\r\n";

    @Test
    void contentLengthBodyIsReadExactly() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("exactly this")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("exactly this");
            assertThat(response.read()).isEmpty();
            assertThat(response.isClosed()).isTrue();
        }
    }

    @Test
    void binaryContentLengthBodyIsReadByteForByte() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            all.append((char) i);
        }
        try (ScriptedServer server = ScriptedServer.start(replies(ok(all.toString())));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(conn.getResponse().read()).isEqualTo(latin1(all.toString()));
        }
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsReadCompletely() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(CHUNKED_WITH_EXTENSIONS_AND_TRAILERS, ok("next")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("hello 0123456789");
            assertThat(response.isClosed()).isTrue();

            // the trailers were consumed: the next response on the same connection parses cleanly
            conn.request("GET", "/next");
            assertThat(readText(conn.getResponse())).isEqualTo("next");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void chunkedBodyIsReadInPiecesAcrossChunkBoundaries() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(CHUNKED_WITH_EXTENSIONS_AND_TRAILERS));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readInPieces(response, 3)).isEqualTo("hello 0123456789");
        }
    }

    @Test
    void closeDelimitedBodyIsReadUntilTheServerCloses() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readText(response)).isEqualTo("until the end");
            assertThat(response.isClosed()).isTrue();
        }
    }

    @Test
    void http10BodyWithoutLengthIsReadUntilClose() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold style\r\nbody"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getVersion()).isEqualTo(10);
            assertThat(readText(response)).isEqualTo("old style\r\nbody");
        }
    }

    @Test
    void headResponseWithContentLengthHasNoBodyAndKeepsTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", ok("after head")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("HEAD", "/");
            HTTPResponse head = conn.getResponse();
            assertThat(head.getStatus()).isEqualTo(200);
            assertThat(head.getHeader("Content-Length")).isEqualTo("1234");
            assertThat(head.read()).isEmpty();
            assertThat(head.isClosed()).isTrue();

            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("after head");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void headResponseWithChunkedEncodingHasNoBody() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", ok("after head")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("HEAD", "/");
            assertThat(conn.getResponse().read()).isEmpty();
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("after head");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void noContentResponseHasNoBodyAndKeepsTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 204 No Content\r\nX-Info: none\r\n\r\n", ok("after 204")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("DELETE", "/thing");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(204);
            assertThat(response.read()).isEmpty();

            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("after 204");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void notModifiedResponseHasNoBodyEvenWithContentLength() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 42\r\n\r\n", ok("after 304")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/cached");
            HTTPResponse response = conn.getResponse();
            assertThat(response.getStatus()).isEqualTo(304);
            assertThat(response.read()).isEmpty();

            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("after 304");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void zeroContentLengthBodyIsEmpty() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok(""), ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(conn.getResponse().read()).isEmpty();
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 100})
    void readWithAmountReturnsTheBodyInPiecesNoLargerThanAsked(int amount) throws Exception {
        String body = "0123456789abcdefghijklmnopqrstuvwxyz";
        try (ScriptedServer server = ScriptedServer.start(replies(ok(body)));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            assertThat(readInPieces(response, amount)).isEqualTo(body);
            assertThat(response.read(amount)).isEmpty();
            assertThat(response.isClosed()).isTrue();
        }
    }

    @Test
    void readWithAmountThenReadReturnsTheRest() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("0123456789")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse response = conn.getResponse();
            byte[] first = response.read(4);
            assertThat(first.length).isBetween(1, 4);
            String rest = readText(response);
            assertThat(latin1(first) + rest).isEqualTo("0123456789");
        }
    }

    @Test
    void readWithAmountOnACloseDelimitedBodyStopsAtTheEnd() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replyAndClose("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nstreamed until close"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readInPieces(conn.getResponse(), 4)).isEqualTo("streamed until close");
        }
    }

    @Test
    void inputStreamReadsTheSameBytesAsRead() throws Exception {
        String body = "streaming view of the body";
        try (ScriptedServer server = ScriptedServer.start(replies(ok(body), CHUNKED_WITH_EXTENSIONS_AND_TRAILERS));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/length");
            try (InputStream in = conn.getResponse().getInputStream()) {
                assertThat(latin1(in.readAllBytes())).isEqualTo(body);
                assertThat(in.read()).isEqualTo(-1);
            }
            conn.request("GET", "/chunked");
            try (InputStream in = conn.getResponse().getInputStream()) {
                ByteArrayOutputStream collected = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    collected.write(b);
                }
                assertThat(latin1(collected.toByteArray())).isEqualTo("hello 0123456789");
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void bodyArrivingSlowlyIsReadCompletely() throws Exception {
        ScriptedServer.Script slow = ex -> {
            ex.readRequest();
            ex.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            ex.writeSlowly("4\r\nslow\r\n5\r\n body\r\n0\r\n\r\n", 2);
            ex.awaitClientClose();
        };
        try (ScriptedServer server = ScriptedServer.start(slow);
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("slow body");
        }
    }

    @Test
    void largeBodyIsReadCompletely() throws Exception {
        String body = "abcdefghij".repeat(100_000);
        try (ScriptedServer server = ScriptedServer.start(replies(ok(body)));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo(body);
        }
    }

    private static String readInPieces(HTTPResponse response, int amount) throws Exception {
        StringBuilder all = new StringBuilder();
        while (true) {
            byte[] piece = response.read(amount);
            assertThat(piece.length).isLessThanOrEqualTo(amount);
            if (piece.length == 0) {
                return all.toString();
            }
            all.append(latin1(piece));
        }
    }

    @Test
    void largeChunkedBodyIsReadCompletelyAndTheConnectionReused() throws Exception {
        StringBuilder chunked = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String data = String.valueOf((char) ('a' + i % 26)).repeat(30_000 + i);
            chunked.append(Integer.toHexString(data.length())).append("\r\n").append(data).append("\r\n");
            expected.append(data);
        }
        chunked.append("0\r\n\r\n");
        try (ScriptedServer server = ScriptedServer.start(
                replies(chunked.toString(), chunked.toString(), ok("last")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(readText(conn.getResponse())).isEqualTo(expected.toString());

            conn.request("GET", "/2");
            try (InputStream in = conn.getResponse().getInputStream()) {
                ByteArrayOutputStream collected = new ByteArrayOutputStream();
                byte[] buffer = new byte[100_000];
                int n;
                while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                    collected.write(buffer, 0, n);
                }
                assertThat(latin1(collected.toByteArray())).isEqualTo(expected.toString());
            }

            conn.request("GET", "/3");
            assertThat(readText(conn.getResponse())).isEqualTo("last");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void largeContentLengthBodyReadWithABigBufferStopsAtTheBodyEnd() throws Exception {
        String body = "z".repeat(300_000);
        try (ScriptedServer server = ScriptedServer.start(replies(ok(body), ok("last")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/1");
            try (InputStream in = conn.getResponse().getInputStream()) {
                ByteArrayOutputStream collected = new ByteArrayOutputStream();
                byte[] buffer = new byte[1_000_000];
                int n;
                while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                    collected.write(buffer, 0, n);
                }
                assertThat(collected.size()).isEqualTo(body.length());
            }
            conn.request("GET", "/2");
            assertThat(readText(conn.getResponse())).isEqualTo("last");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void contentLengthWithLeadingZerosIsAccepted() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                replies("HTTP/1.1 200 OK\r\nContent-Length: 0005\r\n\r\nhello"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
    }

    @Test
    void lastChunkWithAnExtensionEndsTheBody() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0;final=yes\r\n\r\n",
                ok("next")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
            conn.request("GET", "/next");
            assertThat(readText(conn.getResponse())).isEqualTo("next");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void chunkSizePaddedWithManyLeadingZerosIsAccepted() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000000005\r\nhello\r\n0\r\n\r\n"));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("GET", "/");
            assertThat(readText(conn.getResponse())).isEqualTo("hello");
        }
    }
}
