package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.ClientRequest;
import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HTTPConnection;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HTTPSConnection;
import io.httplib.HttplibClient;
import io.httplib.PoolTimeoutException;
import io.httplib.testing.KeepAliveServer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Duration} the API accepts, at the top of its range: {@code ChronoUnit.FOREVER},
 * {@code Duration.ofSeconds(Long.MAX_VALUE)}, 200,000 days. Each is "no limit" (documented), is
 * accepted by its builder and never overflows later, through a real send. Before, they passed
 * every check, then failed with {@code ArithmeticException: long overflow} at build or on every
 * send. Zero has one documented meaning per setting, checked here too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DurationExtremesTest {

    static Stream<Arguments> huge() {
        return Stream.of(
                Arguments.of("ChronoUnit.FOREVER", ChronoUnit.FOREVER.getDuration()),
                Arguments.of("Long.MAX_VALUE seconds", Duration.ofSeconds(Long.MAX_VALUE)),
                Arguments.of("Long.MAX_VALUE seconds and 999,999,999 ns", Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)),
                Arguments.of("200,000 days", Duration.ofDays(200_000)),
                Arguments.of("300 years", Duration.ofDays(300 * 365)),
                Arguments.of("just past 100 years", Duration.ofDays(36_525).plusNanos(1)),
                Arguments.of("30 days", Duration.ofDays(30)));
    }

    private KeepAliveServer server;

    @BeforeEach
    void start() throws Exception {
        server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "ok " + r.target()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("huge")
    void atEverySettingOfTheClientARealSendWorksAndTheConnectionIsReused(String name, Duration d) throws Exception {
        HTTPConnectionFactory factory = HTTPConnectionFactory.builder().connectTimeout(d).readTimeout(d).build();
        ConnectionPool pool = ConnectionPool.builder().acquireTimeout(d).idleTimeout(d).maxLifetime(d).build();
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).connectionFactory(factory)
                .pool(pool).requestTimeout(d).build()) {
            for (int i = 0; i < 3; i++) {
                try (ClientResponse r = client.send(ClientRequest.builder("GET", "/" + i).timeout(d).build())) {
                    assertThat(r.readString()).isEqualTo("ok /" + i);
                }
            }
            try (ClientResponse r = client.send("GET", "/client-deadline", null, null)) {
                assertThat(r.readString()).isEqualTo("ok /client-deadline");
            }
            assertThat(server.connectionCount()).as("the idle connection was reused, not expired").isEqualTo(1);
            assertThat(pool.evictIdle()).isZero();
            // A year from now the idle connection is still there, unless its timeout is shorter.
            long next = pool.cleanup(System.nanoTime() + TimeUnit.DAYS.toNanos(365));
            if (d.compareTo(Duration.ofDays(365)) > 0) {
                assertThat(next).as("nanoseconds until the idle connection expires").isPositive();
            } else {
                assertThat(next).as("no idle connection left").isEqualTo(-1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("huge")
    void atEverySettingOfAConnectionARequestWorks(String name, Duration d) throws Exception {
        try (HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port())
                .timeout(d).connectTimeout(d).continueTimeout(d).build()) {
            assertThat(conn.getReadTimeoutMillis()).isIn(0, (int) Math.min(Integer.MAX_VALUE, TimeUnit.DAYS.toMillis(30)));
            conn.request("PUT", "/put", "body", Map.of());
            assertThat(new String(conn.getResponse().read())).isEqualTo("ok /put");
        }
        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), d)) {
            conn.request("GET", "/ctor");
            assertThat(new String(conn.getResponse().read())).isEqualTo("ok /ctor");
        }
        try (HTTPSConnection tls = HTTPSConnection.builder("127.0.0.1").timeout(d).connectTimeout(d).continueTimeout(d)
                .build()) {
            assertThat(tls.getConnectTimeoutMillis()).isNotNegative();
        }
    }

    @Test
    void pastTheLongestSocketTimeoutASocketTimeoutIsNone() {
        HTTPConnection conn = HTTPConnection.builder("h").timeout(Duration.ofMillis(Integer.MAX_VALUE).plusMillis(1)).build();
        assertThat(conn.getReadTimeoutMillis()).isZero();
        assertThat(conn.getConnectTimeoutMillis()).isZero();
        HTTPConnection longest = HTTPConnection.builder("h").timeout(Duration.ofMillis(Integer.MAX_VALUE)).build();
        assertThat(longest.getReadTimeoutMillis()).isEqualTo(Integer.MAX_VALUE);
        HTTPConnection tiny = HTTPConnection.builder("h").timeout(Duration.ofNanos(1)).build();
        assertThat(tiny.getReadTimeoutMillis()).as("under a millisecond is not none").isEqualTo(1);
    }

    @Test
    void pastOneHundredYearsTheRequestTimeoutIsNone() {
        HttplibClient client = HttplibClient.builder().requestTimeout(ChronoUnit.FOREVER.getDuration()).build();
        assertThat(client.requestTimeout()).isNull();
        client.close();
        HttplibClient ten = HttplibClient.builder().requestTimeout(Duration.ofDays(3650)).build();
        assertThat(ten.requestTimeout()).isEqualTo(Duration.ofDays(3650));
        ten.close();
    }

    // --- zero: one meaning per setting --------------------------------------------------------

    @Test
    void zeroConnectionTimeoutsMeanNone() {
        HTTPConnection conn = HTTPConnection.builder("h").timeout(Duration.ZERO).connectTimeout(Duration.ZERO).build();
        assertThat(conn.getReadTimeoutMillis()).isZero();
        assertThat(conn.getConnectTimeoutMillis()).isZero();
        HTTPConnectionFactory factory = HTTPConnectionFactory.builder().connectTimeout(Duration.ZERO).readTimeout(Duration.ZERO).build();
        assertThat(factory.connectTimeout()).isNull();
        assertThat(factory.readTimeout()).isNull();
        assertThat(factory.create("http", "h", 80).getReadTimeoutMillis()).isZero();
    }

    @Test
    void zeroContinueTimeoutSendsTheBodyWithoutWaiting() throws Exception {
        // The server never sends 100 Continue; it reads the whole request, then answers.
        try (HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port())
                .timeout(Duration.ofSeconds(30)).continueTimeout(Duration.ZERO).build()) {
            long start = System.nanoTime();
            conn.request("PUT", "/zero", "body", Map.of("Expect", "100-continue"));
            assertThat(new String(conn.getResponse().read())).isEqualTo("ok /zero");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void zeroAcquireTimeoutFailsAtOnceWhenNoConnectionIsFree() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().maxPerRoute(1).acquireTimeout(Duration.ZERO).build();
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).pool(pool).build();
             ClientResponse held = client.send("GET", "/held", null, null)) {
            long start = System.nanoTime();
            assertThat(catchThrowable(() -> client.send("GET", "/other", null, null))).isInstanceOf(PoolTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(held.readString()).isEqualTo("ok /held");
        }
    }

    @Test
    void zeroIdleTimeoutKeepsNoConnectionForReuse() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().idleTimeout(Duration.ZERO).build();
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).pool(pool).build()) {
            for (int i = 0; i < 2; i++) {
                try (ClientResponse r = client.send("GET", "/", null, null)) {
                    r.readString();
                }
                assertThat(pool.stats().idle()).isZero();
            }
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void zeroMaxLifetimeIsNoLimit() throws Exception {
        ConnectionPool pool = ConnectionPool.builder().maxLifetime(Duration.ZERO).build();
        try (HttplibClient client = HttplibClient.builder().baseUri(server.uri()).pool(pool).build()) {
            for (int i = 0; i < 3; i++) {
                try (ClientResponse r = client.send("GET", "/", null, null)) {
                    r.readString();
                }
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void zeroAndNegativeDeadlinesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> HttplibClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> ClientRequest.builder("GET", "/").timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void negativeDurationsAreRefusedNamingTheSetting() {
        Duration minus = Duration.ofMillis(-1);
        Map<String, Consumer<Duration>> settings = Map.of(
                "timeout", v -> HTTPConnection.builder("h").timeout(v).build(),
                "connectTimeout", v -> HTTPConnection.builder("h").connectTimeout(v).build(),
                "continueTimeout", v -> HTTPConnection.builder("h").continueTimeout(v),
                "readTimeout", v -> HTTPConnectionFactory.builder().readTimeout(v),
                "acquireTimeout", v -> ConnectionPool.builder().acquireTimeout(v),
                "idleTimeout", v -> ConnectionPool.builder().idleTimeout(v),
                "maxLifetime", v -> ConnectionPool.builder().maxLifetime(v),
                "requestTimeout", v -> HttplibClient.builder().requestTimeout(v));
        settings.forEach((name, set) -> assertThatThrownBy(() -> set.accept(minus)).as(name)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name));
        assertThatThrownBy(() -> HTTPConnectionFactory.builder().connectTimeout(minus))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }
}
