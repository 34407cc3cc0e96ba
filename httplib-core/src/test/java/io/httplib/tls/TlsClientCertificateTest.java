package io.httplib.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.TlsConfig;
import io.httplib.testing.TestPki;
import io.httplib.testing.TestPki.KeyFormat;
import io.httplib.testing.TestPki.KeyType;
import io.httplib.testing.TestTlsServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mutual TLS: a server that requires a client certificate, with every supported key format. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsClientCertificateTest {

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

    static Stream<Arguments> keyFormats() {
        return Stream.of(
                Arguments.of(KeyType.EC, KeyFormat.PKCS8),
                Arguments.of(KeyType.RSA, KeyFormat.PKCS8),
                Arguments.of(KeyType.RSA, KeyFormat.PKCS1),
                Arguments.of(KeyType.EC, KeyFormat.SEC1),
                Arguments.of(KeyType.EC, KeyFormat.ENCRYPTED_PKCS8),
                Arguments.of(KeyType.RSA, KeyFormat.ENCRYPTED_PKCS8),
                Arguments.of(KeyType.ED25519, KeyFormat.PKCS8));
    }

    @ParameterizedTest(name = "{0} key as {1} in its own file completes mutual TLS")
    @MethodSource("keyFormats")
    void eachKeyFormatInItsOwnFileCompletesMutualTls(KeyType type, KeyFormat format) throws Exception {
        TestPki.Identity client = pki.clientCert(type, "client-" + type + "-" + format);
        TlsConfig config = TlsConfig.builder()
                .caFile(caFile)
                .keyFile(client.writeKeyPem(dir, format))
                .certFile(client.writeCertPem(dir))
                .keyPassword(TestPki.KEY_PASSWORD.toCharArray())
                .build();

        assertMutualTls(config, client, "TLSv1.3");
    }

    @ParameterizedTest(name = "{0} key as {1} with its chain in one keyFile completes mutual TLS")
    @MethodSource("keyFormats")
    void keyAndChainInOneKeyFileCompleteMutualTls(KeyType type, KeyFormat format) throws Exception {
        TestPki.Identity client = pki.clientCert(type, "combined-" + type + "-" + format);
        TlsConfig config = TlsConfig.builder()
                .caFile(caFile)
                .keyFile(client.writeCombinedPem(dir, format))
                .keyPassword(TestPki.KEY_PASSWORD.toCharArray())
                .build();

        assertMutualTls(config, client, "TLSv1.3");
    }

    @Test
    void keyAndChainInOneCertFileCompleteMutualTls() throws Exception {
        TestPki.Identity client = pki.clientCert(KeyType.RSA, "combined-in-cert-file");
        TlsConfig config = TlsConfig.builder()
                .caFile(caFile)
                .certFile(client.writeCombinedPem(dir, KeyFormat.PKCS1))
                .build();

        assertMutualTls(config, client, "TLSv1.3");
    }

    @Test
    void mutualTlsWorksOverTls12() throws Exception {
        TestPki.Identity client = pki.clientCert("client-tls12");
        TestPki.PemFiles files = client.writePem(dir);
        TlsConfig config = TlsConfig.builder()
                .caFile(caFile)
                .keyFile(files.keyFile())
                .certFile(files.certFile())
                .protocols("TLSv1.2")
                .build();

        assertMutualTls(config, client, "TLSv1.2");
    }

    @Test
    void withoutAClientCertificateTheServerRefusesOverTls13OnTheFirstRead() throws Exception {
        try (TestTlsServer tls = TestTlsServer.builder(pki.serverSslContext(server)).clientAuthRequired().start()) {
            TlsConfig config = TlsConfig.builder().caFile(caFile).build();

            // In TLS 1.3 the client's side of the handshake ends before the server checks its certificate.
            assertThatThrownBy(() -> Exchange.get(config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port()),
                            "localhost"))
                    .isInstanceOf(SSLException.class);
            assertThat(tls.nextHandshake().succeeded()).isFalse();
        }
    }

    @Test
    void withoutAClientCertificateTheServerRefusesTheTls12Handshake() throws Exception {
        try (TestTlsServer tls = TestTlsServer.builder(pki.serverSslContext(server)).clientAuthRequired().start()) {
            TlsConfig config = TlsConfig.builder().caFile(caFile).protocols("TLSv1.2").build();

            assertThatThrownBy(() -> config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port()))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(tls.nextHandshake().succeeded()).isFalse();
        }
    }

    @Test
    void theServerRefusesAClientCertificateFromAnotherPki() throws Exception {
        TestPki other = TestPki.create();
        TestPki.PemFiles files = other.clientCert("stranger").writePem(dir);
        TlsConfig config = TlsConfig.builder().caFile(caFile).keyFile(files.keyFile()).certFile(files.certFile()).build();
        try (TestTlsServer tls = TestTlsServer.builder(pki.serverSslContext(server)).clientAuthRequired().start()) {
            assertThatThrownBy(() -> Exchange.get(config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port()),
                            "localhost"))
                    .isInstanceOf(SSLException.class);
            assertThat(tls.nextHandshake().succeeded()).isFalse();
        }
    }

    private void assertMutualTls(TlsConfig config, TestPki.Identity client, String protocol) throws Exception {
        try (TestTlsServer tls = TestTlsServer.builder(pki.serverSslContext(server)).clientAuthRequired().start()) {
            SSLSocket socket = config.createSocket(Exchange.connect(tls.port()), "localhost", tls.port());

            assertThat(Exchange.get(socket, "localhost")).startsWith("HTTP/1.1 200 OK");
            TestTlsServer.Handshake handshake = tls.nextHandshake();
            assertThat(handshake.failure()).isNull();
            assertThat(handshake.protocol()).isEqualTo(protocol);
            assertThat(handshake.clientCertificates()).first().isEqualTo(client.certificate());
        }
    }
}
