package io.httplib.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SNIHostName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TlsHostNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "::1", "fe80::1%eth0", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1"})
    void ipLiteralsGetNoSni(String host) {
        assertThat(HostNames.isIpLiteral(host)).isTrue();
        assertThat(HostNames.sniName(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "a.b.c.example", "xn--bcher-kva.example", "1.2.3.example"})
    void hostNamesGetSni(String host) {
        assertThat(HostNames.isIpLiteral(host)).isFalse();
        assertThat(HostNames.sniName(host)).contains(new SNIHostName(host));
    }

    @Test
    void aTrailingDotIsDroppedFromSni() {
        assertThat(HostNames.sniName("example.com.")).contains(new SNIHostName("example.com"));
    }

    @Test
    void namesThatAreNotDnsHostNamesGetNoSni() {
        assertThat(HostNames.sniName("under_score.example")).isEmpty();
        assertThat(HostNames.sniName(".")).isEmpty();
    }

    @Test
    void bracketsOfIpv6LiteralsAreRemoved() {
        assertThat(HostNames.stripBrackets("[::1]")).isEqualTo("::1");
        assertThat(HostNames.stripBrackets("example.com")).isEqualTo("example.com");
    }
}
