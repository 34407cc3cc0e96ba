package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.KeepAliveServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectionPoolTest {

    private KeepAliveServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "hello " + r.target()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttplibClient client(ConnectionPool pool) {
        return HttplibClient.builder().pool(pool).baseUri(server.uri()).build();
    }

    @Test
    void aResponseReadToTheEndReturnsItsConnectionForReuse() throws Exception {
        try (HttplibClient client = client(ConnectionPool.builder().build())) {
            for (int i = 0; i < 5; i++) {
                try (ClientResponse r = client.send("GET", "/" + i, null, null)) {
                    assertThat(r.readString()).isEqualTo("hello /" + i);
                }
            }
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(client.pool().stats()).isEqualTo(new PoolStats(0, 1, 0, 100));
            Route route = new Route("http", "127.0.0.1", server.port());
            assertThat(client.pool().routeStats()).containsOnlyKeys(route);
            assertThat(client.pool().routeStats().get(route)).isEqualTo(new PoolStats(0, 1, 0, 20));
        }
    }

    @Test
    void anOpenResponseKeepsItsConnectionLeasedUntilClosed() throws Exception {
        try (HttplibClient client = client(ConnectionPool.builder().build())) {
            ClientResponse r = client.send("GET", "/a", null, null);
            assertThat(client.pool().stats().leased()).isEqualTo(1);
            r.close();
            assertThat(client.pool().stats()).isEqualTo(new PoolStats(0, 1, 0, 100));
        }
    }

    @Test
    void closingAResponseWithASmallUnreadBodyDrainsItAndKeepsTheConnection() throws Exception {
        try (HttplibClient client = client(ConnectionPool.builder().build())) {
            client.send("GET", "/unread", null, null).close();
            try (ClientResponse r = client.send("GET", "/next", null, null)) {
                assertThat(r.readString()).isEqualTo("hello /next");
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void closingAResponseWithALargeUnreadBodyClosesTheConnection() throws Exception {
        server.close();
        String big = "x".repeat(ClientResponse.DRAIN_LIMIT + 1);
        server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", big));
        try (HttplibClient client = client(ConnectionPool.builder().build())) {
            client.send("GET", "/", null, null).close();
            assertThat(client.pool().stats()).isEqualTo(new PoolStats(0, 0, 0, 100));
            client.send("GET", "/", null, null).readAllBytes();
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void anExhaustedPoolFailsAfterTheAcquireTimeoutWithAClearMessage() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().maxPerRoute(2).acquireTimeout(Duration.ofMillis(200)).build();
        try (HttplibClient client = client(pool)) {
            ClientResponse a = client.send("GET", "/a", null, null);
            ClientResponse b = client.send("GET", "/b", null, null);
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send("GET", "/c", null, null))
                    .isInstanceOfSatisfying(PoolTimeoutException.class, e -> {
                        assertThat(e.waited()).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
                        assertThat(e.queueLength()).isZero();
                        assertThat(e.getMessage()).matches("timed out after \\d+ms waiting for a connection to "
                                + "http://127\\.0\\.0\\.1:" + server.port() + " \\(queue: 0 for the route,"
                                + " 0 in the pool; leased 2 of 2 for the route, 2 of 100 in total\\)");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(pool.stats()).isEqualTo(new PoolStats(2, 0, 0, 100));
            a.close();
            try (ClientResponse c = client.send("GET", "/c", null, null)) {
                assertThat(c.readString()).isEqualTo("hello /c");
            }
            b.close();
        }
    }

    @Test
    void aWaitingCallerGetsTheConnectionAnotherReleases() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().maxTotal(1).acquireTimeout(Duration.ofSeconds(5)).build();
        try (HttplibClient client = client(pool)) {
            ClientResponse first = client.send("GET", "/first", null, null);
            Thread releaser = new Thread(() -> {
                try {
                    while (pool.stats().pending() == 0) {
                        Thread.sleep(5);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                first.close();
            });
            releaser.start();
            try (ClientResponse second = client.send("GET", "/second", null, null)) {
                assertThat(second.readString()).isEqualTo("hello /second");
            }
            releaser.join();
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void idleConnectionsAreEvictedByCleanupAfterTheIdleTimeout() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().idleTimeout(Duration.ofSeconds(30)).build();
        try (HttplibClient client = client(pool)) {
            assertThat(pool.cleanup(System.nanoTime())).isEqualTo(-1);
            client.send("GET", "/", null, null).readAllBytes();
            long now = System.nanoTime();
            long next = pool.cleanup(now);
            assertThat(next).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30).toNanos());
            assertThat(pool.stats().idle()).isEqualTo(1);
            assertThat(pool.cleanup(now + Duration.ofSeconds(29).toNanos())).isPositive();
            assertThat(pool.stats().idle()).isEqualTo(1);
            assertThat(pool.cleanup(now + Duration.ofSeconds(31).toNanos())).isEqualTo(-1);
            assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 100));
            awaitServerConnectionsClosed();
        }
    }

    @Test
    void connectionsAreClosedAtTheirMaxLifetimeEvenWhenBusy() throws Exception {
        ConnectionPool pool = ConnectionPool.builder()
                .idleTimeout(Duration.ofMinutes(10)).maxLifetime(Duration.ofSeconds(60)).build();
        try (HttplibClient client = client(pool)) {
            client.send("GET", "/", null, null).readAllBytes();
            long now = System.nanoTime();
            assertThat(pool.cleanup(now)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60).toNanos());
            assertThat(pool.cleanup(now + Duration.ofSeconds(61).toNanos())).isEqualTo(-1);
            assertThat(pool.stats().idle()).isZero();
        }
        ConnectionPool shortLived = ConnectionPool.builder().maxLifetime(Duration.ofMillis(50)).build();
        try (HttplibClient client = client(shortLived)) {
            ClientResponse r = client.send("GET", "/", null, null);
            Thread.sleep(80);
            r.readAllBytes(); // released after its lifetime: closed, not kept
            assertThat(shortLived.stats()).isEqualTo(new PoolStats(0, 0, 0, 100));
        }
    }

    @Test
    void evictIdleClosesOnlyExpiredConnections() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().idleTimeout(Duration.ofMillis(50)).build();
        try (HttplibClient client = client(pool)) {
            client.send("GET", "/", null, null).readAllBytes();
            assertThat(pool.evictIdle()).isZero();
            Thread.sleep(80);
            assertThat(pool.evictIdle()).isEqualTo(1);
        }
    }

    @Test
    void anIdleConnectionPastItsTimeoutIsNotHandedOut() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().idleTimeout(Duration.ofMillis(50)).build();
        try (HttplibClient client = client(pool)) {
            client.send("GET", "/", null, null).readAllBytes();
            Thread.sleep(80);
            client.send("GET", "/", null, null).readAllBytes();
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void reachingMaxTotalClosesTheLeastRecentlyUsedIdleConnectionOfAnotherRoute() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().maxTotal(1).acquireTimeout(Duration.ofSeconds(1)).build();
        try (HttplibClient client = HttplibClient.builder().pool(pool).build()) {
            client.send("GET", "http://127.0.0.1:" + server.port() + "/", null, null).readAllBytes();
            client.send("GET", "http://localhost:" + server.port() + "/", null, null).readAllBytes();
            assertThat(pool.routeStats()).containsOnlyKeys(new Route("http", "localhost", server.port()));
            assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
        }
    }

    @Test
    void retireAllClosesIdleConnectionsAndLeasedOnesOnRelease() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().build();
        try (HttplibClient client = client(pool)) {
            client.send("GET", "/", null, null).readAllBytes();
            ClientResponse leased = client.send("GET", "/", null, null);
            client.send("GET", "/", null, null).readAllBytes();
            assertThat(pool.stats()).isEqualTo(new PoolStats(1, 1, 0, 100));
            pool.retireAll();
            assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 100));
            leased.readAllBytes();
            assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 100));
        }
    }

    @Test
    void aClosedPoolRefusesLeasesAndClosesConnectionsAsTheyAreReleased() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().build();
        HttplibClient client = client(pool);
        ClientResponse open = client.send("GET", "/", null, null);
        client.close();
        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(() -> client.send("GET", "/", null, null)).isInstanceOf(IllegalStateException.class);
        open.readAllBytes();
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 100));
        awaitServerConnectionsClosed();
    }

    private void awaitServerConnectionsClosed() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.openConnections() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(server.openConnections()).isZero();
    }
}
