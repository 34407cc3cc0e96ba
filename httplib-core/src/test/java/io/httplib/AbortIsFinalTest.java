package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.testing.ScriptedServer;
import io.httplib.testing.UnansweredPort;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An aborted connection never opens again: a deadline that fires between two steps of a call
 * ends it with {@link DeadlineExceeded}, and a {@code close()} from another thread fails the
 * request in progress instead of letting it reconnect on its own.
 */
@Timeout(30)
class AbortIsFinalTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void aDeadlineThatFiresWhileAListenerIsSlowInConnectionAcquiredEndsTheCallWithoutASecondConnection()
            throws Exception {
        HttpEventListener slow = new HttpEventListener() {
            @Override
            public void connectionAcquired(CallContext call, boolean reused) {
                sleep(800);
            }
        };
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port())
                        .requestTimeout(Duration.ofMillis(300)).eventListener(slow).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send("GET", "/", null, null)).isInstanceOf(DeadlineExceeded.class);
            // The listener runs on the caller's thread: the call ends as soon as it returns.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800 + 1500));
            server.settle();
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.receivedBytes(0)).isEmpty();
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void closeFromAnotherThreadDuringAConnectFailsTheRequestAtOnceInsteadOfReconnecting() throws Exception {
        try (UnansweredPort port = new UnansweredPort();
                HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(port.port())
                        .connectTimeout(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(10)).build()) {
            Thread closer = new Thread(() -> {
                sleep(300);
                conn.close();
            });
            closer.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> conn.request("GET", "/")).isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            closer.join(5_000);
            assertThat(conn.isConnected()).isFalse();
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
