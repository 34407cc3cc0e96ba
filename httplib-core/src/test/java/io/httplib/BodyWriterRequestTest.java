package io.httplib;

import static io.httplib.testing.Http.connectionTo;
import static io.httplib.testing.Http.ok;
import static io.httplib.testing.Http.readText;
import static io.httplib.testing.ScriptedServer.replies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.ScriptedServer;
import io.httplib.testing.ScriptedServer.Request;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies written by a {@link BodyWriter}: framing chosen as they are written, nothing held whole. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BodyWriterRequestTest {

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** Writes the body in uneven pieces, as an encoder would. */
    private static BodyWriter inPieces(byte[] body) {
        return out -> {
            int off = 0;
            int piece = 1;
            while (off < body.length) {
                int n = Math.min(piece, body.length - off);
                out.write(body, off, n);
                off += n;
                piece = piece * 3 + 1;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 8 * 1024, 8 * 1024 + 1, HTTPConnection.ADAPTIVE_BODY_BUFFER})
    void bodyThatFitsTheBufferIsSentWithContentLength(int size) throws Exception {
        byte[] body = pattern(size);
        try (ScriptedServer server = ScriptedServer.start(replies(ok("done")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("POST", "/upload", inPieces(body), Map.of("Content-Type", "application/octet-stream"));
            assertThat(readText(conn.getResponse())).isEqualTo("done");
            Request request = server.request(0);
            assertThat(request.headers("Content-Length")).containsExactly(Integer.toString(size));
            assertThat(request.headers("Transfer-Encoding")).isEmpty();
            assertThat(request.body()).isEqualTo(body);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {HTTPConnection.ADAPTIVE_BODY_BUFFER + 1, 1024 * 1024 + 7})
    void bodyThatOutgrowsTheBufferIsStreamedChunked(int size) throws Exception {
        byte[] body = pattern(size);
        try (ScriptedServer server = ScriptedServer.start(replies(ok("done")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("PUT", "/upload", inPieces(body), null);
            assertThat(readText(conn.getResponse())).isEqualTo("done");
            Request request = server.request(0);
            assertThat(request.headers("Transfer-Encoding")).containsExactly("chunked");
            assertThat(request.headers("Content-Length")).isEmpty();
            assertThat(request.body()).isEqualTo(body);
        }
    }

    @Test
    void givenContentLengthIsHonouredAndTheConnectionIsReused() throws Exception {
        byte[] body = pattern(100_000);
        try (ScriptedServer server = ScriptedServer.start(replies(ok("one"), ok("two")));
             HTTPConnection conn = connectionTo(server)) {
            conn.request("POST", "/a", inPieces(body), Map.of("Content-Length", "100000"));
            assertThat(readText(conn.getResponse())).isEqualTo("one");
            conn.request("POST", "/b", (BodyWriter) out -> out.write('x'), null);
            assertThat(readText(conn.getResponse())).isEqualTo("two");
            assertThat(server.request(0).body()).isEqualTo(body);
            assertThat(server.request(1).body()).isEqualTo(new byte[] {'x'});
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void writerThatWritesMoreThanItsContentLengthIsStoppedBeforeTheExtraBytesGoOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("never")));
             HTTPConnection conn = connectionTo(server)) {
            assertThatThrownBy(() -> conn.request("POST", "/", (BodyWriter) out -> out.write(pattern(20)),
                    Map.of("Content-Length", "10")))
                    .isInstanceOf(HTTPException.class).hasMessageContaining("longer than its Content-Length");
            server.settle();
            assertThat(new String(server.receivedBytes(0), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("klmnopqrst");
        }
    }

    @Test
    void writerFailureClosesTheConnectionAndTheNextRequestStartsClean() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(replies(ok("first")), replies(ok("second")));
             HTTPConnection conn = connectionTo(server)) {
            byte[] big = pattern(HTTPConnection.ADAPTIVE_BODY_BUFFER * 2);
            assertThatThrownBy(() -> conn.request("POST", "/", (BodyWriter) out -> {
                out.write(big);
                throw new IOException("encoder failed");
            }, null)).hasMessage("encoder failed");
            conn.request("GET", "/again");
            assertThat(readText(conn.getResponse())).isIn("first", "second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void clientRequestWithAReplayableWriterIsSentThroughThePool() throws Exception {
        byte[] body = pattern(200_000);
        try (ScriptedServer server = ScriptedServer.start(replies(ok("pooled")));
             HttplibClient client = HttplibClient.builder().build();
             ClientResponse r = client.send(ClientRequest.builder("POST", "http://127.0.0.1:" + server.port() + "/p")
                     .body(inPieces(body), -1, true).build())) {
            assertThat(r.readString()).isEqualTo("pooled");
            assertThat(Arrays.equals(server.request(0).body(), body)).isTrue();
        }
    }
}
