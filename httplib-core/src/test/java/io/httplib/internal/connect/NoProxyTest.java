package io.httplib.internal.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoProxyTest {

    private static final NoProxy LIST = NoProxy.parse(List.of(
            "localhost, .corp.example", "*.svc.cluster.local api.partner.example", "10.0.0.0/8", "192.168.1.7",
            "fd00::/8", "[::1]"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "localhost, true",
        "LOCALHOST, true",
        "localhost., true",
        "corp.example, true",
        "a.corp.example, true",
        "a.b.corp.example, true",
        "notcorp.example, false",
        "corp.example.evil, false",
        "x.svc.cluster.local, true",
        "svc.cluster.local, true",
        "api.partner.example, true",
        "www.api.partner.example, true",
        "partner.example, false",
        "10.1.2.3, true",
        "10.255.255.255, true",
        "11.0.0.1, false",
        "192.168.1.7, true",
        "192.168.1.8, false",
        "[fd12::1], true",
        "fd12::1, true",
        "fe80::1, false",
        "::1, true",
        "example.com, false",
    })
    void matchesHostsAsCurlsNoProxyDoes(String host, boolean direct) {
        assertThat(LIST.matches(host)).isEqualTo(direct);
    }

    @Test
    void aStarMatchesEverything() {
        assertThat(NoProxy.parse(List.of("*")).matches("anything.example")).isTrue();
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertThat(NoProxy.parse(List.of("", " , ")).isEmpty()).isTrue();
        assertThat(NoProxy.none().matches("localhost")).isFalse();
    }

    @Test
    void aPrefixNeedsAFullOctetBoundaryOnlyWhereItSaysSo() {
        NoProxy n = NoProxy.parse(List.of("172.16.0.0/12"));
        assertThat(n.matches("172.31.255.255")).isTrue();
        assertThat(n.matches("172.32.0.0")).isFalse();
        assertThat(n.matches("172.15.255.255")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10.0.0.0/33", "10.0.0.0/", "300.1.1.1", "1.2.3", "fd00::/129", "a*b.example", "not-an-ip/8"})
    void malformedEntriesAreRefusedNamingThem(String entry) {
        assertThatThrownBy(() -> NoProxy.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry.split("/")[0]);
    }
}
