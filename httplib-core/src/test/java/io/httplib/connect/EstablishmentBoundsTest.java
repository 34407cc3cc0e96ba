package io.httplib.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.DeadlineExceeded;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HTTPSConnection;
import io.httplib.HttplibClient;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import io.httplib.testing.UnansweredPort;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every step of establishing a connection ends within its named timeout or the call's deadline,
 * whichever comes first: the TCP connect, and the TLS handshake with a server that accepts TCP
 * and then says nothing.
 */
@Timeout(30)
class EstablishmentBoundsTest {

    @Test
    void aTlsHandshakeWithASilentServerFailsWithinTheConnectTimeoutWhenNoReadTimeoutIsSet() throws Exception {
        try (ScriptedServer silent = ScriptedServer.start(ScriptedServer.silent());
                HTTPSConnection conn = HTTPSConnection.builder("127.0.0.1").port(silent.port())
                        .connectTimeout(Duration.ofMillis(300)).build()) {
            assertThat(conn.getReadTimeoutMillis()).isZero();
            long start = System.nanoTime();
            assertThatThrownBy(() -> conn.request("GET", "/")).isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        }
    }

    @Test
    void aPooledClientsTlsHandshakeIsBoundedByTheConnectTimeoutToo() throws Exception {
        try (ScriptedServer silent = ScriptedServer.start(ScriptedServer.silent());
                HttplibClient client = HttplibClient.builder()
                        .connectionFactory(HTTPConnectionFactory.builder().connectTimeout(Duration.ofMillis(300))
                                .readTimeout(null).build())
                        .build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send("GET", "https://127.0.0.1:" + silent.port() + "/", null, null))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void aConnectToAnAddressThatNeverAnswersEndsAtTheDeadlineNotTheConnectTimeout() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (UnansweredPort port = new UnansweredPort();
                HttplibClient client = HttplibClient.builder()
                        .connectionFactory(HTTPConnectionFactory.builder().connectTimeout(Duration.ofSeconds(5)).build())
                        .requestTimeout(Duration.ofMillis(500))
                        .eventListener(recorder)
                        .build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:" + port.port() + "/", null, null))
                    .isInstanceOf(DeadlineExceeded.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
            assertThat(client.pool().stats().leased()).isZero();
        }
        assertThat(recorder.events()).containsSubsequence("connectStart", "connectFailed", "callFailed(DeadlineExceeded)");
        recorder.assertBalanced();
    }

    @Test
    void aConnectTimeoutShorterThanTheDeadlineStillApplies() throws Exception {
        try (UnansweredPort port = new UnansweredPort();
                HttplibClient client = HttplibClient.builder()
                        .connectionFactory(HTTPConnectionFactory.builder().connectTimeout(Duration.ofMillis(300)).build())
                        .requestTimeout(Duration.ofSeconds(10))
                        .build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:" + port.port() + "/", null, null))
                    .isInstanceOf(SocketTimeoutException.class)
                    .isNotInstanceOf(DeadlineExceeded.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        }
    }
}
