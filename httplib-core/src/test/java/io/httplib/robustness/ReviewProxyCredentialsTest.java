package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.ClientResponse;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.ProxyConfig;
import io.httplib.TlsConfig;
import io.httplib.testing.ForwardProxy;
import io.httplib.testing.ScriptedServer;
import io.httplib.testing.TcpRelay;
import io.httplib.testing.TestPki;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A caller's {@code Proxy-Authorization} goes to a proxy only: never inside a tunnel, never to an origin reached directly. */
@Timeout(30)
class ReviewProxyCredentialsTest {

    static final TestPki PKI = TestPki.create();
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static final Map<String, String> CREDENTIALS = Map.of("Proxy-Authorization", "Basic c3ZjOnMzY3JldA==");

    @Test
    void aCallersProxyAuthorizationNeverReachesTheOriginThroughATunnel() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK));
                TcpRelay tls = TcpRelay.tlsTerminating(PKI.serverSslContext(PKI.serverCert("api.example")), origin.port());
                ForwardProxy proxy = ForwardProxy.open();
                HttplibClient client = HttplibClient.builder().connectionFactory(HTTPConnectionFactory.builder()
                        .proxy(ProxyConfig.of("127.0.0.1", proxy.port()))
                        .tlsConfig(TlsConfig.builder().sslContext(PKI.clientSslContext()).build())
                        .readTimeout(Duration.ofSeconds(3)).build()).build();
                ClientResponse r = client.send("GET", "https://api.example:" + tls.port() + "/", null, CREDENTIALS)) {
            assertThat(r.readString()).isEqualTo("ok");
            assertThat(origin.request(0).headers("Proxy-Authorization")).isEmpty();
        }
    }

    @Test
    void aCallersProxyAuthorizationNeverReachesAnOriginReachedDirectly() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK));
                HttplibClient client = HttplibClient.builder().build();
                ClientResponse r = client.send("GET", "http://127.0.0.1:" + origin.port() + "/", null, CREDENTIALS)) {
            assertThat(r.readString()).isEqualTo("ok");
            assertThat(origin.request(0).headers("Proxy-Authorization")).isEmpty();
        }
    }

    @Test
    void aCallersProxyAuthorizationGoesToThePlainProxyItIsFor() throws Exception {
        try (ScriptedServer origin = ScriptedServer.start(ScriptedServer.replies(OK));
                ForwardProxy proxy = ForwardProxy.open();
                HttplibClient client = HttplibClient.builder().connectionFactory(HTTPConnectionFactory.builder()
                        .proxy(ProxyConfig.of("127.0.0.1", proxy.port())).build()).build();
                ClientResponse r = client.send("GET", "http://origin.test:" + origin.port() + "/", null, CREDENTIALS)) {
            assertThat(r.readString()).isEqualTo("ok");
            assertThat(proxy.heads().get(0)).contains("\r\nProxy-Authorization: Basic c3ZjOnMzY3JldA==\r\n");
            assertThat(origin.request(0).headers("Proxy-Authorization")).isEmpty();
        }
    }
}
