package io.httplib;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Default and configured parser limits. */
class HTTPLimitsTest {

    @Test
    void defaultLimitsMatchTheDocumentedValues() {
        assertThat(HTTPLimits.DEFAULT.maxLineLength()).isEqualTo(65536);
        assertThat(HTTPLimits.DEFAULT.maxHeaders()).isEqualTo(100);
        assertThat(HTTPLimits.DEFAULT.maxInterimResponses()).isEqualTo(100);
        assertThat(HTTPLimits.DEFAULT.maxHeaderBytes()).isPositive();
        assertThat(HTTPLimits.DEFAULT.maxChunkExtensionLength()).isPositive();
    }

    @Test
    void builderStartsFromTheDefaults() {
        HTTPLimits built = HTTPLimits.builder().build();
        assertThat(built.maxLineLength()).isEqualTo(HTTPLimits.DEFAULT.maxLineLength());
        assertThat(built.maxHeaders()).isEqualTo(HTTPLimits.DEFAULT.maxHeaders());
        assertThat(built.maxInterimResponses()).isEqualTo(HTTPLimits.DEFAULT.maxInterimResponses());
        assertThat(built.maxHeaderBytes()).isEqualTo(HTTPLimits.DEFAULT.maxHeaderBytes());
        assertThat(built.maxChunkExtensionLength()).isEqualTo(HTTPLimits.DEFAULT.maxChunkExtensionLength());
    }

    @Test
    void builderSettersAreApplied() {
        HTTPLimits limits = HTTPLimits.builder()
                .maxLineLength(1000)
                .maxHeaders(10)
                .maxInterimResponses(5)
                .maxHeaderBytes(4096)
                .maxChunkExtensionLength(64)
                .build();
        assertThat(limits.maxLineLength()).isEqualTo(1000);
        assertThat(limits.maxHeaders()).isEqualTo(10);
        assertThat(limits.maxInterimResponses()).isEqualTo(5);
        assertThat(limits.maxHeaderBytes()).isEqualTo(4096);
        assertThat(limits.maxChunkExtensionLength()).isEqualTo(64);
    }
}
