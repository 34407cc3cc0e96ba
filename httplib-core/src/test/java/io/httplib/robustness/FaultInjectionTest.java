package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;
import io.httplib.IncompleteRead;
import io.httplib.RemoteDisconnected;
import io.httplib.testing.Http;
import io.httplib.testing.ScriptedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Network faults on loopback, each with the typed outcome a caller can rely on, and never a hang:
 * resets and half-closes mid-response, slow senders inside and outside the read timeout, a server
 * that stops reading an upload, and a keep-alive connection closed as it is reused.
 */
@Timeout(60)
class FaultInjectionTest {

    private static final Duration SHORT = Duration.ofMillis(500);

    @Test
    void resetInTheMiddleOfTheHeadersIsAnIOExceptionAndClosesTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Le");
                    ex.pause(50);
                    ex.reset();
                });
                HTTPConnection conn = Http.connectionTo(server)) {
            conn.request("GET", "/");
            long t0 = System.nanoTime();
            assertThatThrownBy(conn::getResponse).isInstanceOf(IOException.class);
            assertThat(elapsedMillis(t0)).isLessThan(Http.CLIENT_TIMEOUT.toMillis());
            assertThat(conn.isConnected()).isFalse();
        }
    }

    @Test
    void resetInTheMiddleOfTheBodyIsAnIOExceptionWithNoMoreThanTheBytesSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(50));
                    ex.pause(100);
                    ex.reset();
                });
                HTTPConnection conn = Http.connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            long t0 = System.nanoTime();
            Throwable thrown = catchIOException(r::read);
            assertThat(elapsedMillis(t0)).isLessThan(Http.CLIENT_TIMEOUT.toMillis());
            // Either the reset is seen first (SocketException) or the end of the data (IncompleteRead).
            if (thrown instanceof IncompleteRead ir) {
                assertThat(ir.getPartial().length).isLessThanOrEqualTo(50);
            }
            assertThat(conn.isConnected()).isFalse();
        }
    }

    @Test
    void halfCloseInTheMiddleOfTheBodyIsIncompleteReadWithEveryByteSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "x".repeat(50));
                    ex.shutdownOutput();
                    ex.awaitClientClose();
                });
                HTTPConnection conn = Http.connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            assertThatThrownBy(r::read).isInstanceOfSatisfying(IncompleteRead.class, e -> {
                assertThat(e.getPartial()).hasSize(50);
                assertThat(e.getExpected()).hasValue(50);
            });
            assertThat(conn.isConnected()).isFalse();
        }
    }

    @Test
    void halfCloseInTheMiddleOfAChunkIsIncompleteRead() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n" + "y".repeat(30));
                    ex.shutdownOutput();
                    ex.awaitClientClose();
                });
                HTTPConnection conn = Http.connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            assertThatThrownBy(r::read).isInstanceOfSatisfying(IncompleteRead.class,
                    e -> assertThat(e.getPartial()).hasSize(30));
        }
    }

    /** A slowloris reply, one byte every 5 ms: each read is well inside the timeout, so it parses. */
    @Test
    void responseSentOneByteAtATimeInsideTheTimeoutParsesCorrectly() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nX-Slow: yes\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.writeSlowly(reply, 5);
                    ex.awaitClientClose();
                });
                HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), SHORT)) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            assertThat(r.getHeader("X-Slow")).isEqualTo("yes");
            assertThat(Http.latin1(r.read())).isEqualTo("hello");
        }
    }

    /** One byte every 800 ms against a 300 ms read timeout: the first silent gap ends the request. */
    @Test
    void senderSlowerThanTheReadTimeoutEndsWithSocketTimeoutException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.writeSlowly("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 800);
                });
                HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), Duration.ofMillis(300))) {
            conn.request("GET", "/");
            long t0 = System.nanoTime();
            assertThatThrownBy(conn::getResponse).isInstanceOf(SocketTimeoutException.class);
            assertThat(elapsedMillis(t0)).isBetween(250L, 2_000L);
            assertThat(conn.isConnected()).isFalse();
        }
    }

    /**
     * A server that reads the request head and then stops reading: the upload fills the socket
     * buffers and the client's write blocks. Socket writes have no timeout in Java, so without a
     * guard the request would hang forever; the read timeout also bounds each write.
     */
    @Test
    void serverThatStopsReadingAnUploadEndsTheRequestWithSocketTimeoutException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequestHead();
                    ex.pause(30_000); // never reads the body
                })) {
            HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), SHORT);
            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return 'u';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    java.util.Arrays.fill(b, off, off + len, (byte) 'u');
                    return len;
                }
            };
            long t0 = System.nanoTime();
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    conn.request("POST", "/upload", endless, Map.of("Content-Length", Long.toString(1L << 40)));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Throwable thrown;
            try {
                thrown = outcome.get(SHORT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                conn.close(); // unblock the writer so the test ends; the assertion below reports the hang
                thrown = new AssertionError("request() still blocked in a socket write "
                        + elapsedMillis(t0) + " ms after it started, with a read timeout of " + SHORT.toMillis() + " ms");
            }
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
            assertThat(elapsedMillis(t0)).isLessThan(SHORT.toMillis() + 5_000);
            assertThat(conn.isConnected()).isFalse();
        }
    }

    /** The server closed the idle connection before it was reused: the client sees it and reconnects. */
    @Test
    void keptConnectionClosedByTheServerWhileIdleIsReplacedOnReuse() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replyAndClose(ok));
                HTTPConnection conn = Http.connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(Http.readText(conn.getResponse())).isEqualTo("ok");
            assertThat(conn.isConnected()).isTrue(); // kept: HTTP/1.1 without Connection: close
            server.awaitServerClose(0, Http.WAIT);
            conn.request("GET", "/2");
            assertThat(Http.readText(conn.getResponse())).isEqualTo("ok");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    /**
     * The race itself: the server closes the kept connection after the client's next request is
     * already on the wire. That request fails with {@link RemoteDisconnected} (httplib does not
     * resend on its own: the request may not be idempotent); the one after succeeds on a new
     * connection.
     */
    @Test
    void keptConnectionClosedJustAsItIsReusedIsRemoteDisconnectedAndTheNextRequestReconnects() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write(ok);
                    ex.readRequest(); // the reused connection's request arrives...
                    ex.close(); // ...and the server closes without answering
                }, ScriptedServer.replies(ok));
                HTTPConnection conn = Http.connectionTo(server)) {
            conn.request("GET", "/1");
            assertThat(Http.readText(conn.getResponse())).isEqualTo("ok");
            conn.request("GET", "/2");
            assertThatThrownBy(conn::getResponse).isInstanceOf(RemoteDisconnected.class);
            conn.request("GET", "/3");
            assertThat(Http.readText(conn.getResponse())).isEqualTo("ok");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    private interface IORunnable {
        Object run() throws IOException;
    }

    private static Throwable catchIOException(IORunnable r) {
        try {
            r.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected an IOException");
    }

    private static long elapsedMillis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
