package io.httplib.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.BadStatusLine;
import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttpProxy;
import io.httplib.HttplibClient;
import io.httplib.ProxyAuthenticationRequired;
import io.httplib.ProxyConfig;
import io.httplib.Route;
import io.httplib.TlsConfig;
import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.testing.ForwardProxy;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import io.httplib.testing.TcpRelay;
import io.httplib.testing.TestPki;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttplibClient} through an HTTP proxy: plain requests in absolute form with the proxy's
 * credentials, HTTPS through a CONNECT tunnel with TLS verified against the origin, 407 as a typed
 * error, hosts that bypass the proxy, the JVM's proxy settings, pools kept apart per proxy, and a
 * proxy that fails in every way ending in a typed error within its bound, with no lease left.
 */
@Timeout(60)
class ProxyTest {

    static final TestPki PKI = TestPki.create();
    static final String AUTH = "Basic c3ZjOnMzY3JldA=="; // svc:s3cret
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @TempDir
    Path dir;

    private static HttplibClient client(ProxyConfig proxy, HttpEventListener listener) {
        return HttplibClient.builder()
                .connectionFactory(HTTPConnectionFactory.builder().proxy(proxy).connectTimeout(Duration.ofSeconds(2))
                        .readTimeout(Duration.ofSeconds(2)).tlsConfig(trustingTestCa()).build())
                .eventListener(listener)
                .build();
    }

    private static TlsConfig trustingTestCa() {
        return TlsConfig.builder().sslContext(PKI.clientSslContext()).build();
    }

