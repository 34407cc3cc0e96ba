package io.httplib;

import static io.httplib.testing.Compressed.concat;
import static io.httplib.testing.Compressed.chunkedResponse;
import static io.httplib.testing.Compressed.gzip;
import static io.httplib.testing.Compressed.gzipZeros;
import static io.httplib.testing.Compressed.json;
import static io.httplib.testing.Compressed.latin1;
import static io.httplib.testing.Compressed.rawDeflate;
import static io.httplib.testing.Compressed.response;
import static io.httplib.testing.Compressed.zlib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.KeepAliveServer;
import io.httplib.testing.RecordingListener;
import io.httplib.testing.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compressed bodies that are corrupt, cut short or made to explode: each raises a typed error,
 * never a silently shorter body, and a connection whose body was not read to its end is closed,
 * never pooled half-read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompressedResponseErrorTest {

    private static final byte[] JSON = json(200_000);

    private static KeepAliveServer serve(byte[] reply) throws IOException {
        return KeepAliveServer.start(r -> reply);
    }

    private static HttplibClient client(KeepAliveServer server, RecordingListener recorder) {
        return HttplibClient.builder().baseUri(server.uri()).eventListener(recorder).build();
    }

    /** Reads the body through a small buffer; returns what was read before the failure. */
    private static long readThrough(ClientResponse r, int bufferSize, IOException[] failure) {
        byte[] buf = new byte[bufferSize];
        long total = 0;
        try (InputStream in = r.body()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            failure[0] = e;
        }
        return total;
    }

    private static void awaitNoOpenConnection(KeepAliveServer server) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openConnections() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(server.openConnections()).as("connections the server still has open").isZero();
    }

    // ---- corrupt and truncated data ----------------------------------------------------------

    @Test
    void corruptDeflateDataInAGzipBodyRaisesDecompressionFailedAndClosesTheConnection() throws Exception {
        byte[] wire = gzip(JSON);
        wire[10] = (byte) 0xff; // first block: BTYPE 11 is reserved (RFC 1951 section 3.2.3)
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = client(server, recorder);
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageStartingWith("gzip body cannot be decoded: corrupt data: invalid block type")
                    .satisfies(e -> assertThat(((DecompressionFailed) e).getCoding()).isEqualTo("gzip"));
            assertThat(client.pool().stats().idle()).isZero();
            awaitNoOpenConnection(server);
        }
        assertThat(recorder.events()).endsWith("connectionReleased(keptAlive=false)", "callFailed(DecompressionFailed)");
        recorder.assertBalanced();
    }

    @Test
    void aReadAfterTheFailureRaisesTheSameTypedError() throws Exception {
        try (KeepAliveServer server = serve(response("200 OK", "plain text, labelled gzip".getBytes(StandardCharsets.UTF_8),
                "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            InputStream in = r.body();
            assertThatThrownBy(in::read).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("does not start with the gzip magic bytes 1f 8b");
            assertThatThrownBy(in::read).isInstanceOf(DecompressionFailed.class);
            assertThat(r.isClosed()).isTrue();
        }
    }

    @Test
    void gzipDataCutShortInsideACompleteMessageIsRefusedNotTruncated() throws Exception {
        byte[] wire = gzip(JSON);
        byte[] cut = Arrays.copyOf(wire, wire.length / 2);
        try (KeepAliveServer server = serve(response("200 OK", cut, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            IOException[] failure = new IOException[1];
            long got = readThrough(r, 8192, failure);
            assertThat(failure[0]).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("the body ended before the end of the compressed data");
            assertThat(got).isLessThan(JSON.length);
        }
    }

    @Test
    void aGzipBodyEndingInsideItsTrailerIsRefused() throws Exception {
        byte[] wire = gzip(JSON);
        try (KeepAliveServer server = serve(response("200 OK", Arrays.copyOf(wire, wire.length - 3),
                "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("the body ended inside the trailer of member 1");
        }
    }

    @Test
    void aConnectionThatEndsBeforeTheBodyRaisesIncompleteRead() throws Exception {
        byte[] wire = gzip(JSON);
        String head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + wire.length + "\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.start(
                ScriptedServer.replyAndClose(head + latin1(Arrays.copyOf(wire, 5000))));
                HttplibClient client = HttplibClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(IncompleteRead.class);
        }
    }

    @Test
    void aWrongCrcInTheTrailerIsRefusedAndTheIntactConnectionIsKept() throws Exception {
        byte[] wire = gzip(JSON);
        wire[wire.length - 8] ^= 0x01;
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = client(server, recorder)) {
            for (int i = 0; i < 2; i++) {
                try (ClientResponse r = client.send("GET", "/", null, null)) {
                    assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                            .hasMessageContaining("member 1 trailer gives CRC-32 0x");
                }
            }
            // The framing was intact and read to its end: the connection could be reused.
            assertThat(server.connectionCount()).isEqualTo(1);
        }
        assertThat(recorder.events()).contains("connectionReleased(keptAlive=true)");
        // The caller got an error: so does the listener (never a callEnd for a body that failed).
        assertThat(recorder.events()).filteredOn(e -> e.startsWith("call") && !e.equals("callStart"))
                .containsExactly("callFailed(DecompressionFailed)", "callFailed(DecompressionFailed)");
        recorder.assertBalanced();
    }

    @Test
    void aWrongCrcSeenWhileStreamingFailsTheCallForTheListenerToo() throws Exception {
        byte[] wire = gzip(JSON);
        wire[wire.length - 8] ^= 0x01;
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = client(server, recorder);
                ClientResponse r = client.send("GET", "/", null, null)) {
            InputStream body = r.body();
            assertThatThrownBy(() -> body.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(DecompressionFailed.class);
        }
        assertThat(recorder.events()).last().isEqualTo("callFailed(DecompressionFailed)");
        recorder.assertBalanced();
    }

    @Test
    void aDecodedBodyReadToItsEndEndsTheCallOnceTheTrailerIsChecked() throws Exception {
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = serve(response("200 OK", gzip(JSON), "Content-Encoding: gzip"));
                HttplibClient client = client(server, recorder);
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.body().readAllBytes()).isEqualTo(JSON);
        }
        assertThat(recorder.events()).last().isEqualTo("callEnd");
        assertThat(recorder.events()).filteredOn("callEnd"::equals).hasSize(1);
        recorder.assertBalanced();
    }

    @Test
    void aWrongLengthInTheTrailerIsRefused() throws Exception {
        byte[] wire = gzip(JSON);
        wire[wire.length - 1] ^= 0x40;
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("but the data has " + JSON.length + " bytes");
        }
    }

    @Test
    void bytesAfterTheGzipMemberThatAreNotAMemberAreRefusedAndTheConnectionClosed() throws Exception {
        // Longer than the decoder's input buffer: the refusal comes before the body was all read.
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) 'g');
        byte[] wire = concat(gzip(JSON), garbage);
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = client(server, recorder);
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("byte 0x67 follows the end of member 1");
            awaitNoOpenConnection(server);
        }
        assertThat(recorder.events()).endsWith("connectionReleased(keptAlive=false)", "callFailed(DecompressionFailed)");
    }

    @Test
    void trailingBytesThatArrivedWithTheLastOfTheBodyAreRefusedAndTheIntactConnectionIsKept() throws Exception {
        // Small enough to arrive with the response head: read whole before the garbage is seen.
        byte[] wire = concat(gzip(json(2000)), new byte[3], "garbage".getBytes(StandardCharsets.US_ASCII));
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build()) {
            for (int i = 0; i < 2; i++) {
                try (ClientResponse r = client.send("GET", "/", null, null)) {
                    assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                            .hasMessageContaining("byte 0x67 follows the end of member 1");
                }
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void bytesAfterTheDeflateStreamAreRefused() throws Exception {
        for (byte[] stream : new byte[][] {zlib(JSON), rawDeflate(JSON)}) {
            try (KeepAliveServer server = serve(response("200 OK", concat(stream, new byte[] {0, 0}),
                    "Content-Encoding: deflate"));
                    HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                    ClientResponse r = client.send("GET", "/", null, null)) {
                assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                        .hasMessageContaining("bytes follow the end of the deflate stream");
            }
        }
    }

    @Test
    void aZlibStreamWithAWrongAdler32IsRefused() throws Exception {
        byte[] wire = zlib(JSON);
        wire[wire.length - 1] ^= 0x01;
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: deflate"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("incorrect data check");
        }
    }

    @Test
    void aZlibStreamNeedingAPresetDictionaryIsRefused() throws Exception {
        // CMF 0x78, FLG 0xbb: FDICT set and (CMF * 256 + FLG) % 31 == 0; then a dictionary id.
        byte[] wire = {0x78, (byte) 0xbb, 0, 0, 0, 1, 0x4b, 0x04, 0};
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: deflate"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("preset dictionary");
        }
    }

    @Test
    void reservedGzipHeaderFlagsAreRefused() throws Exception {
        byte[] wire = gzip(JSON);
        wire[3] |= 0x20;
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("reserved header flags 0x20");
        }
    }

    @Test
    void optionalGzipHeaderFieldsAreSkippedAndTheHeaderCrcChecked() throws Exception {
        byte[] data = "with every optional header field".getBytes(StandardCharsets.UTF_8);
        try (KeepAliveServer server = serve(response("200 OK", gzipWithAllHeaderFields(data, false),
                "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readAllBytes()).isEqualTo(data);
        }
        try (KeepAliveServer server = serve(response("200 OK", gzipWithAllHeaderFields(data, true),
                "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionFailed.class)
                    .hasMessageContaining("header CRC is 0x");
        }
    }

    /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set (RFC 1952 section 2.3). */
    private static byte[] gzipWithAllHeaderFields(byte[] data, boolean wrongHeaderCrc) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 1, 2, 3, 4, 0, 3});
        h.writeBytes(new byte[] {5, 0, 'A', 'B', 1, 0, 'x'}); // XLEN 5: one subfield "AB" of 1 byte
        h.writeBytes("data.json\0".getBytes(StandardCharsets.ISO_8859_1));
        h.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        CRC32 headerCrc = new CRC32();
        headerCrc.update(h.toByteArray());
        int hcrc = (int) headerCrc.getValue() & 0xffff;
        if (wrongHeaderCrc) {
            hcrc ^= 1;
        }
        h.write(hcrc & 0xff);
        h.write(hcrc >>> 8);
        h.writeBytes(rawDeflate(data));
        CRC32 crc = new CRC32();
        crc.update(data);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            h.write((int) (c >>> (8 * i)) & 0xff);
        }
        for (int i = 0; i < 4; i++) {
            h.write((data.length >>> (8 * i)) & 0xff);
        }
        return h.toByteArray();
    }

    // ---- bombs -------------------------------------------------------------------------------

    @Test
    void aBombIsStoppedByTheRatioSoonAfterTheFloorAndItsConnectionClosed() throws Exception {
        byte[] bomb = gzipZeros(64L * 1024 * 1024); // about 64 KB on the wire
        RecordingListener recorder = new RecordingListener();
        try (KeepAliveServer server = serve(chunkedResponse("200 OK", bomb, 8192, "Content-Encoding: gzip"));
                HttplibClient client = client(server, recorder);
                ClientResponse r = client.send("GET", "/", null, null)) {
            IOException[] failure = new IOException[1];
            long got = readThrough(r, 8192, failure);
            assertThat(failure[0]).isInstanceOf(DecompressionLimitExceeded.class)
                    .hasMessageContaining("gzip body exceeds maxRatio 100");
            DecompressionLimitExceeded e = (DecompressionLimitExceeded) failure[0];
            assertThat(e.getLimit()).isEqualTo(DecompressionLimitExceeded.Limit.MAX_RATIO);
            assertThat(e.getLimitValue()).isEqualTo(100);
            assertThat(e.getDecodedBytes()).isGreaterThan(Decompression.RATIO_CHECK_FLOOR)
                    .isGreaterThan(100 * e.getCompressedBytes());
            assertThat(got).isLessThanOrEqualTo(Decompression.RATIO_CHECK_FLOOR + 8192);
            assertThat(client.pool().stats().idle()).isZero();
            awaitNoOpenConnection(server);
        }
        assertThat(recorder.events()).endsWith("connectionReleased(keptAlive=false)",
                "callFailed(DecompressionLimitExceeded)");
        // Only part of the compressed body was read from the socket.
        String bodyEnd = recorder.events().stream().filter(s -> s.startsWith("responseBodyEnd(")).findFirst().orElseThrow();
        long wireRead = Long.parseLong(bodyEnd.substring("responseBodyEnd(".length(), bodyEnd.length() - 1));
        assertThat(wireRead).isLessThan(bomb.length);
        recorder.assertBalanced();
    }

    @Test
    void theDecodedSizeBoundHandsOutNoBytePastIt() throws Exception {
        long max = 1024 * 1024;
        byte[] bomb = gzipZeros(8 * max);
        try (KeepAliveServer server = serve(response("200 OK", bomb, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                        .decompression(Decompression.builder().maxDecodedSize(max).maxRatio(Integer.MAX_VALUE).build())
                        .build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            IOException[] failure = new IOException[1];
            long got = readThrough(r, 3000, failure);
            assertThat(failure[0]).isInstanceOf(DecompressionLimitExceeded.class)
                    .hasMessageContaining("gzip body exceeds maxDecodedSize " + max + " bytes: " + (max + 1)
                            + " bytes decoded from ");
            assertThat(((DecompressionLimitExceeded) failure[0]).getLimit())
                    .isEqualTo(DecompressionLimitExceeded.Limit.MAX_DECODED_SIZE);
            assertThat(got).isEqualTo(max);
        }
    }

    @Test
    void aBodyOfExactlyTheDecodedSizeBoundIsAccepted() throws Exception {
        byte[] data = json(100_000);
        try (KeepAliveServer server = serve(response("200 OK", gzip(data), "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                        .decompression(Decompression.builder().maxDecodedSize(data.length).build()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void smallBodiesThatExpandPastTheRatioAreAcceptedBelowTheFloor() throws Exception {
        byte[] zeros = new byte[(int) Decompression.RATIO_CHECK_FLOOR];
        try (KeepAliveServer server = serve(response("200 OK", gzip(zeros), "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build();
                ClientResponse r = client.send("GET", "/", null, null)) {
            assertThat(r.readAllBytes()).isEqualTo(zeros); // about 1000 times, all below the floor
        }
    }

    @Test
    void readingABombWholeAllocatesAboutTheFloorNotTheBomb() throws Exception {
        byte[] bomb = gzipZeros(256L * 1024 * 1024);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (KeepAliveServer server = serve(response("200 OK", bomb, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri()).build()) {
            long before = mx.getCurrentThreadAllocatedBytes();
            try (ClientResponse r = client.send("GET", "/", null, null)) {
                assertThatThrownBy(r::readAllBytes).isInstanceOf(DecompressionLimitExceeded.class);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated reading a 256 MiB bomb").isLessThan(16L * 1024 * 1024);
        }
    }

    @Test
    void streamingALargeBodyWithTheBoundsOffAllocatesLittle() throws Exception {
        long size = 64L * 1024 * 1024;
        byte[] wire = gzipZeros(size);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (KeepAliveServer server = serve(response("200 OK", wire, "Content-Encoding: gzip"));
                HttplibClient client = HttplibClient.builder().baseUri(server.uri())
                        .decompression(Decompression.builder().maxDecodedSize(Long.MAX_VALUE)
                                .maxRatio(Integer.MAX_VALUE).build())
                        .build()) {
            byte[] buf = new byte[64 * 1024];
            long before = mx.getCurrentThreadAllocatedBytes();
            long total = 0;
            try (ClientResponse r = client.send("GET", "/", null, null); InputStream in = r.body()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                }
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(total).isEqualTo(size);
            assertThat(allocated).as("bytes allocated streaming 64 MiB decoded").isLessThan(2L * 1024 * 1024);
        }
    }

    @Test
    void theErrorsAreHttpExceptions() {
        assertThat(new DecompressionFailed("gzip", "x", null)).isInstanceOf(HTTPException.class);
        assertThat(new DecompressionLimitExceeded(DecompressionLimitExceeded.Limit.MAX_RATIO, 100, "deflate", 2, 1))
                .isInstanceOf(HTTPException.class)
                .hasMessage("deflate body exceeds maxRatio 100 (decoded bytes per compressed byte): 2 bytes decoded "
                        + "from 1 compressed bytes");
    }
}
