package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.HTTPConnection;
import io.httplib.HTTPResponse;
import io.httplib.testing.FuzzInputs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End-to-end fuzzing through {@link HTTPConnection} over loopback: one long-lived server thread
 * answers each connection with the next fuzz input (a mutant of the seed corpus or a valid
 * response with a known body) and closes it.
 *
 * <p>For every input: the client returns a body or throws an {@code IOException} (never a
 * {@code RuntimeException} or {@code Error}); a valid response yields exactly its body; a body
 * returned under {@code Content-Length} has that length; no exchange takes as long as the read
 * timeout (the server always closes, so nothing may wait for it); and no file descriptor leaks.
 *
 * <p>{@code fuzz.iterations} (default 3,000) sets the number of exchanges; see docs/security.md.
 * The server is a bare accept loop rather than {@code ScriptedServer}, which keeps a record and a
 * thread per connection: here hundreds of thousands of connections run through one thread.
 */
@Timeout(1800)
class SocketFuzzTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void fuzzedResponsesOverLoopbackEndInABodyOrAnIOException() throws Exception {
        int iterations = FuzzInputs.iterations(3_000);
        long seed = FuzzInputs.seed();
        Random r = new Random(seed);
        List<byte[]> seeds = FuzzInputs.seeds();
        List<String> findings = new ArrayList<>();
        long fdBefore = openFileDescriptors();
        long slowest = 0;
        int ok = 0;
        int valid = 0;
        long started = System.nanoTime();
        try (OneByOneServer server = new OneByOneServer()) {
            for (int i = 0; i < iterations && findings.size() < 10; i++) {
                FuzzInputs.Valid v = r.nextInt(4) == 0 ? FuzzInputs.valid(r) : null;
                byte[] input = v != null ? v.wire() : FuzzInputs.mutate(seeds, r);
                String method = v == null && r.nextInt(8) == 0 ? "HEAD" : "GET";
                boolean strict = v != null || r.nextInt(8) != 0;
                server.next = input;
                long t0 = System.nanoTime();
                byte[] body = null;
                HTTPResponse response = null;
                try (HTTPConnection conn = HTTPConnection.builder("127.0.0.1").port(server.port())
                        .timeout(TIMEOUT).strict(strict).build()) {
                    conn.request(method, "/" + i);
                    response = conn.getResponse();
                    body = response.read();
                } catch (IOException expected) {
                    // typed: fine, unless the input was valid (checked below)
                    if (v != null) {
                        findings.add("valid response failed with " + expected + ": " + FuzzInputs.literal(input));
                    }
                } catch (RuntimeException | Error e) {
                    findings.add("untyped " + e + " for " + FuzzInputs.literal(input) + " (" + method + ", strict=" + strict + ")");
                }
                long elapsed = System.nanoTime() - t0;
                slowest = Math.max(slowest, elapsed);
                if (elapsed >= TIMEOUT.toNanos()) {
                    findings.add("took " + elapsed / 1_000_000 + " ms for " + FuzzInputs.literal(input));
                }
                if (body == null) {
                    continue;
                }
                ok++;
                if (v != null) {
                    valid++;
                    if (response.getStatus() != v.status() || !Arrays.equals(body, v.body())) {
                        findings.add("valid response misread: status " + response.getStatus() + ", " + body.length
                                + " body bytes for " + FuzzInputs.literal(input));
                    }
                    continue;
                }
                String cl = response.getHeader("Content-Length");
                int status = response.getStatus();
                boolean bodyless = method.equals("HEAD") || status < 200 || status == 204 || status == 304;
                if (cl != null && response.getHeader("Transfer-Encoding") == null && !bodyless
                        && body.length != response.getContentLength()) {
                    findings.add("Content-Length " + cl + " but " + body.length + " bytes for " + FuzzInputs.literal(input));
                }
            }
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("SocketFuzzTest: %d exchanges in %d ms (%.0f/s), %d returned a body (%d valid checked), "
                + "slowest %d ms, seed %d, %d findings%n", iterations, elapsedMillis, iterations * 1000.0 / Math.max(1, elapsedMillis),
                ok, valid, slowest / 1_000_000, seed, findings.size());
        assertThat(findings).as("seed %d", seed).isEmpty();
        Thread.sleep(200);
        assertThat(openFileDescriptors() - fdBefore).as("file descriptors leaked").isLessThan(20);
    }

    static long openFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getOpenFileDescriptorCount();
        }
        return 0;
    }

    /** Serves {@link #next} to each connection in turn, on one thread, then closes it. */
    static final class OneByOneServer implements AutoCloseable {
        private final ServerSocket listener;
        private final Thread thread;
        volatile byte[] next = new byte[0];

        OneByOneServer() throws IOException {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            thread = new Thread(this::serve, "socket-fuzz-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5_000);
                    s.setTcpNoDelay(true);
                    readHead(s.getInputStream());
                    s.getOutputStream().write(next);
                    s.shutdownOutput();
                    // Drain until the client closes, so the close is a FIN and never a reset that
                    // could discard response bytes still in flight.
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the client gave up early (reset) or the listener closed: next connection
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
