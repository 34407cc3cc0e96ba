package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.testing.KeepAliveServer;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool shared by clients with different connection factories: a connection is reused only by
 * a client of the factory that made it, since its settings (timeouts, limits, TLS material and
 * client certificate) are those of that factory. Before, a client got connections made with
 * another client's settings: its 300 ms read timeout became the other client's 30 s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedPoolTest {

    @Test
    void aConnectionMadeForOneFactoryIsNeverUsedWithAnothersSettings() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> {
            if (r.target().equals("/slow")) {
                Thread.sleep(3_000);
            }
            return KeepAliveServer.response(200, "OK", "ok");
        })) {
            ConnectionPool shared = ConnectionPool.builder().build();
            HttplibClient patient = HttplibClient.builder().baseUri(server.uri()).pool(shared)
                    .connectionFactory(HTTPConnectionFactory.builder().readTimeout(Duration.ofSeconds(30)).build()).build();
            HttplibClient hasty = HttplibClient.builder().baseUri(server.uri()).pool(shared)
                    .connectionFactory(HTTPConnectionFactory.builder().readTimeout(Duration.ofMillis(300)).build()).build();
            try (ClientResponse r = patient.send("GET", "/fast", null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            assertThat(shared.stats().idle()).isEqualTo(1);

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> hasty.send("GET", "/slow", null, null).close());
            assertThat(thrown).as("the hasty client's own read timeout applies").isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));

            // Each client still reuses its own connections.
            for (int i = 0; i < 2; i++) {
                try (ClientResponse r = patient.send("GET", "/fast", null, null)) {
                    assertThat(r.readString()).isEqualTo("ok");
                }
            }
            int before = server.connectionCount();
            try (ClientResponse r = patient.send("GET", "/fast", null, null)) {
                assertThat(r.readString()).isEqualTo("ok");
            }
            assertThat(server.connectionCount()).isEqualTo(before);
            patient.close();
            hasty.close();
        }
    }
}
