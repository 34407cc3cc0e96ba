package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.httplib.testing.KeepAliveServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * First come, first served through the public client over real loopback connections: callers
 * waiting for a pool of one are served in the order they asked, and a caller that arrives as a
 * connection is released does not take it from those already waiting.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionPoolFairnessTest {

    private KeepAliveServer server;
    private HttplibClient client;

    @BeforeEach
    void start() throws Exception {
        server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "hello " + r.target()));
        client = HttplibClient.builder().baseUri(server.uri())
                .pool(ConnectionPool.builder().maxPerRoute(1).maxTotal(1).acquireTimeout(Duration.ofSeconds(20)).build())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void callersWaitingForTheOnlyConnectionAreServedInTheOrderTheyAsked() throws Exception {
        ConcurrentLinkedQueue<String> served = new ConcurrentLinkedQueue<>();
        ClientResponse held = client.send("GET", "/held", null, null);
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String path = "/" + i;
            callers.add(CompletableFuture.runAsync(() -> get(path, served), this::startThread));
            int n = i;
            awaitTrue(() -> client.pool().stats().pending() == n);
        }
        held.close();
        for (CompletableFuture<Void> c : callers) {
            c.get(20, TimeUnit.SECONDS);
        }
        assertThat(served).containsExactly("/1", "/2", "/3", "/4", "/5", "/6");
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(client.pool().stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void aCallerArrivingAsTheConnectionIsReleasedQueuesBehindTheCallerAlreadyWaiting() throws Exception {
        ConcurrentLinkedQueue<String> served = new ConcurrentLinkedQueue<>();
        ClientResponse held = client.send("GET", "/held", null, null);
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> get("/waiter", served), this::startThread);
        awaitTrue(() -> client.pool().stats().pending() == 1);

        held.close();
        // The same thread asks again at once: the connection already belongs to the waiter.
        get("/again", served);
        waiter.get(20, TimeUnit.SECONDS);
        assertThat(served).containsExactly("/waiter", "/again");
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    private void get(String path, ConcurrentLinkedQueue<String> served) {
        try (ClientResponse r = client.send("GET", path, null, null)) {
            // Recorded while the connection is still held (reading the body to its end releases it):
            // with a pool of one, this is the order of service.
            served.add(path);
            assertThat(r.readString()).isEqualTo("hello " + path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void startThread(Runnable r) {
        Thread t = new Thread(r, "fairness-caller");
        t.setDaemon(true);
        t.start();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("condition not reached within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
