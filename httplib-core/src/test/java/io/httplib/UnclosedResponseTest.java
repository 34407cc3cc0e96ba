package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.testing.KeepAliveServer;
import io.httplib.testing.RecordingListener;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What happens when a caller forgets to close a response (see docs/pool.md). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnclosedResponseTest {

    @Test
    void aResponseThatIsNeverClosedKeepsItsLeaseWhileReachable() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "hello"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build()) {
            ClientResponse r = client.send("GET", "/", null, null);
            assertThat(client.pool().stats().leased()).isEqualTo(1);
            System.gc();
            assertThat(client.pool().stats().leased()).isEqualTo(1);
            assertThat(r.status()).isEqualTo(200); // still reachable here
        }
    }

    @Test
    void anUnreachableUnclosedResponseHasItsSocketClosedAndLeaseFreed() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = KeepAliveServer.start(r -> KeepAliveServer.response(200, "OK", "hello"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).eventListener(recorder).build()) {
            sendAndForget(client);
            assertThat(client.pool().stats().leased()).isEqualTo(1);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (client.pool().stats().leased() > 0 && System.nanoTime() < end) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(client.pool().stats()).isEqualTo(new PoolStats(0, 0, 0, 100));
            long closeEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.openConnections() > 0 && System.nanoTime() < closeEnd) {
                Thread.sleep(10);
            }
            assertThat(server.openConnections()).isZero();
        }
        assertThat(recorder.events()).endsWith("connectionReleased(keptAlive=false)", "callFailed(HTTPException)");
        recorder.assertBalanced();
    }

    private static void sendAndForget(HttplibClient client) throws Exception {
        client.send("GET", "/", null, null);
    }
}