    @Test
    void aPlainRequestGoesToTheProxyInAbsoluteFormWithCredentialsAndReachesTheOriginWithout() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                ForwardProxy proxy = ForwardProxy.requiring(AUTH);
                HttplibClient client = client(ProxyConfig.builder().proxy("127.0.0.1", proxy.port())
                        .credentials("svc", "s3cret").build(), recorder)) {
            String base = "http://origin.test:" + origin.port();
            assertThat(client.send("GET", base + "/a?b=c", null, null).readString()).isEqualTo("ok");
            try (ClientResponse r = client.send("POST", base + "/p", "hello".getBytes(), Map.of("X-A", "1"))) {
                assertThat(r.readString()).isEqualTo("ok");
            }

            assertThat(proxy.heads()).hasSize(2);
            assertThat(proxy.heads().get(0)).startsWith("GET " + base + "/a?b=c HTTP/1.1\r\n")
                    .contains("\r\nHost: origin.test:" + origin.port() + "\r\n")
                    .contains("\r\nProxy-Authorization: " + AUTH + "\r\n");
            assertThat(proxy.heads().get(1)).startsWith("POST " + base + "/p HTTP/1.1\r\n");
            assertThat(proxy.connectionCount()).isEqualTo(1);
            ScriptedServer.Request first = origin.request(0);
            assertThat(first.requestLine()).isEqualTo("GET /a?b=c HTTP/1.1");
            assertThat(first.header("Host")).isEqualTo("origin.test:" + origin.port());
            assertThat(origin.received(0)).doesNotContain("Proxy-Authorization");
            assertThat(origin.request(1).bodyText()).isEqualTo("hello");
            assertThat(client.pool().routeStats()).containsOnlyKeys(
                    new Route("http", "origin.test", origin.port(), new HttpProxy("127.0.0.1", proxy.port())));
        }
        assertThat(recorder.calls()).hasSize(2).allSatisfy(c -> assertThat(c.proxy()).isNotNull()
                .satisfies(p -> assertThat(p.host()).isEqualTo("127.0.0.1")));
        recorder.assertBalanced();
    }

    @Test
    void anHttpsRequestTunnelsWithConnectAndVerifiesTheOriginsCertificateNotTheProxys() throws Exception {
        List<InetSocketAddress> connected = new CopyOnWriteArrayList<>();
        HttpEventListener connects = new HttpEventListener() {
            @Override
            public void connectStart(CallContext call, InetSocketAddress address) {
                connected.add(address);
            }
        };
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                TcpRelay tls = TcpRelay.tlsTerminating(PKI.serverSslContext(PKI.serverCert("api.example")), origin.port());
                ForwardProxy proxy = ForwardProxy.requiring(AUTH);
                HttplibClient client = client(ProxyConfig.builder().proxy("127.0.0.1", proxy.port())
                        .credentials("svc", "s3cret").build(), connects)) {
            String base = "https://api.example:" + tls.port();
            assertThat(client.send("GET", base + "/x", null, null).readString()).isEqualTo("ok");
            assertThat(client.send("GET", base + "/y", null, null).readString()).isEqualTo("ok");

            assertThat(proxy.heads()).containsExactly("CONNECT api.example:" + tls.port() + " HTTP/1.1\r\nHost: api.example:"
                    + tls.port() + "\r\nProxy-Authorization: " + AUTH + "\r\n\r\n");
            assertThat(origin.request(0).requestLine()).isEqualTo("GET /x HTTP/1.1");
            assertThat(origin.request(0).header("Host")).isEqualTo("api.example:" + tls.port());
            assertThat(origin.received(0)).doesNotContain("Proxy-Authorization");
            assertThat(connected).containsExactly(new InetSocketAddress("127.0.0.1", proxy.port()));
        }
    }

    @Test
    void anHttpsOriginWhoseCertificateDoesNotNameItIsRefusedThroughTheProxyToo() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK));
                TcpRelay tls = TcpRelay.tlsTerminating(PKI.serverSslContext(PKI.serverCert("other.example")), origin.port());
                ForwardProxy proxy = ForwardProxy.open();
                HttplibClient client = client(ProxyConfig.of("127.0.0.1", proxy.port()), null)) {
            assertThatThrownBy(() -> client.send("GET", "https://api.example:" + tls.port() + "/", null, null))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            tls.close();
            origin.settle();
            // The TLS front connects to the origin on accept: nothing may reach it.
            assertThat(origin.totalBytesReceived()).isZero();
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void without407CredentialsPlainAndTunnelledRequestsFailWithTheProxysChallenge() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK));
                ForwardProxy proxy = ForwardProxy.requiring(AUTH);
                HttplibClient client = client(ProxyConfig.of("127.0.0.1", proxy.port()), null)) {
            assertThatThrownBy(() -> client.send("GET", "http://origin.test:" + origin.port() + "/", null, null))
                    .isInstanceOfSatisfying(ProxyAuthenticationRequired.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(407);
                        assertThat(e.getChallenges()).containsExactly("Basic realm=\"test\"");
                        assertThat(e).hasMessageContaining("127.0.0.1:" + proxy.port());
                    });
            assertThatThrownBy(() -> client.send("GET", "https://origin.test:" + origin.port() + "/", null, null))
                    .isInstanceOfSatisfying(ProxyAuthenticationRequired.class,
                            e -> assertThat(e.getChallenges()).containsExactly("Basic realm=\"test\""));
            assertThat(origin.connectionCount()).isZero();
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithTheSameTypedError() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiring(AUTH);
                HttplibClient client = client(ProxyConfig.builder().proxy("127.0.0.1", proxy.port())
                        .credentials("svc", "wrong").build(), null)) {
            assertThatThrownBy(() -> client.send("GET", "http://origin.test:9/", null, null))
                    .isInstanceOf(ProxyAuthenticationRequired.class);
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void hostsOnTheNoProxyListGoDirectAndOthersThroughTheProxy() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK, OK, OK, OK));
                ForwardProxy proxy = ForwardProxy.open();
                HttplibClient client = client(ProxyConfig.builder().proxy("127.0.0.1", proxy.port())
                        .noProxy("localhost", ".internal.example", "127.0.0.0/8").build(), null)) {
            int port = origin.port();
            client.send("GET", "http://127.0.0.1:" + port + "/cidr", null, null).readAllBytes();
            client.send("GET", "http://localhost:" + port + "/exact", null, null).readAllBytes();
            client.send("GET", "http://outside.example:" + port + "/proxied", null, null).readAllBytes();
            assertThat(proxy.heads()).hasSize(1);
            assertThat(proxy.heads().get(0)).startsWith("GET http://outside.example:" + port + "/proxied ");
        }
    }

    @Test
    void aProxySelectorDecidesPerRequestAndItsDirectChoiceGoesDirect() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                ForwardProxy proxy = ForwardProxy.open()) {
            ProxySelector selector = new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return uri.getHost().endsWith(".via-proxy")
                            ? List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("127.0.0.1", proxy.port())))
                            : List.of(Proxy.NO_PROXY);
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
            };
            try (HttplibClient client = client(ProxyConfig.builder().selector(selector).build(), null)) {
                client.send("GET", "http://a.via-proxy:" + origin.port() + "/", null, null).readAllBytes();
                client.send("GET", "http://127.0.0.1:" + origin.port() + "/", null, null).readAllBytes();
            }
            assertThat(proxy.heads()).hasSize(1);
            assertThat(origin.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void theJvmsProxyPropertiesAreHonouredWithTheirExclusions() throws Exception {
        String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                ForwardProxy proxy = ForwardProxy.open();
                HttplibClient client = client(ProxyConfig.system(), null)) {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.port()));
            System.setProperty("http.nonProxyHosts", "*.direct.example|localhost");
            client.send("GET", "http://origin.corp.example:" + origin.port() + "/", null, null).readAllBytes();
            client.send("GET", "http://localhost:" + origin.port() + "/", null, null).readAllBytes();
            assertThat(proxy.heads()).hasSize(1);
            assertThat(proxy.heads().get(0)).startsWith("GET http://origin.corp.example:" + origin.port() + "/ ");
            assertThat(origin.connectionCount()).isEqualTo(2);
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }

    @Test
    void connectionsToOneOriginThroughDifferentProxiesOrNoneAreNeverShared() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK, OK));
                ForwardProxy a = ForwardProxy.open();
                ForwardProxy b = ForwardProxy.open()) {
            ConnectionPool shared = ConnectionPool.builder().build();
            String uri = "http://origin.test:" + origin.port() + "/";
            HttplibClient viaA = HttplibClient.builder().pool(shared).connectionFactory(HTTPConnectionFactory.builder()
                    .proxy(ProxyConfig.of("127.0.0.1", a.port())).build()).build();
            HttplibClient viaB = HttplibClient.builder().pool(shared).connectionFactory(HTTPConnectionFactory.builder()
                    .proxy(ProxyConfig.of("127.0.0.1", b.port())).build()).build();
            viaA.send("GET", uri, null, null).readAllBytes();
            viaB.send("GET", uri, null, null).readAllBytes();
            viaA.send("GET", uri, null, null).readAllBytes();
            assertThat(a.heads()).hasSize(2);
            assertThat(b.heads()).hasSize(1);
            assertThat(a.connectionCount()).isEqualTo(1);
            assertThat(b.connectionCount()).isEqualTo(1);
            assertThat(shared.routeStats()).hasSize(2).allSatisfy((route, stats) -> {
                assertThat(route.proxy()).isNotNull();
                assertThat(stats.idle()).isEqualTo(1);
            });
            shared.close();
        }
    }

    @Test
    void aProxyThatRefusesConnectionsFailsWithConnectException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HttplibClient client = client(ProxyConfig.of("127.0.0.1", closedPort), null)) {
            assertThatThrownBy(() -> client.send("GET", "http://origin.test/", null, null)).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> client.send("GET", "https://origin.test/", null, null)).isInstanceOf(ConnectException.class);
            assertThat(client.pool().stats().leased()).isZero();
        }
    }

    @Test
    void aProxyThatResetsFailsWithSocketException() throws Exception {
        assertProxyFault(ForwardProxy.Fault.RESET, SocketException.class);
    }

    @Test
    void aProxyThatStallsFailsWithinTheTimeout() throws Exception {
        assertProxyFault(ForwardProxy.Fault.STALL, SocketTimeoutException.class);
    }

    @Test
    void aProxyThatAnswersGarbageFailsWithBadStatusLine() throws Exception {
        assertProxyFault(ForwardProxy.Fault.GARBAGE, BadStatusLine.class);
    }

    private void assertProxyFault(ForwardProxy.Fault fault, Class<? extends IOException> expected) throws Exception {
        try (ForwardProxy proxy = ForwardProxy.faulty(fault);
                HttplibClient client = client(ProxyConfig.of("127.0.0.1", proxy.port()), null)) {
            for (String scheme : List.of("http", "https")) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> client.send("POST", scheme + "://origin.test:8443/", "x".getBytes(), null))
                        .as(scheme).isInstanceOf(expected);
                // connect and read timeouts are 2 s
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(scheme).isLessThan(Duration.ofSeconds(6));
                assertThat(client.pool().stats().leased()).as(scheme).isZero();
            }
        }
    }

    @Test
    void proxyCredentialsNeverAppearInDescriptions() {
        ProxyConfig config = ProxyConfig.builder().proxy("proxy.corp", 3128).credentials("svc", "s3cret")
                .noProxy("localhost").build();
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("c3ZjOnMzY3JldA").contains("proxy.corp:3128");
        assertThat(config.authenticator().toString()).doesNotContain("s3cret");
        assertThat(HTTPConnectionFactory.builder().proxy(config).build().toString()).doesNotContain("s3cret");
    }
}
