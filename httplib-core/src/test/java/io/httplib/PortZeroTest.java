package io.httplib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.ScriptedServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port 0 is refused like any port outside 1-65535, wherever a port is given: it was read as "no
 * port" by {@link Route#of(URI)} (so {@code http://127.0.0.1:0/x} went to port 80) and by the int
 * parameters, while the host string {@code "127.0.0.1:0"} was refused.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PortZeroTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:0/x", "https://127.0.0.1:0/x", "http://[::1]:0/", "http://example.com:0"})
    void aUriWithPortZeroHasNoRoute(String uri) {
        assertThatThrownBy(() -> Route.of(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port out of range 1-65535: 0");
    }

    @Test
    void aUriWithoutPortOrWithAnEmptyPortGetsTheSchemesDefault() {
        assertThat(Route.of(URI.create("http://example.com/x")).port()).isEqualTo(80);
        assertThat(Route.of(URI.create("http://example.com:/x")).port()).isEqualTo(80);
        assertThat(Route.of(URI.create("https://example.com/x")).port()).isEqualTo(443);
    }

    @Test
    void theClientRefusesPortZeroBeforeAnyConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
             HttplibClient client = HttplibClient.builder().build()) {
            assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:0/x", null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
            assertThatThrownBy(() -> client.send(ClientRequest.builder("GET", URI.create("http://127.0.0.1:0/x")).build()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(client.pool().stats().leased() + client.pool().stats().idle()).isZero();
        }
        assertThatThrownBy(() -> HttplibClient.builder().baseUri("http://127.0.0.1:0/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRedirectToPortZeroIsReturnedAsItIs() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replies(
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:0/x\r\nContent-Length: 0\r\n\r\n"));
             HttplibClient client = HttplibClient.builder().followRedirects(true).build();
             ClientResponse r = client.send("GET", "http://127.0.0.1:" + server.port() + "/", null, null)) {
            assertThat(r.status()).isEqualTo(302);
        }
    }

    @Test
    void connectionsAndFactoriesRefusePortZero() {
        assertThatThrownBy(() -> new HTTPConnection("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HTTPSConnection("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HTTPConnection.builder("127.0.0.1").port(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HTTPConnection("127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class);
        HTTPConnectionFactory factory = HTTPConnectionFactory.defaults();
        assertThatThrownBy(() -> factory.create(URI.create("http://127.0.0.1:0/"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> factory.create("http", "127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        try (HTTPConnection conn = new HTTPConnection("127.0.0.1", 8080)) {
            assertThatThrownBy(() -> conn.setTunnel("example.com", 0, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aNegativePortStillMeansTheDefault() {
        assertThat(new HTTPConnection("example.com", -1).getPort()).isEqualTo(80);
        assertThat(new HTTPConnection("example.com:8080", -1).getPort()).isEqualTo(8080);
        assertThat(HTTPConnectionFactory.defaults().create("https", "example.com", -1).getPort()).isEqualTo(443);
    }
}
