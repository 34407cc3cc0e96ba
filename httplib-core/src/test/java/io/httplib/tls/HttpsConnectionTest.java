package io.httplib.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.HTTPResponse;
import io.httplib.HTTPSConnection;
import io.httplib.TlsConfig;
import io.httplib.TunnelRefused;
import io.httplib.testing.ConnectProxy;
import io.httplib.testing.TestPki;
import io.httplib.testing.TestTlsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class HttpsConnectionTest {

    static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    private HTTPSConnection.Builder trusting(String host, int port) {
        return HTTPSConnection.builder(host).port(port).timeout(Duration.ofSeconds(5)).caFile(PKI.writeCaPem(dir));
    }

    @Test
    void getOverVerifiedTlsReturnsTheBody() throws Exception {
        try (TestTlsServer server = TestTlsServer.start(PKI.serverSslContext(PKI.serverCert("localhost", "127.0.0.1")));
                HTTPSConnection conn = trusting("localhost", server.port()).build()) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(new String(r.read(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(server.nextHandshake().requestedServerNames()).containsExactly("localhost");
        }
    }

    @Test
    void defaultPortIs443AndHostHeaderOmitsIt() {
        HTTPSConnection conn = new HTTPSConnection("example.com");
        assertThat(conn.getPort()).isEqualTo(HTTPSConnection.HTTPS_PORT).isEqualTo(443);
    }

    @Test
    void serverCertificateFromAnUntrustedRootIsRefusedByDefault() throws Exception {
        try (TestTlsServer server = TestTlsServer.start(PKI.serverSslContext(PKI.serverCert("localhost")));
                HTTPSConnection conn = new HTTPSConnection("localhost", server.port(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> {
                conn.request("GET", "/");
                conn.getResponse();
            }).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void hostNameNotInTheCertificateIsRefused() throws Exception {
        try (TestTlsServer server = TestTlsServer.start(PKI.serverSslContext(PKI.serverCert("localhost")));
                HTTPSConnection conn = trusting("127.0.0.1", server.port()).build()) {
            assertThatThrownBy(() -> {
                conn.request("GET", "/");
                conn.getResponse();
            }).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void insecureConfigurationAcceptsASelfSignedCertificateForAnotherName() throws Exception {
        try (TestTlsServer server = TestTlsServer.start(TestPki.selfSignedCert("elsewhere.test").serverSslContext());
                HTTPSConnection conn = HTTPSConnection.builder("127.0.0.1").port(server.port())
                        .tlsConfig(TlsConfig.insecure()).timeout(Duration.ofSeconds(5)).build()) {
            conn.request("GET", "/");
            assertThat(conn.getResponse().getStatus()).isEqualTo(200);
        }
    }

    @Test
    void clientCertificateFromPemFilesSatisfiesAServerThatRequiresOne() throws Exception {
        TestPki.PemFiles client = PKI.clientCert("client-1").writePem(dir);
        try (TestTlsServer server = TestTlsServer.builder(PKI.serverSslContext(PKI.serverCert("localhost")))
                        .clientAuthRequired().start();
                HTTPSConnection conn = trusting("localhost", server.port())
                        .keyFile(client.keyFile()).certFile(client.certFile()).build()) {
            conn.request("GET", "/");
            assertThat(conn.getResponse().getStatus()).isEqualTo(200);
            assertThat(server.nextHandshake().clientCertificates()).isNotEmpty();
        }
    }

    @Test
    void tunnelThroughAProxyRunsTlsEndToEndWithTheTargetName() throws Exception {
        try (TestTlsServer server = TestTlsServer.start(PKI.serverSslContext(PKI.serverCert("localhost")));
                ConnectProxy proxy = ConnectProxy.requiring("Basic dXNlcjpwYXNz");
                HTTPSConnection conn = trusting("127.0.0.1", proxy.port()).build()) {
            conn.setTunnel("localhost", server.port(), Map.of("Proxy-Authorization", "Basic dXNlcjpwYXNz"));
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.read()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(proxy.heads().get(0)).startsWith("CONNECT localhost:" + server.port() + " HTTP/1.1\r\n")
                    .contains("\r\nHost: localhost:" + server.port() + "\r\n");
            assertThat(server.nextHandshake().requestedServerNames()).containsExactly("localhost");
        }
    }

    @Test
    void tunnelRefusedByTheProxyRaisesWithTheProxyStatus() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.requiring("Basic secret");
                HTTPSConnection conn = trusting("127.0.0.1", proxy.port()).build()) {
            conn.setTunnel("localhost", 9, null);
            assertThatThrownBy(() -> conn.request("GET", "/"))
                    .isInstanceOfSatisfying(TunnelRefused.class, e -> assertThat(e.getStatus()).isEqualTo(407))
                    .hasMessageContaining("407");
        }
    }

    @Test
    void setTunnelOnAnOpenConnectionIsRefused() throws Exception {
        try (TestTlsServer server = TestTlsServer.start(PKI.serverSslContext(PKI.serverCert("localhost")));
                HTTPSConnection conn = trusting("localhost", server.port()).build()) {
            conn.connect();
            assertThatThrownBy(() -> conn.setTunnel("example.com", 443, null)).isInstanceOf(IllegalStateException.class);
        }
    }
}
