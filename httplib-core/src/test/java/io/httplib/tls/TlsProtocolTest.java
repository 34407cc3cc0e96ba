package io.httplib.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.TlsConfig;
import io.httplib.testing.TestPki;
import io.httplib.testing.TestTlsServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Protocol versions and cipher suites on the wire. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsProtocolTest {

    static TestPki pki;
    static TestPki.Identity server;

    @TempDir
    static Path dir;

    static Path caFile;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
        server = pki.serverCert("localhost", "127.0.0.1");
        caFile = pki.writeCaPem(dir);
    }

    @Test
    void negotiatesTls13ByDefault() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            SSLSocket socket = TlsConfig.builder().caFile(caFile).build()
                    .createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(socket.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            socket.close();
        }
    }

    @Test
    void negotiatesTls12WhenOnlyTls12IsConfigured() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            SSLSocket socket = TlsConfig.builder().caFile(caFile).protocols("TLSv1.2").build()
                    .createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void negotiatesTls12WithATls12OnlyServer() throws Exception {
        try (TestTlsServer tls = TestTlsServer.builder(pki.serverSslContext(server)).protocols("TLSv1.2").start()) {
            SSLSocket socket = TlsConfig.builder().caFile(caFile).build()
                    .createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void usesTheConfiguredCipherSuite() throws Exception {
        String suite = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            SSLSocket socket = TlsConfig.builder().caFile(caFile).protocols("TLSv1.2").cipherSuites(suite).build()
                    .createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(socket.getSession().getCipherSuite()).isEqualTo(suite);
            assertThat(socket.getEnabledCipherSuites()).containsExactly(suite);
            socket.close();
        }
    }

    @Test
    void offersOnlyTls13AndTls12AndRefusesATls11Server() throws Exception {
        try (Tls11OnlyServer legacy = new Tls11OnlyServer()) {
            assertThatThrownBy(() -> TlsConfig.builder().caFile(caFile).build()
                            .createSocket(Exchange.connect(legacy.port()), "localhost", legacy.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("TLS11");

            ClientHello hello = legacy.clientHello.get(10, TimeUnit.SECONDS);
            assertThat(hello.legacyVersion).isEqualTo(0x0303);
            assertThat(hello.supportedVersions).containsExactlyInAnyOrder(0x0304, 0x0303);
        }
    }

    @Test
    void insecureAlsoRefusesATls11Server() throws Exception {
        try (Tls11OnlyServer legacy = new Tls11OnlyServer()) {
            assertThatThrownBy(() -> TlsConfig.insecure().createSocket(Exchange.connect(legacy.port()), "localhost", legacy.port()))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(legacy.clientHello.get(10, TimeUnit.SECONDS).supportedVersions).doesNotContain(0x0302, 0x0301);
        }
    }

    /** The parts of a ClientHello (RFC 8446 section 4.1.2) that show which versions are offered. */
    static final class ClientHello {
        int legacyVersion;
        final List<Integer> supportedVersions = new ArrayList<>();
    }

    /**
     * A fake server that reads the ClientHello and answers with a TLS 1.1 ServerHello, as a server
     * that supports nothing newer would. The JDK cannot play this role: it disables TLS 1.1.
     */
    static final class Tls11OnlyServer implements AutoCloseable {

        final CompletableFuture<ClientHello> clientHello = new CompletableFuture<>();
        private final ServerSocket serverSocket;

        Tls11OnlyServer() throws IOException {
            serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            serverSocket.setSoTimeout(10_000);
            Thread thread = new Thread(this::serve, "tls11-only-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return serverSocket.getLocalPort();
        }

        private void serve() {
            try (Socket socket = serverSocket.accept()) {
                socket.setSoTimeout(5_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] header = new byte[5];
                in.readFully(header);
                if (header[0] != 0x16) {
                    throw new IOException("not a handshake record");
                }
                byte[] record = new byte[((header[3] & 0xFF) << 8) | (header[4] & 0xFF)];
                in.readFully(record);
                clientHello.complete(parse(ByteBuffer.wrap(record)));
                OutputStream out = socket.getOutputStream();
                out.write(serverHelloTls11());
                out.flush();
                // Wait for the client's alert and close.
                in.read(new byte[64]);
            } catch (Exception e) {
                clientHello.completeExceptionally(e);
            }
        }

        private static ClientHello parse(ByteBuffer buf) throws IOException {
            if (buf.get() != 0x01) {
                throw new IOException("not a ClientHello");
            }
            buf.position(buf.position() + 3); // handshake length
            ClientHello hello = new ClientHello();
            hello.legacyVersion = buf.getShort() & 0xFFFF;
            skip(buf, 32); // random
            skip(buf, buf.get() & 0xFF); // session id
            skip(buf, buf.getShort() & 0xFFFF); // cipher suites
            skip(buf, buf.get() & 0xFF); // compression methods
            if (!buf.hasRemaining()) {
                return hello;
            }
            int extensionsLength = buf.getShort() & 0xFFFF;
            int end = buf.position() + extensionsLength;
            while (buf.position() < end) {
                int type = buf.getShort() & 0xFFFF;
                int length = buf.getShort() & 0xFFFF;
                if (type == 43) { // supported_versions
                    int count = (buf.get() & 0xFF) / 2;
                    for (int i = 0; i < count; i++) {
                        hello.supportedVersions.add(buf.getShort() & 0xFFFF);
                    }
                } else {
                    skip(buf, length);
                }
            }
            return hello;
        }

        private static void skip(ByteBuffer buf, int count) {
            buf.position(buf.position() + count);
        }

        /** A TLS 1.1 ServerHello (RFC 4346 section 7.4.1.3) choosing TLS_RSA_WITH_AES_128_CBC_SHA. */
        private static byte[] serverHelloTls11() {
            ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + 1);
            body.putShort((short) 0x0302);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            body.put(random);
            body.put((byte) 0); // empty session id
            body.putShort((short) 0x002F);
            body.put((byte) 0); // null compression
            ByteBuffer record = ByteBuffer.allocate(5 + 4 + body.capacity());
            record.put((byte) 0x16).putShort((short) 0x0302).putShort((short) (4 + body.capacity()));
            record.put((byte) 0x02).put((byte) 0).putShort((short) body.capacity());
            record.put(body.array());
            return record.array();
        }

        @Override
        public void close() throws IOException {
            serverSocket.close();
        }
    }
}
