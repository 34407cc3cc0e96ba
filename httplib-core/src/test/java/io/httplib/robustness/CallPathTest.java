package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.CannotSendRequest;
import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HTTPConnection;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HTTPException;
import io.httplib.HTTPLimits;
import io.httplib.HTTPResponse;
import io.httplib.HttplibClient;
import io.httplib.LineTooLong;
import io.httplib.RequestHeadTooLarge;
import io.httplib.testing.Http;
import io.httplib.testing.KeepAliveServer;
import io.httplib.testing.ScriptedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public API driven as a careless or hostile caller, or a hostile server, would: calls from
 * another thread, interrupts, abandoned responses, bodies that fail, servers that answer early or
 * reset, limits at both ends. Each test asserts a typed error or the documented result, within a
 * bound far shorter than any timeout involved (so a hang shows as a failure, not a slow pass).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallPathTest {

    /** Longer than any bound asserted below: a stuck call would wait this long. */
    private static final Duration LONG = Duration.ofSeconds(30);
    /** The bound for a call that must fail "at once". */
    private static final Duration PROMPT = Duration.ofSeconds(3);

    private static HTTPConnection conn(int port) {
        return new HTTPConnection("127.0.0.1", port, LONG);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Runs the call on another thread; returns what it threw, or fails if it did not end within PROMPT. */
    private static Throwable failureWithin(Duration bound, CompletableFuture<?> call) throws InterruptedException {
        try {
            call.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the call did not end within " + bound);
        }
    }

    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return 'u';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'u');
                return len;
            }
        };
    }

    // --- close from another thread -------------------------------------------------------------

    @Test
    void closingTheConnectionFromAnotherThreadEndsABlockedGetResponseAtOnce() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.silent());
             HTTPConnection conn = conn(server.port())) {
            conn.request("GET", "/");
            CompletableFuture<HTTPResponse> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return conn.getResponse();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(200);
            long start = System.nanoTime();
            conn.close();
            assertThat(failureWithin(PROMPT, call)).isInstanceOf(IOException.class);
            assertThat(since(start)).isLessThan(PROMPT);
            assertThat(conn.isConnected()).isFalse();
        }
    }

    @Test
    void closingTheResponseFromAnotherThreadEndsABlockedBodyReadAtOnce() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
                    ex.awaitClientClose();
                });
             HTTPConnection conn = conn(server.port())) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            CompletableFuture<byte[]> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return r.read();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(200);
            r.close();
            assertThat(failureWithin(PROMPT, call)).isInstanceOf(IOException.class);
            assertThat(conn.isConnected()).isFalse();
        }
    }

    // --- abandoned responses ------------------------------------------------------------------

    @Test
    void aResponseAbandonedHalfReadBlocksTheNextRequestUntilClosedThenANewConnectionIsUsed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(
                ScriptedServer.replies("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"),
                ScriptedServer.replies(Http.ok("second")));
             HTTPConnection conn = conn(server.port())) {
            conn.request("GET", "/");
            HTTPResponse first = conn.getResponse();
            assertThat(first.read(3)).hasSize(3);
            assertThat(catchThrowable(() -> conn.request("GET", "/2"))).isInstanceOf(CannotSendRequest.class);
            first.close();
            conn.request("GET", "/2");
            assertThat(Http.readText(conn.getResponse())).isEqualTo("second");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void readingAResponseAfterItsConnectionWasClosedReturnsNothingAsInCPython() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("body")));
             HTTPConnection conn = conn(server.port())) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            conn.close();
            assertThat(r.isClosed()).isTrue();
            assertThat(r.read()).isEmpty();
            assertThat(r.getInputStream().read()).isEqualTo(-1);
        }
    }

    // --- interrupts ---------------------------------------------------------------------------

    @Test
    void anInterruptWhileWaitingForAPoolSlotIsATypedErrorThatKeepsTheFlagAndLeaksNothing() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok"));
             HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                     .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(LONG).build()).build();
             ClientResponse held = client.send("GET", "/held", null, null)) {
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CompletableFuture<Boolean> call = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                waiter.set(Thread.currentThread());
                try {
                    client.send("GET", "/waits", null, null).close();
                    call.complete(false);
                } catch (Throwable e) {
                    call.completeExceptionally(new IllegalStateException(Thread.currentThread().isInterrupted() + "", e));
                }
            });
            t.start();
            Thread.sleep(300);
            t.interrupt();
            Throwable thrown = failureWithin(PROMPT, call);
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("true");
            assertThat(thrown.getCause()).isInstanceOf(InterruptedIOException.class);
            assertThat(held.readString()).isEqualTo("ok");
            assertThat(client.pool().stats().leased()).isZero();
            assertThat(client.pool().stats().pending()).isZero();
        }
    }

    @Test
    void anInterruptWhileReadingAResponseThroughTheClientFailsTheCallAndFreesTheConnection() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        try (KeepAliveServer server = KeepAliveServer.start(r -> {
                    if (r.target().equals("/stall")) {
                        first.countDown();
                        Thread.sleep(20_000);
                    }
                    return KeepAliveServer.response(200, "OK", "ok");
                });
             HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                     .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(Duration.ofSeconds(2)).build())
                     .build()) {
            CompletableFuture<Void> call = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    client.send("GET", "/stall", null, null).close();
                    call.complete(null);
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                }
            });
            t.start();
            assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            t.interrupt();
            assertThat(failureWithin(PROMPT, call)).isInstanceOf(IOException.class);
            try (ClientResponse r = client.send("GET", "/after", null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    // --- the client and its pool closed under a call ------------------------------------------

    @Test
    void closingTheClientWakesACallWaitingForAPoolSlot() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok"))) {
            HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                    .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(LONG).build()).build();
            ClientResponse held = client.send("GET", "/held", null, null);
            CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
                try {
                    client.send("GET", "/waits", null, null).close();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(300);
            client.close();
            assertThat(failureWithin(PROMPT, call)).isInstanceOf(IllegalStateException.class);
            // The response in hand is still readable; its connection is closed when it is.
            assertThat(held.readString()).isEqualTo("ok");
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    // --- bodies that fail ---------------------------------------------------------------------

    @Test
    void aRequestBodyStreamThatFailsEndsTheCallWithItsErrorAndFreesTheConnection() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok"));
             HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                     .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(Duration.ofSeconds(2)).build())
                     .build()) {
            InputStream failing = new InputStream() {
                private int n;

                @Override
                public int read() throws IOException {
                    if (n++ > 1000) {
                        throw new IOException("disk gone");
                    }
                    return 'x';
                }
            };
            Throwable thrown = catchThrowable(() -> client.send(ClientRequest.builder("PUT", "/up").body(failing, -1).build()));
            assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("disk gone");
            try (ClientResponse r = client.send("GET", "/after", null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
        }
    }

    @Test
    void aBodyWriterThatWritesMoreThanItsDeclaredLengthIsATypedErrorAndFreesTheConnection() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok"));
             HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                     .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(Duration.ofSeconds(2)).build())
                     .build()) {
            Throwable thrown = catchThrowable(() -> client.send(ClientRequest.builder("PUT", "/up")
                    .body(out -> out.write(new byte[20]), 10, true).build()));
            assertThat(thrown).isInstanceOf(HTTPException.class).hasMessageContaining("longer than its Content-Length");
            Throwable runtime = catchThrowable(() -> client.send(ClientRequest.builder("PUT", "/up")
                    .body(out -> {
                        out.write(new byte[100]);
                        throw new IllegalStateException("writer bug");
                    }, -1, true).build()));
            assertThat(runtime).isInstanceOf(IllegalStateException.class).hasMessage("writer bug");
            try (ClientResponse r = client.send("GET", "/after", null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    // --- servers that answer early or reset ---------------------------------------------------

    @Test
    void aServerThatResetsDuringAnUploadFailsItWithASocketErrorAtOnce() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequestHead();
                    ex.readExactly(1000);
                    ex.reset();
                });
             HTTPConnection conn = conn(server.port())) {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> conn.request("PUT", "/", endless(), null));
            assertThat(thrown).isInstanceOf(IOException.class);
            assertThat(since(start)).isLessThan(PROMPT);
            assertThat(conn.isConnected()).isFalse();
        }
    }

    // --- limits at both ends ------------------------------------------------------------------

    @Test
    void theLargestLimitsParseAnOrdinaryResponse() throws Exception {
        HTTPLimits max = HTTPLimits.builder().maxLineLength(Integer.MAX_VALUE).maxHeaders(Integer.MAX_VALUE)
                .maxHeaderBytes(Integer.MAX_VALUE).maxInterimResponses(Integer.MAX_VALUE)
                .maxChunkExtensionLength(Integer.MAX_VALUE).maxRequestHeaders(Integer.MAX_VALUE)
                .maxRequestHeadBytes(Integer.MAX_VALUE).build();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n"
                        + "5;e=1\r\nhello\r\n0\r\nX-T: t\r\n\r\n"));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(LONG).limits(max).build()) {
            conn.request("GET", "/", (byte[]) null, Map.of("X-B", "2"));
            HTTPResponse r = conn.getResponse();
            assertThat(Http.readText(r)).isEqualTo("hello");
            assertThat(r.getTrailers().get("X-T")).isEqualTo("t");
        }
    }

    @Test
    void theSmallestLimitsRefuseWithTypedErrors() throws Exception {
        HTTPLimits one = HTTPLimits.builder().maxLineLength(1).build();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("x")));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(LONG)
                     .limits(HTTPLimits.builder().maxRequestHeadBytes(1).build()).build()) {
            assertThat(catchThrowable(() -> conn.request("GET", "/"))).isInstanceOf(RequestHeadTooLarge.class);
        }
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("x")));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(LONG).limits(one).build()) {
            // maxLineLength bounds the request line too: "GET / HTTP/1.1" does not fit in one byte.
            assertThat(catchThrowable(() -> conn.request("GET", "/"))).isInstanceOf(io.httplib.InvalidURL.class);
        }
        HTTPLimits tiny = HTTPLimits.builder().maxLineLength(16).build(); // "GET / HTTP/1.1\r\n" fits, "HTTP/1.1 200 OK\r\n" does not
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("x")));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(LONG).limits(tiny).build()) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(LineTooLong.class);
        }
        HTTPLimits oneHeader = HTTPLimits.builder().maxHeaders(1).maxInterimResponses(1).build();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Hints\r\n\r\n" + Http.ok("x")));
             HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(LONG).limits(oneHeader).build()) {
            conn.request("GET", "/");
            assertThat(catchThrowable(conn::getResponse)).isInstanceOf(HTTPException.class).hasMessageContaining("interim");
        }
    }

    @Test
    void aHeaderMapWithANullValueIsRefusedBeforeAnyConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("x")));
             HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()) {
            Map<String, String> headers = new java.util.HashMap<>();
            headers.put("X-A", null);
            assertThat(catchThrowable(() -> client.send("GET", "/", null, headers))).isInstanceOf(IllegalArgumentException.class);
            HTTPConnectionFactory.defaults();
            server.settle();
            assertThat(server.connectionCount()).isZero();
        }
    }

    // --- stream contract ----------------------------------------------------------------------

    /**
     * A read with an invalid range is the caller's mistake: it is refused by the InputStream
     * contract, and loses nothing. Before, the range reached the copy, the failure was taken for a
     * broken connection, the socket was closed and the next read returned -1: the body was
     * silently cut.
     */
    @Test
    void aReadWithAnInvalidRangeIsRefusedAndTheBodyIsStillReadWhole() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(Http.ok("0123456789"), Http.ok("next")));
             HTTPConnection conn = conn(server.port())) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            InputStream in = r.getInputStream();
            assertThat(catchThrowable(() -> in.read(new byte[4], 2, 5))).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(catchThrowable(() -> in.read(new byte[4], -1, 1))).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(catchThrowable(() -> in.read(new byte[4], 0, -1))).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(catchThrowable(() -> in.read(null, 0, 1))).isInstanceOf(NullPointerException.class);
            assertThat(Http.readText(r)).isEqualTo("0123456789");
            conn.request("GET", "/next");
            assertThat(Http.readText(conn.getResponse())).isEqualTo("next");
            assertThat(server.connectionCount()).as("the connection was kept").isEqualTo(1);
        }
    }

    @Test
    void aReadWithAnInvalidRangeThroughTheClientLosesNothing() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "0123456789"));
             HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
             ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(catchThrowable(() -> r.body().read(new byte[4], 3, 2))).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(r.readString()).isEqualTo("0123456789");
        }
    }

    @Test
    void sendWithNoDataIsRefusedBeforeAnyConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.silent());
             HTTPConnection conn = conn(server.port())) {
            assertThat(catchThrowable(() -> conn.send(null))).isInstanceOf(NullPointerException.class);
            assertThat(conn.isConnected()).isFalse();
            server.settle();
            assertThat(server.connectionCount()).isZero();
        }
    }
}
