package io.httplib.internal.codec;

import static io.httplib.testing.Compressed.gzip;
import static io.httplib.testing.Compressed.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.Decompression;
import io.httplib.DecompressionFailed;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The decoder holds an {@link java.util.zip.Inflater} (native memory) only while decoding is
 * under way: none before the first byte, none after the end, a failure or close.
 */
class ContentDecodingInputStreamTest {

    private static final byte[] JSON = json(100_000);

    private static ContentDecodingInputStream decoder(byte[] body) {
        return new ContentDecodingInputStream(new ByteArrayInputStream(body), ContentCoding.GZIP, Decompression.DEFAULT);
    }

    @Test
    void noInflaterIsMadeBeforeTheFirstReadNorForAnEmptyBody() throws Exception {
        ContentDecodingInputStream in = decoder(new byte[0]);
        assertThat(in.holdsInflater()).isFalse();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.holdsInflater()).isFalse();
        assertThat(in.isFinished()).isTrue();
    }

    @Test
    void theInflaterIsReleasedAtTheEndOfTheBody() throws Exception {
        ContentDecodingInputStream in = decoder(gzip(JSON));
        assertThat(in.read(new byte[10])).isEqualTo(10);
        assertThat(in.holdsInflater()).isTrue();
        assertThat(in.readAllBytes()).hasSize(JSON.length - 10);
        assertThat(in.holdsInflater()).isFalse();
        assertThat(in.decodedBytes()).isEqualTo(JSON.length);
        assertThat(in.compressedBytes()).isEqualTo(gzip(JSON).length);
    }

    @Test
    void theInflaterIsReleasedOnClose() throws Exception {
        ContentDecodingInputStream in = decoder(gzip(JSON));
        assertThat(in.read(new byte[10])).isEqualTo(10);
        in.close();
        assertThat(in.holdsInflater()).isFalse();
        assertThat(in.read()).isEqualTo(-1);
        in.close();
    }

    @Test
    void theInflaterIsReleasedOnFailure() throws Exception {
        byte[] wire = gzip(JSON);
        ContentDecodingInputStream in = decoder(Arrays.copyOf(wire, wire.length - 20));
        assertThat(in.read(new byte[10])).isEqualTo(10);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(DecompressionFailed.class);
        assertThat(in.holdsInflater()).isFalse();
    }

    @Test
    void aFailureAbandonsAPlainBodyStreamByClosingIt() throws Exception {
        boolean[] closed = new boolean[1];
        InputStream body = new ByteArrayInputStream(new byte[] {'n', 'o', 't'}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ContentDecodingInputStream in = new ContentDecodingInputStream(body, ContentCoding.GZIP, Decompression.DEFAULT);
        assertThatThrownBy(in::read).isInstanceOf(DecompressionFailed.class);
        assertThat(closed[0]).isTrue();
    }
}
