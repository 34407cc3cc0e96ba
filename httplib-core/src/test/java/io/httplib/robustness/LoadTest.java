package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.PoolStats;
import io.httplib.testing.KeepAliveServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pooled client under load: 64 threads share one {@link HttplibClient} (pool of 64) and send
 * a mix of GETs and POSTs with bodies of random sizes to a loopback keep-alive server. Every reply
 * echoes the request's id and carries a body derived from the request (the POST body itself, or
 * bytes generated from the id), so a response given to the wrong caller or a misframed body is
 * caught byte for byte.
 *
 * <p>Asserts: zero mismatched replies, zero failures, no connection left leased, never more
 * connections open than the pool allows, all closed after the client is, no file descriptor leak,
 * and a heap that does not grow with the request count. {@code load.requests} (default 20,000)
 * sets the request count; {@code -Dload.requests=200000} is the long form (docs/security.md).
 */
@Timeout(1800)
class LoadTest {

    private static final int THREADS = 64;

    @Test
    void sixtyFourThreadsShareThePoolWithoutMismatchedRepliesOrLeaks() throws Exception {
        int requests = Integer.getInteger("load.requests", 20_000);
        long fdBefore = SocketFuzzTest.openFileDescriptors();
        long heapBefore = usedHeapAfterGc();
        AtomicLong ids = new AtomicLong();
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicInteger mismatches = new AtomicInteger();
        AtomicLong bytesChecked = new AtomicLong();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        long started;
        long elapsedMillis;
        try (KeepAliveServer server = KeepAliveServer.start(LoadTest::answer)) {
            HttplibClient client = HttplibClient.builder()
                    .connectionFactory(HTTPConnectionFactory.builder().readTimeout(Duration.ofSeconds(10)).build())
                    .pool(ConnectionPool.builder().maxPerRoute(THREADS).maxTotal(THREADS).build())
                    .baseUri(server.uri())
                    .build();
            CountDownLatch done = new CountDownLatch(THREADS);
            started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                Thread worker = new Thread(() -> {
                    Random r = new Random(seed);
                    try {
                        while (remaining.getAndDecrement() > 0) {
                            long id = ids.incrementAndGet();
                            int size = randomSize(r);
                            boolean post = r.nextBoolean();
                            byte[] sent = null;
                            byte[] expected;
                            ClientResponse response;
                            if (post) {
                                sent = new byte[size];
                                r.nextBytes(sent);
                                expected = sent;
                                response = client.send("POST", "/echo/" + id, sent, Map.of("X-Request-Id", Long.toString(id)));
                            } else {
                                expected = generated(id, size);
                                response = client.send("GET", "/gen/" + id + "?size=" + size, null,
                                        Map.of("X-Request-Id", Long.toString(id), "X-Size", Integer.toString(size)));
                            }
                            try (response) {
                                byte[] body = response.readAllBytes();
                                if (response.status() != 200 || !Long.toString(id).equals(response.header("X-Request-Id"))
                                        || !java.util.Arrays.equals(body, expected)) {
                                    mismatches.incrementAndGet();
                                    problems.add("request " + id + ": status " + response.status() + ", id "
                                            + response.header("X-Request-Id") + ", " + body.length + " bytes, expected " + expected.length);
                                }
                                bytesChecked.addAndGet(body.length);
                            }
                        }
                    } catch (Throwable e) {
                        problems.add("worker failed: " + e);
                    } finally {
                        done.countDown();
                    }
                }, "load-" + t);
                worker.setDaemon(true);
                worker.start();
            }
            assertThat(done.await(1500, java.util.concurrent.TimeUnit.SECONDS)).as("workers finished").isTrue();
            elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            PoolStats stats = client.pool().stats();
            int maxOpen = server.maxOpenConnections();
            int accepted = server.connectionCount();
            client.close();
            long deadline = System.currentTimeMillis() + 5_000;
            while (server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            System.out.printf("LoadTest: %d requests, %d threads, %d ms (%.0f req/s), %,d body bytes checked, "
                    + "%d connections accepted (max %d open), pool after run %s, %d mismatches%n", requests, THREADS,
                    elapsedMillis, requests * 1000.0 / Math.max(1, elapsedMillis), bytesChecked.get(), accepted, maxOpen,
                    stats, mismatches.get());
            assertThat(List.copyOf(problems)).as("mismatches and failures").isEmpty();
            assertThat(mismatches.get()).isZero();
            assertThat(server.requestCount()).isGreaterThanOrEqualTo(requests);
            assertThat(stats.leased()).as("connections still leased").isZero();
            assertThat(stats.idle()).isLessThanOrEqualTo(THREADS);
            assertThat(maxOpen).as("most connections open at once").isLessThanOrEqualTo(THREADS);
            assertThat(server.openConnections()).as("connections open after the client closed").isZero();
        }
        Thread.sleep(200);
        assertThat(SocketFuzzTest.openFileDescriptors() - fdBefore).as("file descriptors leaked").isLessThan(20);
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        System.out.printf("LoadTest: retained heap growth %,d bytes%n", heapGrowth);
        assertThat(heapGrowth).as("heap retained after the run").isLessThan(64L * 1024 * 1024);
    }

    /** Mostly small bodies, some medium, a few large: 70% up to 1 KiB, 25% up to 16 KiB, 5% up to 128 KiB. */
    private static int randomSize(Random r) {
        int p = r.nextInt(100);
        return p < 70 ? r.nextInt(1025) : p < 95 ? r.nextInt(16 * 1024 + 1) : r.nextInt(128 * 1024 + 1);
    }

    private static byte[] generated(long id, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (id * 31 + i * 7);
        }
        return b;
    }

    private static byte[] answer(KeepAliveServer.Request request) {
        String id = request.header("X-Request-Id");
        byte[] body = request.method().equals("POST") ? request.body()
                : generated(Long.parseLong(id), Integer.parseInt(request.header("X-Size")));
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 100);
        byte[] head = ("HTTP/1.1 200 OK\r\nX-Request-Id: " + id + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        out.write(head, 0, head.length);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
