package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.KeepAliveServer;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StaleConnectionRetryTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** Connection 0 answers one request, then takes the next and closes without a reply; later ones answer. */
    private static ScriptedServer closingAfterOneReply() throws Exception {
        return ScriptedServer.start(ex -> {
            ex.readRequest();
            ex.write(OK);
            ex.readRequest();
            ex.close();
        }, ScriptedServer.replies(OK, OK, OK));
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedBeforeTheNextRequest() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok"), 100);
                HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                        .pool(ConnectionPool.builder().validateAfterInactivity(Duration.ofMillis(50)).build()).build()) {
            assertThat(client.send("GET", "/", null, null).readString()).isEqualTo("ok");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.openConnections() > 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(client.send("POST", "/", new byte[] {1}, null).readString()).isEqualTo("ok");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void withinTheValidationWindowAClosedConnectionIsNotProbedAndAGetIsRetriedAsANewAttempt() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok"), 100);
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).eventListener(recorder)
                        .pool(ConnectionPool.builder().validateAfterInactivity(Duration.ofMinutes(1)).build()).build()) {
            assertThat(client.send("GET", "/", null, null).readString()).isEqualTo("ok");
            awaitServerClosedAll(server);
            recorder.clear();
            assertThat(client.send("GET", "/", null, null).readString()).isEqualTo("ok");
            assertThat(recorder.calls().get(0).attempt()).isEqualTo(2);
            assertThat(server.connectionCount()).isEqualTo(2);
        }
        assertThat(recorder.events()).containsSubsequence("connectionAcquired(reused=true)",
                "connectionReleased(keptAlive=false)", "connectStart", "connectionAcquired(reused=false)", "callEnd");
    }

    @Test
    void withinTheValidationWindowAPostOnAConnectionTheServerClosedFailsRatherThanBeingSentTwice() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok"), 100);
                HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                        .pool(ConnectionPool.builder().validateAfterInactivity(Duration.ofMinutes(1)).build()).build()) {
            assertThat(client.send("GET", "/", null, null).readString()).isEqualTo("ok");
            awaitServerClosedAll(server);
            assertThatThrownBy(() -> client.send("POST", "/", new byte[] {1}, null)).isInstanceOf(IOException.class);
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    private static void awaitServerClosedAll(KeepAliveServer server) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openConnections() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        Thread.sleep(20); // the FIN reaches the client's socket
    }

    @Test
    void anIdempotentRequestIsRetriedOnceWhenTheReusedConnectionDiesUnderIt() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (ScriptedServer server = closingAfterOneReply();
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .eventListener(recorder).build()) {
            client.send("GET", "/", null, null).readAllBytes();
            recorder.clear();
            try (ClientResponse r = client.send("PUT", "/", "data".getBytes(), null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(recorder.calls().get(0).attempt()).isEqualTo(2);
        }
        assertThat(recorder.events()).containsSubsequence(
                "connectionAcquired(reused=true)", "connectionReleased(keptAlive=false)",
                "connectStart", "connectionAcquired(reused=false)", "responseHeadersEnd(200)", "callEnd");
        recorder.assertBalanced();
    }

    @Test
    void aPostIsNotRetriedOnceItsRequestWasSent() throws Exception {
        try (ScriptedServer server = closingAfterOneReply();
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()) {
            client.send("GET", "/", null, null).readAllBytes();
            assertThatThrownBy(() -> client.send("POST", "/", "data".getBytes(), null))
                    .isInstanceOf(RemoteDisconnected.class);
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void aRequestWithAStreamedBodyIsNotRetried() throws Exception {
        try (ScriptedServer server = closingAfterOneReply();
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()) {
            client.send("GET", "/", null, null).readAllBytes();
            ClientRequest put = ClientRequest.builder("PUT", "/").body(new ByteArrayInputStream("data".getBytes()), 4).build();
            assertThat(put.isBodyReplayable()).isFalse();
            assertThatThrownBy(() -> client.send(put)).isInstanceOf(RemoteDisconnected.class);
        }
    }

    @Test
    void aFailureOnANewConnectionIsNotRetried() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.closeWithoutReply(), ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()) {
            assertThatThrownBy(() -> client.send("GET", "/", null, null)).isInstanceOf(RemoteDisconnected.class);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }
}
