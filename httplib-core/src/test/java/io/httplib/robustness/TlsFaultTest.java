package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.HTTPResponse;
import io.httplib.HTTPSConnection;
import io.httplib.IncompleteRead;
import io.httplib.RemoteDisconnected;
import io.httplib.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS-level faults: a server that closes TCP without close_notify, one that sends half a TLS
 * record, and one that stops reading an upload. Each ends in a typed or documented outcome,
 * never a hang.
 */
@Timeout(60)
class TlsFaultTest {

    static final TestPki PKI = TestPki.create();
    static final SSLContext SERVER = PKI.serverSslContext(PKI.serverCert("localhost"));
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    /** After the TLS handshake and the request head: what the server does on the TLS socket and the TCP socket under it. */
    interface Behaviour {
        void run(SSLSocket tls, Socket tcp) throws Exception;
    }

    /**
     * Documented limitation: JSSE (by default, {@code com.sun.net.ssl.requireCloseNotify=false})
     * treats a TCP close without close_notify as a clean end of stream, as CPython does with
     * {@code suppress_ragged_eofs=True}. A close-delimited body cut this way is returned as if
     * complete: httplib cannot tell a truncation from the end (RFC 8446 section 6.1). Bodies with
     * Content-Length or chunked framing are not affected (see the truncated-record tests).
     * Setting {@code -Dcom.sun.net.ssl.requireCloseNotify=true} makes JSSE raise
     * {@code SSLProtocolException} instead.
     */
    @Test
    void closeDelimitedBodyEndedWithoutCloseNotifyIsTakenAsCompleteByJsseDefaults() throws Exception {
        try (Server server = new Server((tls, tcp) -> {
                    write(tls, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody-until-close");
                    tcp.close(); // no close_notify
                });
                HTTPSConnection conn = client(server)) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            assertThat(new String(r.read(), StandardCharsets.US_ASCII)).isEqualTo("body-until-close");
            assertThat(conn.isConnected()).isFalse();
        }
    }

    /** A Content-Length body is complete before the close, so the missing close_notify is never read. */
    @Test
    void contentLengthBodyCompleteBeforeACloseWithoutCloseNotifyIsReturnedWhole() throws Exception {
        try (Server server = new Server((tls, tcp) -> {
                    write(tls, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody");
                    tcp.close();
                });
                HTTPSConnection conn = client(server)) {
            conn.request("GET", "/");
            assertThat(new String(conn.getResponse().read(), StandardCharsets.US_ASCII)).isEqualTo("body");
        }
    }

    /**
     * Half a TLS record (a header announcing 1,000 bytes, 500 of them), then the TCP close, where
     * the status line should be: JSSE reports the cut record as end of stream, so it is
     * {@link RemoteDisconnected}, at once.
     */
    @Test
    void truncatedTlsRecordInsteadOfTheResponseIsRemoteDisconnectedWithoutWaiting() throws Exception {
        try (Server server = new Server((tls, tcp) -> {
                    writeHalfRecord(tcp);
                    tcp.close();
                });
                HTTPSConnection conn = client(server)) {
            conn.request("GET", "/");
            long t0 = System.nanoTime();
            assertThatThrownBy(conn::getResponse).isInstanceOf(RemoteDisconnected.class);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIMEOUT.toMillis());
            assertThat(conn.isConnected()).isFalse();
        }
    }

    /** The same cut inside a Content-Length body: {@link IncompleteRead} with the bytes that came whole. */
    @Test
    void truncatedTlsRecordInsideABodyIsIncompleteReadWithoutWaiting() throws Exception {
        try (Server server = new Server((tls, tcp) -> {
                    write(tls, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "b".repeat(40));
                    Thread.sleep(50);
                    writeHalfRecord(tcp);
                    tcp.close();
                });
                HTTPSConnection conn = client(server)) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            long t0 = System.nanoTime();
            assertThatThrownBy(r::read).isInstanceOfSatisfying(IncompleteRead.class,
                    e -> assertThat(e.getPartial()).hasSize(40));
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIMEOUT.toMillis());
            assertThat(conn.isConnected()).isFalse();
        }
    }

    private static void writeHalfRecord(Socket tcp) throws IOException {
        byte[] half = new byte[5 + 500];
        half[0] = 0x17; // application_data
        half[1] = 0x03;
        half[2] = 0x03;
        half[3] = 0x03; // length 0x03e8 = 1000
        half[4] = (byte) 0xe8;
        Arrays.fill(half, 5, half.length, (byte) 0x5a);
        OutputStream raw = tcp.getOutputStream();
        raw.write(half);
        raw.flush();
    }

    /** The write guard closes the TCP socket under TLS, so a stalled TLS upload ends too. */
    @Test
    void serverThatStopsReadingATlsUploadEndsTheRequestWithSocketTimeoutException() throws Exception {
        try (Server server = new Server((tls, tcp) -> Thread.sleep(30_000));
                HTTPSConnection conn = client(server)) {
            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return 'u';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    Arrays.fill(b, off, off + len, (byte) 'u');
                    return len;
                }
            };
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> conn.request("PUT", "/", endless, Map.of("Content-Length", Long.toString(1L << 40))))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIMEOUT.toMillis() + 5_000);
            assertThat(conn.isConnected()).isFalse();
        }
    }

    private HTTPSConnection client(Server server) {
        return HTTPSConnection.builder("localhost").port(server.port()).timeout(TIMEOUT).caFile(PKI.writeCaPem(dir)).build();
    }

    private static void write(SSLSocket tls, String s) throws IOException {
        OutputStream out = tls.getOutputStream();
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One connection: TLS handshake (the TCP socket is not closed with the TLS one), request head read, then the behaviour. */
    static final class Server implements AutoCloseable {
        private final ServerSocket listener;
        private final Thread thread;

        Server(Behaviour behaviour) throws IOException {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                try (Socket tcp = listener.accept()) {
                    tcp.setSoTimeout(10_000);
                    SSLSocket tls = (SSLSocket) SERVER.getSocketFactory().createSocket(tcp, null, false);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    readHead(tls.getInputStream());
                    behaviour.run(tls, tcp);
                } catch (Exception ignored) {
                    // the client side asserts the outcome
                }
            }, "tls-fault-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            thread.interrupt();
        }
    }
}
