package io.httplib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link HTTPConnection} splits its host argument into host and port (no I/O involved). */
class HostParsingTest {

    @Test
    void hostWithPortIsSplit() {
        HTTPConnection conn = new HTTPConnection("example.com:8080");
        assertThat(conn.getHost()).isEqualTo("example.com");
        assertThat(conn.getPort()).isEqualTo(8080);
    }

    @Test
    void hostWithoutPortUsesPort80() {
        HTTPConnection conn = new HTTPConnection("example.com");
        assertThat(conn.getHost()).isEqualTo("example.com");
        assertThat(conn.getPort()).isEqualTo(80).isEqualTo(HTTPConnection.HTTP_PORT);
    }

    @Test
    void bracketedIpv6WithPortIsSplitAndUnbracketed() {
        HTTPConnection conn = new HTTPConnection("[::1]:8080");
        assertThat(conn.getHost()).isEqualTo("::1");
        assertThat(conn.getPort()).isEqualTo(8080);
    }

    @Test
    void bracketedIpv6WithoutPortUsesPort80() {
        HTTPConnection conn = new HTTPConnection("[::1]");
        assertThat(conn.getHost()).isEqualTo("::1");
        assertThat(conn.getPort()).isEqualTo(80);
    }

    @Test
    void longerBracketedIpv6AddressIsUnbracketed() {
        HTTPConnection conn = new HTTPConnection("[2001:db8::10]:443");
        assertThat(conn.getHost()).isEqualTo("2001:db8::10");
        assertThat(conn.getPort()).isEqualTo(443);
    }

    @Test
    void explicitPortOverridesThePortInTheHostString() {
        HTTPConnection conn = new HTTPConnection("example.com:8080", 9090);
        assertThat(conn.getHost()).isEqualTo("example.com");
        assertThat(conn.getPort()).isEqualTo(9090);
    }

    @Test
    void explicitPortIsUsedWithAPlainHost() {
        HTTPConnection conn = new HTTPConnection("example.com", 8443);
        assertThat(conn.getHost()).isEqualTo("example.com");
        assertThat(conn.getPort()).isEqualTo(8443);
    }

    @Test
    void negativeExplicitPortTakesThePortFromTheHostString() {
        assertThat(new HTTPConnection("example.com:8080", -1).getPort()).isEqualTo(8080);
        assertThat(new HTTPConnection("example.com", -1).getPort()).isEqualTo(80);
    }

    @Test
    void explicitPortZeroIsRefusedLikeAnyPortOutOfRange() {
        assertThatThrownBy(() -> new HTTPConnection("example.com:8080", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HTTPConnection("example.com", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorWithTimeoutParsesTheSameWay() {
        HTTPConnection conn = new HTTPConnection("[::1]:8081", -1, Duration.ofSeconds(1));
        assertThat(conn.getHost()).isEqualTo("::1");
        assertThat(conn.getPort()).isEqualTo(8081);
        HTTPConnection noTimeout = new HTTPConnection("example.com", 81, null);
        assertThat(noTimeout.getPort()).isEqualTo(81);
    }

    @Test
    void builderParsesTheHostStringAndAppliesThePort() {
        HTTPConnection parsed = HTTPConnection.builder("example.com:8080").build();
        assertThat(parsed.getHost()).isEqualTo("example.com");
        assertThat(parsed.getPort()).isEqualTo(8080);

        HTTPConnection explicit = HTTPConnection.builder("example.com").port(8181).build();
        assertThat(explicit.getHost()).isEqualTo("example.com");
        assertThat(explicit.getPort()).isEqualTo(8181);
    }

    @Test
    void emptyPortAfterColonMeansTheDefaultPort() {
        HTTPConnection conn = new HTTPConnection("example.com:");
        assertThat(conn.getHost()).isEqualTo("example.com");
        assertThat(conn.getPort()).isEqualTo(80);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "70000", "-1", "65536", "8o80"})
    void invalidPortInHostStringIsRejectedNamingTheValue(String port) {
        assertThatThrownBy(() -> new HTTPConnection("example.com:" + port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(port);
    }

    @ParameterizedTest
    @ValueSource(ints = {65536, 70000, 100_000})
    void explicitPortOutOfRangeIsRejected(int port) {
        assertThatThrownBy(() -> new HTTPConnection("example.com", port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(port));
    }

    @Test
    void builderPortOutOfRangeIsRejected() {
        assertThatThrownBy(() -> HTTPConnection.builder("example.com").port(65536).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "example.com\r\nX-Injected: 1", "exa\u0000mple.com", "example.com/path", ""})
    void hostWithWhitespaceControlCharactersOrPathIsRejected(String host) {
        assertThatThrownBy(() -> new HTTPConnection(host, 8080))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
