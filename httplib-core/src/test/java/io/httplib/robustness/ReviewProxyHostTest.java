package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.httplib.HttpProxy;
import io.httplib.ProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A proxy host that no name or address can be ({@code proxy.corp:3128}, a URL, user info,
 * whitespace) is refused when the proxy is configured, as {@code HTTPConnection} refuses such a
 * host. Before, {@code new HttpProxy("proxy.corp:3128", 3128)} was accepted (and printed as the
 * IPv6 literal {@code [proxy.corp:3128]:3128}), and every request then failed with an
 * {@code UnknownHostException}.
 */
class ReviewProxyHostTest {

    @ParameterizedTest
    @ValueSource(strings = { "proxy.corp:3128", "http://proxy.corp", "user@proxy.corp", "proxy corp", " proxy",
            "proxy\t", "proxy/", "[proxy]x" })
    void aHostNoNameOrAddressCanBeIsRefused(String host) {
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpProxy(host, 3128)).withMessageContaining("proxy host");
        assertThatIllegalArgumentException().isThrownBy(() -> ProxyConfig.builder().proxy(host, 3128).build());
    }

    @Test
    void namesAndAddressesAreAccepted() {
        assertThat(new HttpProxy("Proxy.Corp.Example", 3128)).hasToString("proxy.corp.example:3128");
        assertThat(new HttpProxy("10.0.0.1", 3128)).hasToString("10.0.0.1:3128");
        assertThat(new HttpProxy("[::1]", 3128)).hasToString("[::1]:3128");
        assertThat(new HttpProxy("fd00::1", 3128)).hasToString("[fd00::1]:3128");
    }
}
