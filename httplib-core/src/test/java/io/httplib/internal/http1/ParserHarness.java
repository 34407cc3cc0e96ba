package io.httplib.internal.http1;

import io.httplib.BadStatusLine;
import io.httplib.HTTPException;
import io.httplib.HTTPLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Runs the response parser over bytes in memory, without sockets: the same sequence of calls
 * {@code HTTPConnection.getResponse()} makes in strict mode (status line, headers, interim
 * responses, framing, body stream), so the parser can be fuzzed at tens of thousands of inputs
 * per second.
 *
 * <p>The input stream can hand the bytes out in small random pieces, and the line buffer can be
 * made small, so that every boundary case of line spilling and partial reads is reached.
 */
final class ParserHarness {

    private ParserHarness() {}

    /**
     * The result of parsing one response.
     *
     * @param status the final status code, or -1 when parsing failed
     * @param headers the final head's fields as {@code name: value}
     * @param body the body bytes delivered (those before the failure, when there was one)
     * @param trailers the trailer fields of a chunked body
     * @param error the failure, or null
     */
    record Outcome(int status, List<String> headers, byte[] body, List<String> trailers, Throwable error) {

        /**
         * The same result apart from the wording of an error message. When both failed, the body
         * bytes delivered before the failure may differ by the bytes of the read that failed (a
         * chunk whose CRLF is checked in the same call), so one must be a prefix of the other.
         */
        boolean sameAs(Outcome o) {
            if (status != o.status || !headers.equals(o.headers)) {
                return false;
            }
            if (error == null || o.error == null) {
                return error == null && o.error == null && Arrays.equals(body, o.body) && trailers.equals(o.trailers);
            }
            byte[] shorter = body.length <= o.body.length ? body : o.body;
            byte[] longer = shorter == body ? o.body : body;
            return error.getClass() == o.error.getClass()
                    && Arrays.equals(shorter, Arrays.copyOf(longer, shorter.length));
        }

        String describe() {
            return "status=" + status + " headers=" + headers + " body=" + body.length + " bytes trailers=" + trailers
                    + " error=" + error;
        }
    }

    /** Parses with the default buffer, all bytes available at once. */
    static Outcome parse(byte[] input, String method, HTTPLimits limits) {
        return parse(new ByteArrayInputStream(input), method, limits, HttpInputBuffer.BUFFER_SIZE);
    }

    /**
     * Parses with a buffer of {@code bufferSize} bytes over a stream that returns at most a random
     * 1..maxPiece bytes per read.
     */
    static Outcome parseInPieces(byte[] input, String method, HTTPLimits limits, int bufferSize, int maxPiece, long seed) {
        return parse(new PiecewiseInputStream(input, maxPiece, new Random(seed)), method, limits, bufferSize);
    }

    static Outcome parse(InputStream stream, String method, HTTPLimits limits, int bufferSize) {
        HttpInputBuffer in = new HttpInputBuffer(stream, bufferSize);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = -1;
        List<String> headerList = List.of();
        List<String> trailerList = List.of();
        try {
            StatusLine sl;
            HeaderFields headers;
            int interim = 0;
            while (true) {
                String line = in.readLine(limits.maxLineLength(), "status line");
                if (line != null && !in.lastLineTerminated()) {
                    throw new BadStatusLine(line);
                }
                sl = StatusLine.parse(line);
                headers = new HeaderFields(16);
                HeaderParser.read(in, limits, headers, limits.maxHeaderBytes() - sl.line().length(), "header");
                if (sl.status() >= 200 || sl.status() == 101) {
                    break;
                }
                if (++interim > limits.maxInterimResponses()) {
                    throw new HTTPException("more than " + limits.maxInterimResponses() + " interim (1xx) responses");
                }
            }
            headerList = fields(headers);
            Framing framing = Framing.decide(method, sl, headers);
            BodyOwner owner = new BodyOwner() {
                @Override
                public void bodyComplete(long bytes) {}

                @Override
                public void bodyBroken(long bytes, Exception cause) {}
            };
            BodyInputStream bodyStream = switch (framing.kind()) {
                case EMPTY -> new FixedLengthInputStream(in, owner, 0);
                case FIXED -> new FixedLengthInputStream(in, owner, framing.length());
                case CHUNKED -> new ChunkedInputStream(in, owner, limits);
                case UNTIL_CLOSE -> new UntilCloseInputStream(in, owner);
            };
            bodyStream.checkEnd();
            status = sl.status();
            byte[] buf = new byte[8192];
            int n;
            while ((n = bodyStream.read(buf, 0, buf.length)) >= 0) {
                body.write(buf, 0, n);
            }
            if (bodyStream instanceof ChunkedInputStream c) {
                trailerList = fields(c.trailers());
            }
            return new Outcome(status, headerList, body.toByteArray(), trailerList, null);
        } catch (Throwable t) {
            return new Outcome(status, headerList, body.toByteArray(), trailerList, t);
        }
    }

    private static List<String> fields(HeaderFields h) {
        List<String> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) {
            out.add(h.names()[i] + ": " + h.values()[i]);
        }
        return out;
    }

    /** Hands out the input in pieces of 1..maxPiece bytes, as a slow or fragmenting network does. */
    static final class PiecewiseInputStream extends InputStream {
        private final byte[] data;
        private final int maxPiece;
        private final Random random;
        private int pos;

        PiecewiseInputStream(byte[] data, int maxPiece, Random random) {
            this.data = data;
            this.maxPiece = maxPiece;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(maxPiece));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
