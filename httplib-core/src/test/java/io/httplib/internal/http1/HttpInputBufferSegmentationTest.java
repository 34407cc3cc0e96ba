package io.httplib.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Lines read by {@link HttpInputBuffer} do not depend on how the network split the bytes or on
 * the buffer size: every buffer size and read size gives the lines a single whole read gives.
 * (Found by {@link ResponseParserFuzzTest}: a line ending in CR CR LF lost its content CR when
 * the line spilled over the buffer boundary just before the LF, so {@code X: a\r\r\n} was refused
 * as a bare CR or accepted as {@code a} depending on segmentation.)
 */
class HttpInputBufferSegmentationTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OKHeader: x\r\r\nnext\r\n",
        "X: a\r\r\n\r\n",
        "abc\r\r\r\ndef\n",
        "line\rwith\rcr\r\n",
        "\r\r\n\r\n",
        "only-lf\nsecond\n\n",
        "cut-at-end\r",
    })
    void everySegmentationGivesTheLinesOfAWholeRead(String text) throws IOException {
        byte[] input = text.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = lines(input, HttpInputBuffer.BUFFER_SIZE, 0, 0, 1000);
        for (int bufferSize = 1; bufferSize <= input.length + 2; bufferSize++) {
            for (int piece = 1; piece <= input.length; piece++) {
                List<String> split = lines(input, bufferSize, piece, 42L * bufferSize + piece, 1000);
                assertThat(split).as("buffer %d, pieces up to %d", bufferSize, piece).isEqualTo(whole);
            }
        }
    }

    @Test
    void aCrLfEndingSplitAcrossTheBufferBoundaryIsStillOneTerminator() throws IOException {
        // "abcdefg\r" fills an 8-byte buffer, the LF comes in the next read.
        byte[] input = "abcdefg\r\nz\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(lines(input, 8, 8, 1, 100))
                .containsExactly("abcdefg", "z");
    }

    @Test
    void aLineExactlyAtTheLimitWithItsCrSpilledIsAccepted() throws IOException {
        // The limit counts the terminator, as CPython's _MAXLINE does: 7 bytes of text + CRLF = 9.
        byte[] input = "abcdefg\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(lines(input, 8, 0, 0, 9)).containsExactly("abcdefg");
    }

    @Test
    void aLineOneByteOverTheLimitWithItsCrSpilledIsRefused() {
        byte[] input = "abcdefg\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> lines(input, 8, 0, 0, 8)).isInstanceOf(io.httplib.LineTooLong.class);
    }

    @Test
    void theLargestLineLimitDoesNotOverflow() throws IOException {
        String line = "x".repeat(100);
        byte[] input = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(lines(input, 16, 0, 0, Integer.MAX_VALUE)).containsExactly(line);
    }

    /**
     * Reads every line with {@code readLine}, and again with {@code readLineView} over the same
     * fragmentation; both must agree.
     *
     * @param maxPiece most bytes per read of the underlying stream (0: everything at once)
     */
    private static List<String> lines(byte[] input, int bufferSize, int maxPiece, long seed, int max) throws IOException {
        List<String> out = new ArrayList<>();
        HttpInputBuffer b = new HttpInputBuffer(stream(input, maxPiece, seed), bufferSize);
        String line;
        while ((line = b.readLine(max, "line")) != null) {
            out.add(b.lastLineTerminated() ? line : line + "<EOF>");
        }
        List<String> viewed = new ArrayList<>();
        HttpInputBuffer v = new HttpInputBuffer(stream(input, maxPiece, seed), bufferSize);
        int len;
        while ((len = v.readLineView(max, "line")) >= 0) {
            String s = new String(v.lineArray(), v.lineOffset(), len, StandardCharsets.ISO_8859_1);
            viewed.add(v.lastLineTerminated() ? s : s + "<EOF>");
        }
        assertThat(viewed).as("readLineView").isEqualTo(out);
        return out;
    }

    private static java.io.InputStream stream(byte[] input, int maxPiece, long seed) {
        return maxPiece == 0 ? new ByteArrayInputStream(input) : new ParserHarness.PiecewiseInputStream(input, maxPiece, new Random(seed));
    }
}
