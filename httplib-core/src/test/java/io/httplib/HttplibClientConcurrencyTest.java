package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.testing.KeepAliveServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HttplibClientConcurrencyTest {

    private static final int THREADS = 32;
    /** 32 x 2000 exchanges take a few seconds on two cores, comfortably under the 20 s budget. */
    private static final int REQUESTS_PER_THREAD = 2000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyThreadsShareThePoolEachGettingItsOwnResponseWithoutExceedingTheLimits() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK",
                r.header("x-request-id") + ":" + new String(r.body(), StandardCharsets.UTF_8)));
                HttplibClient client = HttplibClient.builder()
                        .baseUri(server.uri())
                        .pool(ConnectionPool.builder().maxPerRoute(8).maxTotal(8).acquireTimeout(Duration.ofSeconds(30)).build())
                        .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                            String id = thread + "-" + i;
                            boolean post = (i & 1) == 1;
                            try (ClientResponse r = client.send(post ? "POST" : "GET", "/echo?id=" + id,
                                    post ? ("body-" + id).getBytes(StandardCharsets.UTF_8) : null,
                                    Map.of("X-Request-Id", id))) {
                                String expected = id + ":" + (post ? "body-" + id : "");
                                assertThat(r.status()).isEqualTo(200);
                                assertThat(r.readString()).isEqualTo(expected);
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : results) {
                    total += f.get();
                }
                assertThat(total).isEqualTo(THREADS * REQUESTS_PER_THREAD);
            } finally {
                pool.shutdownNow();
            }
            PoolStats stats = client.pool().stats();
            assertThat(stats.leased()).isZero();
            assertThat(stats.pending()).isZero();
            assertThat(stats.idle()).isBetween(1, 8);
            assertThat(server.maxOpenConnections()).isLessThanOrEqualTo(8);
            assertThat(server.connectionCount()).isLessThanOrEqualTo(8);
            assertThat(server.requestCount()).isEqualTo(THREADS * REQUESTS_PER_THREAD);
        }
    }
}
