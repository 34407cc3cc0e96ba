package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HTTPConnection;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.testing.ScriptedServer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Wait for ever" written as the longest {@link Duration} ({@code ChronoUnit.FOREVER.getDuration()},
 * or anything past the 292 years a {@code long} of nanoseconds holds) is a valid setting everywhere
 * a timeout is taken: it builds, and calls made with it succeed. Before, each of these failed with
 * an {@link ArithmeticException} ("long overflow"), some from the builder, some from the middle of
 * a call.
 */
@Timeout(30)
class ReviewExtremeDurationsTest {

    static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static void twoCallsOnOneConnection(HttplibClient client, ScriptedServer server) throws Exception {
        for (int i = 0; i < 2; i++) {
            try (ClientResponse r = client.send("GET", "http://127.0.0.1:" + server.port() + "/", null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
        }
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(client.pool().stats().leased()).isZero();
    }

    @Test
    void aClientDeadlineOfForeverLetsCallsComplete() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                HttplibClient client = HttplibClient.builder().requestTimeout(FOREVER).build()) {
            twoCallsOnOneConnection(client, server);
        }
    }

    @Test
    void aRequestTimeoutOfForeverLetsTheCallComplete() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().build();
                ClientResponse r = client.send(ClientRequest.builder("GET", "http://127.0.0.1:" + server.port() + "/")
                        .timeout(FOREVER).build())) {
            assertThat(r.readString()).isEqualTo("ok");
        }
    }

    @Test
    void poolTimeoutsOfForeverBuildAndKeepConnectionsForReuse() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                HttplibClient client = HttplibClient.builder().pool(ConnectionPool.builder()
                        .acquireTimeout(FOREVER).idleTimeout(FOREVER).maxLifetime(FOREVER).build()).build()) {
            twoCallsOnOneConnection(client, server);
            assertThat(client.pool().stats().idle()).isEqualTo(1);
        }
    }

    @Test
    void aCallerWaitingForeverForAConnectionGetsTheOneReleased() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                HttplibClient client = HttplibClient.builder()
                        .pool(ConnectionPool.builder().maxPerRoute(1).acquireTimeout(FOREVER).build()).build()) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            ClientResponse first = client.send("GET", url, null, null);
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                first.close();
            });
            releaser.start();
            try (ClientResponse second = client.send("GET", url, null, null)) {
                assertThat(second.readString()).isEqualTo("ok");
            }
            releaser.join(5_000);
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void connectionFactoryTimeoutsOfForeverAreNoTimeout() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                HttplibClient client = HttplibClient.builder().connectionFactory(HTTPConnectionFactory.builder()
                        .connectTimeout(FOREVER).readTimeout(FOREVER).build()).build()) {
            twoCallsOnOneConnection(client, server);
        }
    }

    @Test
    void aStandaloneConnectionWithTimeoutsOfForeverWorks() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ScriptedServer.Request head = ex.readRequestHead();
                    ex.write("HTTP/1.1 100 Continue\r\n\r\n");
                    ex.readBody(head);
                    ex.write(OK);
                    ex.awaitClientClose();
                });
                HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port()).timeout(FOREVER)
                        .connectTimeout(FOREVER).continueTimeout(FOREVER).build()) {
            conn.request("POST", "/", "abc".getBytes(), Map.of("Expect", "100-continue"));
            assertThat(conn.getResponse().read()).isEqualTo("ok".getBytes());
            assertThat(conn.getReadTimeoutMillis()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @Test
    void theConstructorTakesATimeoutOfForever() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(OK));
                HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), FOREVER)) {
            conn.request("GET", "/");
            assertThat(conn.getResponse().read()).isEqualTo("ok".getBytes());
        }
    }
}
