package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.HTTPConnection;
import io.httplib.HTTPException;
import io.httplib.HTTPResponse;
import io.httplib.IncompleteRead;
import io.httplib.LineTooLong;
import io.httplib.testing.Http;
import io.httplib.testing.ScriptedServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A server cannot make httplib allocate more than a fixed bound by announcing sizes it never
 * sends, or by sending a head that the limits refuse: each case below reads a small hostile
 * response end to end over loopback and measures the bytes the reading thread allocated
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), connection set-up included.
 */
class AllocationBoundTest {

    /** The bound for every case: the 1 MiB read buffer {@code HTTPResponse.read()} may size from a hint, plus parsing. */
    static final long BOUND = 2L * 1024 * 1024;

    private static final String CRLF = "\r\n";

    @Test
    void hugeContentLengthWithTenBytesAllocatesLittle() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nContent-Length: 9999999999\r\n\r\n0123456789";
        assertBounded(reply, IncompleteRead.class);
    }

    @Test
    void largestAcceptedChunkSizeWithTenBytesAllocatesLittle() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n0123456789";
        assertBounded(reply, IncompleteRead.class);
    }

    @Test
    void chunkSizeOverflowingALongIsRefusedAndAllocatesLittle() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n0123456789";
        assertBounded(reply, HTTPException.class);
    }

    @Test
    void hundredHeadersOfSixtyKilobytesAreRefusedByTheHeadBudget() throws Exception {
        StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\n");
        String value = "v".repeat(60_000);
        for (int i = 0; i < 100; i++) {
            b.append("X-Big-").append(i).append(": ").append(value).append(CRLF);
        }
        b.append("Content-Length: 0\r\n\r\n");
        IOException e = assertBounded(b.toString(), HTTPException.class);
        assertThat(e).hasMessageContaining("larger than " + (256 * 1024) + " bytes");
    }

    @Test
    void statusLineOfAMegabyteIsRefusedAsTooLong() throws Exception {
        assertBounded("HTTP/1.1 200 " + "x".repeat(1 << 20) + "\r\n\r\n", LineTooLong.class);
    }

    @Test
    void headerLineOfAMegabyteIsRefusedAsTooLong() throws Exception {
        assertBounded("HTTP/1.1 200 OK\r\nX: " + "x".repeat(1 << 20) + "\r\n\r\n", LineTooLong.class);
    }

    /**
     * Obsolete line folding within the head budget: 65,000 continuation lines of one byte each.
     * Unfolding by string concatenation copied the growing value for every line (quadratic:
     * about 4 GB allocated for this 254 KiB head); continuation lines now count against
     * {@code maxHeaders}, as in CPython, and are unfolded into one builder.
     */
    @Test
    void manyTinyFoldedLinesAreRefusedByTheLineCountAndAllocateLittle() throws Exception {
        StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\nX-Folded: a\r\n");
        for (int i = 0; i < 65_000; i++) {
            b.append(" a\r\n");
        }
        b.append("Content-Length: 2\r\n\r\nok");
        IOException e = assertBounded(b.toString(), HTTPException.class);
        assertThat(e).hasMessageContaining("more than 100 header lines");
    }

    /** The most folding the limits allow: 99 continuation lines filling the head budget, unfolded linearly. */
    @Test
    void foldedValueFillingTheHeadBudgetParsesAndAllocatesLittle() throws Exception {
        StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\nX-Folded: a\r\n");
        String piece = "f".repeat(2_550);
        for (int i = 0; i < 99; i++) {
            b.append(' ').append(piece).append(CRLF);
        }
        b.append("\r\n");
        assertThat(measure(b.toString(), null)).isLessThan(BOUND);
    }

    @Test
    void hundredInterimResponsesAreSkippedAndOneMoreIsRefused() throws Exception {
        String interim = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n";
        String fine = interim.repeat(100) + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        assertThat(measure(fine, null)).isLessThan(BOUND);
        assertBounded(interim.repeat(101) + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", HTTPException.class);
    }

    @Test
    void hundredTrailersOfTenKilobytesAreRefusedByTheHeadBudget() throws Exception {
        StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n");
        String value = "t".repeat(10_000);
        for (int i = 0; i < 100; i++) {
            b.append("X-T-").append(i).append(": ").append(value).append(CRLF);
        }
        b.append(CRLF);
        assertBounded(b.toString(), HTTPException.class);
    }

    /**
     * {@code read(amt)} with an amount far larger than anything received sized its buffer from the
     * announced length (Content-Length or chunk size) without the 1 MiB cap of {@code read()}:
     * 1.5 GB allocated up front for ten bytes, or an OutOfMemoryError for a chunk size past 2 GB.
     */
    @Test
    void readWithAHugeAmountAgainstAHugeContentLengthAllocatesLittle() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nContent-Length: 1500000000\r\n\r\n0123456789";
        IOException e = assertBounded(reply, IncompleteRead.class, r -> r.read(1_500_000_000));
        assertThat(((IncompleteRead) e).getPartial()).hasSize(10);
    }

    @Test
    void readWithTheLargestAmountAgainstAHugeChunkAllocatesLittle() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n0123456789";
        // The first read learns the chunk size; the second sized its buffer from it.
        assertBounded(reply, IncompleteRead.class, r -> {
            r.read(1);
            r.read(Integer.MAX_VALUE);
        });
    }

    @Test
    void readWithTheLargestAmountReturnsASmallBodyWhole() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789";
        assertThat(measure(reply, null, r -> assertThat(r.read(Integer.MAX_VALUE)).hasSize(10))).isLessThan(BOUND);
    }

    /** Reads the response one way. */
    interface Reader {
        void read(HTTPResponse r) throws IOException;
    }

    private static IOException assertBounded(String reply, Class<? extends IOException> expected) throws Exception {
        return assertBounded(reply, expected, HTTPResponse::read);
    }

    private static IOException assertBounded(String reply, Class<? extends IOException> expected, Reader reader)
            throws Exception {
        IOException[] failure = new IOException[1];
        long allocated = measure(reply, failure, reader);
        assertThat(failure[0]).isInstanceOf(expected);
        assertThat(allocated).as("bytes allocated while reading the response").isLessThan(BOUND);
        return failure[0];
    }

    /**
     * Runs the exchange twice (the first run loads classes) and returns the second run's
     * allocation. With {@code failure == null} the exchange must succeed.
     */
    private static long measure(String reply, IOException[] failure) throws Exception {
        return measure(reply, failure, HTTPResponse::read);
    }

    private static long measure(String reply, IOException[] failure, Reader reader) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.replyAndClose(reply))) {
            exchange(server, failure, reader);
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            exchange(server, failure, reader);
            long allocated = mx.getThreadAllocatedBytes(id) - before;
            System.out.printf("AllocationBoundTest: %,d bytes allocated for a %,d-byte reply (%s)%n", allocated,
                    reply.length(), failure == null ? "ok" : String.valueOf(failure[0]).lines().findFirst().orElse(""));
            return allocated;
        }
    }

    private static void exchange(ScriptedServer server, IOException[] failure, Reader reader) throws IOException {
        try (HTTPConnection conn = Http.connectionTo(server)) {
            conn.request("GET", "/");
            HTTPResponse r = conn.getResponse();
            reader.read(r);
            if (failure != null) {
                failure[0] = null;
            }
        } catch (IOException e) {
            if (failure == null) {
                throw e;
            }
            failure[0] = e;
        }
    }
}
