package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.testing.KeepAliveServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A redirect whose {@code Location} cannot be followed is returned as it is (docs/pool.md), and
 * never keeps its connection: with a pool of one connection, the next call on the route gets it
 * at once instead of waiting for a {@link PoolTimeoutException}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RedirectLeakTest {

    private KeepAliveServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = KeepAliveServer.start(r -> r.target().startsWith("/away?to=")
                ? KeepAliveServer.response(302, "Found", "moved", "Location: " + r.target().substring(9))
                : KeepAliveServer.response(200, "OK", "fine"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:99999/x", "http://127.0.0.1:70000/x", "http://127.0.0.1:0/x", "https://127.0.0.1:0/x",
        "http://exa%20mple.com:99999/", "ftp://127.0.0.1/x", "//:80/x", "http:///x", "http://[::1/x",
    })
    void anUnusableLocationReturnsTheRedirectAndFreesTheConnection(String location) throws Exception {
        ConnectionPool pool = ConnectionPool.builder().maxPerRoute(1).maxTotal(1)
                .acquireTimeout(Duration.ofSeconds(2)).build();
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).followRedirects(true).pool(pool).build()) {
            try (ClientResponse r = client.send("GET", "/away?to=" + location, null, null)) {
                assertThat(r.status()).isEqualTo(302);
                assertThat(r.header("Location")).isEqualTo(location);
                assertThat(r.readString()).isEqualTo("moved");
            }
            long start = System.nanoTime();
            try (ClientResponse r = client.send("GET", "/next", null, null)) {
                assertThat(r.readString()).isEqualTo("fine");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(pool.stats().leased()).isZero();
        }
    }
}
