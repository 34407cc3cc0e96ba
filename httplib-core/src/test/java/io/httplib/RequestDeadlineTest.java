package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RequestDeadlineTest {

    private static HttplibClient client(ScriptedServer server, Duration deadline, RecordingListener listener) {
        return HttplibClient.builder()
                .name("deadline-test")
                .baseUri("http://127.0.0.1:" + server.port())
                .connectionFactory(HTTPConnectionFactory.builder().readTimeout(Duration.ofSeconds(15)).build())
                .requestTimeout(deadline)
                .eventListener(listener)
                .build();
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallWhenTheDeadlinePasses() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.silent());
                HttplibClient client = client(server, Duration.ofMillis(300), recorder)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send("GET", "/", null, null))
                    .isInstanceOf(DeadlineExceeded.class)
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageStartingWith("request deadline of 300 ms passed: GET http://127.0.0.1:");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
            assertThat(client.pool().stats().leased()).isZero();
        }
        assertThat(recorder.events()).last().isEqualTo("callFailed(DeadlineExceeded)");
        recorder.assertBalanced();
    }

    @Test
    void theDeadlineCoversReadingTheBody() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
                    ex.awaitClientClose();
                });
                HttplibClient client = client(server, Duration.ofMillis(300), null)) {
            ClientResponse r = client.send("GET", "/", null, null);
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DeadlineExceeded.class);
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void aPerRequestTimeoutOverridesTheClientsDeadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.silent());
                HttplibClient client = client(server, Duration.ofSeconds(30), null)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send(ClientRequest.builder("GET", "/").timeout(Duration.ofMillis(200)).build()))
                    .isInstanceOf(DeadlineExceeded.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void waitingForAPooledConnectionIsBoundedByTheDeadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                HttplibClient client = HttplibClient.builder()
                        .baseUri("http://127.0.0.1:" + server.port())
                        .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(Duration.ofSeconds(30)).build())
                        .build()) {
            ClientResponse held = client.send("GET", "/", null, null);
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send(ClientRequest.builder("GET", "/").timeout(Duration.ofMillis(200)).build()))
                    .isInstanceOf(DeadlineExceeded.class)
                    .hasCauseInstanceOf(PoolTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            held.close();
        }
    }

    @Test
    void aCallThatEndsInTimeLeavesItsConnectionReusable() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                HttplibClient client = client(server, Duration.ofMillis(200), null)) {
            assertThat(client.send("GET", "/", null, null).readString()).isEqualTo("ok");
            Thread.sleep(300); // past the first call's deadline: it was cancelled, the idle socket is intact
            assertThat(client.send("GET", "/", null, null).readString()).isEqualTo("ok");
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void closingTheClientStopsTheDeadlineThread() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            HttplibClient client = client(server, Duration.ofSeconds(5), null);
            client.send("GET", "/", null, null).close();
            assertThat(deadlineThreadAlive()).isTrue();
            client.close();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (deadlineThreadAlive() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(deadlineThreadAlive()).isFalse();
        }
    }

    private static boolean deadlineThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("httplib-deadline-deadline-test") && t.isAlive());
    }
}
