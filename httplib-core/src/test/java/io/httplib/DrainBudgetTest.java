package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.testing.ScriptedServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClientResponse#close()} reads the rest of a body to keep its connection only within
 * {@link ClientResponse#DRAIN_LIMIT} bytes and {@link ClientResponse#DRAIN_TIME_BUDGET}: a server
 * that trickles costs the caller a new connection, never minutes in {@code close()}.
 */
@Timeout(30)
class DrainBudgetTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void closeOnABodyTheServerTricklesReturnsWithinTheBudgetAndTheConnectionIsNotReused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Length: 200\r\n\r\nx");
                    ex.writeSlowly("y".repeat(199), 100);
                }, ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()) {
            ClientResponse r = client.send("GET", "/slow", null, null);
            assertThat(r.body().read()).isEqualTo('x');
            long start = System.nanoTime();
            r.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(ClientResponse.DRAIN_TIME_BUDGET.plusSeconds(1));
            assertThat(client.pool().stats().leased()).isZero();
            assertThat(client.pool().stats().idle()).isZero();
            assertThat(client.send("GET", "/next", null, null).readString()).isEqualTo("ok");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void closeDrainsAShortRestThatArrivesInTimeAndKeepsTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "z".repeat(1000), OK))) {
            try (HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build()) {
                ClientResponse r = client.send("GET", "/", null, null);
                assertThat(r.body().read()).isEqualTo('z');
                r.close();
                assertThat(client.pool().stats().idle()).isEqualTo(1);
                assertThat(client.send("GET", "/next", null, null).readString()).isEqualTo("ok");
                assertThat(server.connectionCount()).isEqualTo(1);
            }
        }
    }
}
