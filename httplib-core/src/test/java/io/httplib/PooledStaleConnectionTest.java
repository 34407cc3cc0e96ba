package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pooled connection is never replaced behind the client's back: one that the server closes
 * between acquisition and use is discarded and the retry is a new, counted attempt with its own
 * events; a new connection the server closed before the request fails the call rather than being
 * reopened silently.
 */
@Timeout(30)
class PooledStaleConnectionTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** Closes the server side of connection 0 while the client is inside connectionAcquired. */
    private static final class ClosingListener implements HttpEventListener {
        private final ScriptedServer server;
        private final boolean onReused;

        ClosingListener(ScriptedServer server, boolean onReused) {
            this.server = server;
            this.onReused = onReused;
        }

        @Override
        public void connectionAcquired(CallContext call, boolean reused) {
            if (reused == onReused && call.attempt() == 1) {
                try {
                    server.awaitConnection(0, Duration.ofSeconds(5)).close();
                    server.awaitServerClose(0, Duration.ofSeconds(5));
                    Thread.sleep(50); // the FIN reaches the client's socket
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void aPooledConnectionClosedBetweenAcquisitionAndUseIsDiscardedAndTheRetryIsACountedAttempt() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK), ScriptedServer.replies(OK))) {
            RecordingListener recorder = new RecordingListener();
            try (HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                    .eventListener(HttpEventListener.composite(recorder, new ClosingListener(server, true))).build()) {
                assertThat(client.send("GET", "/1", null, null).readString()).isEqualTo("ok");
                recorder.clear();
                try (ClientResponse r = client.send("GET", "/2", null, null)) {
                    assertThat(r.readString()).isEqualTo("ok");
                }
                List<CallContext> calls = recorder.calls();
                assertThat(calls).hasSize(1);
                assertThat(calls.get(0).attempt()).isEqualTo(2);
                assertThat(server.connectionCount()).isEqualTo(2);
                PoolStats stats = client.pool().stats();
                assertThat(stats.leased()).isZero();
                assertThat(stats.idle()).isEqualTo(1);
            }
            assertThat(recorder.events()).containsExactly(
                    "callStart",
                    "connectionAcquired(reused=true)",
                    "requestHeadersStart", "requestHeadersEnd",
                    "connectionReleased(keptAlive=false)",
                    "dnsStart", "dnsEnd", "connectStart", "connectEnd",
                    "connectionAcquired(reused=false)",
                    "requestHeadersStart", "requestHeadersEnd",
                    "responseHeadersStart", "responseHeadersEnd(200)", "responseBodyStart", "responseBodyEnd(2)",
                    "connectionReleased(keptAlive=true)",
                    "callEnd");
            recorder.assertBalanced();
        }
    }

    @Test
    void aNewConnectionTheServerClosedBeforeTheRequestFailsTheCallWithoutASilentReconnect() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK))) {
            RecordingListener recorder = new RecordingListener();
            try (HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                    .eventListener(HttpEventListener.composite(recorder, new ClosingListener(server, false))).build()) {
                assertThatThrownBy(() -> client.send("POST", "/", new byte[] {1, 2, 3}, null))
                        .isInstanceOf(IOException.class);
                server.settle();
                assertThat(server.connectionCount()).isEqualTo(1);
                assertThat(client.pool().stats().leased()).isZero();
            }
            assertThat(recorder.events().stream().filter("connectStart"::equals)).hasSize(1);
            recorder.assertBalanced();
        }
    }
}
