package io.httplib.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which Content-Encoding values are decoded, and which pass through untouched. */
class ContentCodingTest {

    @Test
    void gzipXGzipAndDeflateAreDecodedInAnyCase() {
        assertThat(ContentCoding.of("gzip")).isEqualTo(ContentCoding.GZIP);
        assertThat(ContentCoding.of(" GZip ")).isEqualTo(ContentCoding.GZIP);
        assertThat(ContentCoding.of("x-gzip")).isEqualTo(ContentCoding.GZIP);
        assertThat(ContentCoding.of("Deflate")).isEqualTo(ContentCoding.DEFLATE);
    }

    @Test
    void emptyListElementsAreIgnored() {
        assertThat(ContentCoding.of(", gzip ,")).isEqualTo(ContentCoding.GZIP);
    }

    @Test
    void noCodingSeveralCodingsAndUnknownCodingsPassThrough() {
        assertThat(ContentCoding.of(null)).isNull();
        assertThat(ContentCoding.of("")).isNull();
        assertThat(ContentCoding.of(" , ")).isNull();
        assertThat(ContentCoding.of("br")).isNull();
        assertThat(ContentCoding.of("zstd")).isNull();
        assertThat(ContentCoding.of("identity")).isNull();
        assertThat(ContentCoding.of("gzip, br")).isNull();
        assertThat(ContentCoding.of("deflate, gzip")).isNull();
        assertThat(ContentCoding.of("gzip, gzip")).isNull();
        assertThat(ContentCoding.of("gzip;q=1")).isNull();
    }
}
