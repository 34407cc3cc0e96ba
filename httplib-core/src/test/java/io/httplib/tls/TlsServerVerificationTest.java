package io.httplib.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.TlsConfig;
import io.httplib.testing.TestPki;
import io.httplib.testing.TestTlsServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes on loopback: which server certificates a {@link TlsConfig} accepts and refuses. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsServerVerificationTest {

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

    private static TlsConfig trustingPki() {
        return TlsConfig.builder().caFile(caFile).build();
    }

    @Test
    void acceptsAValidChainWhoseRootIsInTheCaFile() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            SSLSocket socket = trustingPki().createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(socket.getSession().getPeerCertificates()).hasSize(2);
            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK").endsWith("hello");
        }
    }

    @Test
    void acceptsAChainWithTwoIntermediates() throws Exception {
        TestPki deep = TestPki.create(2);
        TestPki.Identity deepServer = deep.serverCert("localhost");
        TlsConfig config = TlsConfig.builder().caFile(deep.writeCaPem(dir)).build();
        try (TestTlsServer tls = TestTlsServer.start(deep.serverSslContext(deepServer))) {
            SSLSocket socket = config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(socket.getSession().getPeerCertificates()).hasSize(3);
            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void theJdkDefaultTrustStoreRefusesAGeneratedCertificate() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            assertThatThrownBy(() -> TlsConfig.defaults().createSocket(Exchange.connect(tls.port()), "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        TestPki.Identity expired = pki.expiredServerCert("localhost", "127.0.0.1");
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(expired))) {
            assertThatThrownBy(() -> trustingPki().createSocket(Exchange.connect(tls.port()), "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("validity check failed");
        }
    }

    @Test
    void refusesACertificateForAnotherHostAndNamesTheHost() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(pki.wrongHostCert()))) {
            assertThatThrownBy(() -> trustingPki().createSocket(Exchange.connect(tls.port()), "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("localhost");
        }
    }

    @Test
    void refusesAnIpLiteralThatIsNotAnIpSubjectAlternativeName() throws Exception {
        TestPki.Identity dnsOnly = pki.serverCert("localhost");
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(dnsOnly))) {
            assertThatThrownBy(() -> trustingPki().createSocket(Exchange.connect(tls.port()), "127.0.0.1", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void refusesASelfSignedCertificateThatIsNotInTheCaFile() throws Exception {
        TestPki.Identity selfSigned = TestPki.selfSignedCert("localhost", "127.0.0.1");
        try (TestTlsServer tls = TestTlsServer.start(selfSigned.serverSslContext())) {
            assertThatThrownBy(() -> trustingPki().createSocket(Exchange.connect(tls.port()), "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    void acceptsASelfSignedCertificateThatIsItselfTheCaFile() throws Exception {
        TestPki.Identity selfSigned = TestPki.selfSignedCert("localhost", "127.0.0.1");
        TlsConfig config = TlsConfig.builder().caFile(selfSigned.writeCertPem(dir)).build();
        try (TestTlsServer tls = TestTlsServer.start(selfSigned.serverSslContext())) {
            SSLSocket socket = config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void refusesAChainFromAnUntrustedRoot() throws Exception {
        TestPki other = TestPki.create();
        try (TestTlsServer tls = TestTlsServer.start(other.serverSslContext(other.serverCert("localhost", "127.0.0.1")))) {
            assertThatThrownBy(() -> trustingPki().createSocket(Exchange.connect(tls.port()), "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    void closesTheUnderlyingSocketWhenTheHandshakeFails() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(pki.wrongHostCert()))) {
            Socket plain = Exchange.connect(tls.port());

            assertThatThrownBy(() -> trustingPki().createSocket(plain, "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(plain.isClosed()).isTrue();
        }
    }

    @Test
    void anUnconnectedSocketFailsAndIsClosed() {
        Socket plain = new Socket();

        assertThatThrownBy(() -> trustingPki().createSocket(plain, "localhost", 443)).isInstanceOf(IOException.class);
        assertThat(plain.isClosed()).isTrue();
    }

    @Test
    void connectsToAnIpLiteralWithAnIpSubjectAlternativeNameAndSendsNoSni() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            SSLSocket socket = trustingPki().createSocket(Exchange.connect(tls.port()), "127.0.0.1", tls.port());

            assertThat(Exchange.get(socket, "127.0.0.1")).startsWith("HTTP/1.1 200 OK");
            TestTlsServer.Handshake handshake = tls.nextHandshake();
            assertThat(handshake.succeeded()).isTrue();
            assertThat(handshake.requestedServerNames()).isEmpty();
        }
    }

    @Test
    void sendsTheHostNameAsSni() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            // The socket goes to 127.0.0.1, as through a proxy tunnel; SNI and verification use the target host.
            SSLSocket socket = trustingPki().createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
            assertThat(tls.nextHandshake().requestedServerNames()).containsExactly("localhost");
        }
    }

    @Test
    void skippingHostNameVerificationStillValidatesTheChain() throws Exception {
        TlsConfig noHostCheck = TlsConfig.builder().caFile(caFile).verifyHostname(false).build();
        try (TestTlsServer wrongHost = TestTlsServer.start(pki.serverSslContext(pki.wrongHostCert()))) {
            SSLSocket socket = noHostCheck.createSocket(Exchange.connect(wrongHost.port()), "localhost", wrongHost.port());
            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
        try (TestTlsServer selfSigned = TestTlsServer.start(TestPki.selfSignedCert("localhost").serverSslContext())) {
            assertThatThrownBy(() -> noHostCheck.createSocket(Exchange.connect(selfSigned.port()), "localhost", selfSigned.port()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void insecureConnectsToASelfSignedWrongHostServer() throws Exception {
        TestPki.Identity selfSigned = TestPki.selfSignedCert("wrong-host.example");
        try (TestTlsServer tls = TestTlsServer.start(selfSigned.serverSslContext())) {
            SSLSocket socket = TlsConfig.insecure().createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void insecureConnectsToAnExpiredServer() throws Exception {
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(pki.expiredServerCert("localhost")))) {
            SSLSocket socket = TlsConfig.insecure().createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aGivenSslContextIsUsedInsteadOfFiles() throws Exception {
        TlsConfig config = TlsConfig.builder()
                .sslContext(pki.clientSslContext())
                .caFile(dir.resolve("never-read.pem"))
                .build();
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            SSLSocket socket = config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
        }
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(pki.wrongHostCert()))) {
            assertThatThrownBy(() -> config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void oneConfigServesManyConnectionsFromManyThreads() throws Exception {
        TlsConfig shared = trustingPki();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> Exchange.get(
                        shared.createSocket(Exchange.connect(tls.port()), "localhost", tls.port()), "localhost")));
            }
            for (Future<String> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200 OK");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acceptsABracketedIpv6HostAsGivenInAUrl() throws IOException {
        // Only the host handling is checked here: the handshake runs over IPv4 to a certificate for
        // 127.0.0.1, so the IPv6 literal must fail verification by name rather than by syntax.
        try (TestTlsServer tls = TestTlsServer.start(pki.serverSslContext(server))) {
            assertThatThrownBy(() -> trustingPki().createSocket(Exchange.connect(tls.port()), "[::1]", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("IP address ::1");
        }
    }
}
