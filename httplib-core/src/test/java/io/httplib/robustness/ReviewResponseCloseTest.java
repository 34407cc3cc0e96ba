package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientResponse;
import io.httplib.HttplibClient;
import io.httplib.testing.Compressed;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClientResponse#close()} called from another thread while the owner is blocked reading a
 * body that stalls (the usual way to cancel a download): close returns within its drain budget,
 * the blocked read fails at once, the lease is freed and the call ends. Before, close() waited
 * for the reader's read, that is for the server or the read timeout (30 s by default), and then
 * drained on the same stream as the reader.
 */
@Timeout(60)
class ReviewResponseCloseTest {

    /** Far below the 10 s the scripted server waits before it gives up, and the 30 s read timeout. */
    static final long BOUND_MILLIS = 2_000;

    private static void closeFromAnotherThread(byte[] head, byte[] firstBytes) throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write(head);
                    ex.write(firstBytes);
                    ex.awaitClientClose();
                });
                HttplibClient client = HttplibClient.builder().eventListener(recorder).build()) {
            ClientResponse response = client.send("GET", "http://127.0.0.1:" + server.port() + "/", null, null);
            CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return response.readAllBytes();
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(300); // the reader is blocked in the stalled body by now
            long start = System.nanoTime();
            response.close();
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Object outcome = reader.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);

            assertThat(closeMillis).isLessThan(BOUND_MILLIS);
            assertThat(outcome).isInstanceOf(IOException.class);
            assertThat(client.pool().stats().leased()).isZero();
            assertThat(client.pool().stats().idle()).isZero();
        }
        recorder.assertBalanced();
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReadAtOnce() throws Exception {
        closeFromAnotherThread("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "ab".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReadOfADecodedBodyAtOnce() throws Exception {
        byte[] gzip = Compressed.gzip(Compressed.json(100_000));
        closeFromAnotherThread(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gzip.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), Arrays.copyOf(gzip, 100));
    }

    @Test
    void aResponseClosedByAnotherThreadBetweenReadsStillDrainsAndKeepsItsConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd");
                    ex.readRequest();
                    ex.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                    ex.awaitClientClose();
                });
                HttplibClient client = HttplibClient.builder().build()) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            ClientResponse response = client.send("GET", url, null, null);
            assertThat(response.body().read(new byte[2])).isEqualTo(2);
            CompletableFuture.runAsync(response::close).get(5, TimeUnit.SECONDS);
            Thread.sleep(300);
            try (ClientResponse next = client.send("GET", url, null, null)) {
                assertThat(next.readString()).isEqualTo("ok");
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }
}
