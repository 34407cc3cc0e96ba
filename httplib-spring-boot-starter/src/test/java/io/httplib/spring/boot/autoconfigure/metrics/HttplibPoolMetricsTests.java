package io.httplib.spring.boot.autoconfigure.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HttplibClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool gauges follow a caller that waits for the only connection, and its wait. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttplibPoolMetricsTests {

    private WireMockServer server;

    @BeforeEach
    void startServer() {
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        this.server.start();
        this.server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(200).withBody("a")));
    }

    @AfterEach
    void stopServer() {
        this.server.stop();
    }

    @Test
    void gaugesShowTheCallerWaitingAndHowLongItHasWaited() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConnectionPool pool = ConnectionPool.builder().maxPerRoute(1).maxTotal(1)
            .acquireTimeout(Duration.ofSeconds(20)).build();
        try (HttplibClient client = HttplibClient.builder().name("one").pool(pool)
            .baseUri("http://localhost:" + this.server.port()).build()) {
            HttplibPoolMetrics.bind(registry, "one", pool);
            ClientResponse held = client.send("GET", "/a", null, null);
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
                try (ClientResponse r = client.send("GET", "/a", null, null)) {
                    return r.readString();
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gauge(registry, "httplib.client.pool.pending") < 1 && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            assertThat(gauge(registry, "httplib.client.pool.pending")).isEqualTo(1);
            assertThat(gauge(registry, "httplib.client.pool.leased")).isEqualTo(1);
            double first = longest(registry);
            assertThat(first).isPositive();
            while (longest(registry) <= first && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            assertThat(longest(registry)).as("the wait grows while the caller waits").isGreaterThan(first);

            held.close();
            assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo("a");
            assertThat(gauge(registry, "httplib.client.pool.pending")).isZero();
            assertThat(longest(registry)).isZero();
            assertThat(gauge(registry, "httplib.client.pool.idle")).isEqualTo(1);
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).tag("client.name", "one").gauge().value();
    }

    private static double longest(SimpleMeterRegistry registry) {
        return registry.get("httplib.client.pool.pending.longest").tag("client.name", "one").timeGauge()
            .value(TimeUnit.SECONDS);
    }
}
