package io.httplib.internal.http1;

import io.httplib.HTTPException;
import io.httplib.HTTPLimits;
import io.httplib.IncompleteRead;
import java.io.IOException;

/**
 * A body in chunked transfer coding (RFC 9112 section 7.1). Stricter than most parsers where
 * leniency lets framing be misread: chunk sizes are hex digits only (no sign, {@code 0x}, {@code _}
 * or leading spaces), chunk data must be followed by CRLF, extensions are bounded and skipped.
 * Trailers are parsed with the same rules as headers and kept; a connection closed inside the
 * trailer section (after the last chunk) still ends the body, which is complete.
 */
public final class ChunkedInputStream extends BodyInputStream {

    private enum State { SIZE, DATA, DATA_CRLF, DONE }

    /** 16 hex digits overflow a signed long; refuse more before parsing. */
    private static final int MAX_SIZE_DIGITS = 15;

    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private final HTTPLimits limits;
    private final HeaderFields trailers = new HeaderFields(0);
    private State state = State.SIZE;
    private long chunkRemaining;

    public ChunkedInputStream(HttpInputBuffer in, BodyOwner owner, HTTPLimits limits) {
        super(in, owner);
        this.limits = limits;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        while (true) {
            switch (state) {
                case SIZE:
                    readChunkSize();
                    break;
                case DATA: {
                    int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
                    if (n < 0) {
                        throw new IncompleteRead(new byte[0], chunkRemaining);
                    }
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.DATA_CRLF;
                        // Consume the CRLF now when it is already here, so the end is seen early.
                        if (in.buffered() >= 2) {
                            readDataCrlf();
                        }
                    }
                    return n;
                }
                case DATA_CRLF:
                    readDataCrlf();
                    break;
                case DONE:
                default:
                    return -1;
            }
        }
    }

    private void readDataCrlf() throws IOException {
        int cr = in.read();
        int lf = cr == '\r' ? in.read() : cr;
        if (cr < 0 || lf < 0) {
            throw new IncompleteRead(new byte[0], -1);
        }
        if (cr != '\r' || lf != '\n') {
            throw new HTTPException("chunk data not followed by CRLF (RFC 9112 section 7.1)");
        }
        state = State.SIZE;
        // A bare last-chunk already buffered is common: take it now so the body ends with the
        // data and the connection is released without another read. Never blocks.
        if (in.buffered() >= LAST_CHUNK.length && in.startsWith(LAST_CHUNK)) {
            readChunkSize();
        }
    }

    private void readChunkSize() throws IOException {
        int max = limits.maxLineLength();
        String line = in.readLine(max, "chunk size line");
        if (line == null || !in.lastLineTerminated()) {
            throw new IncompleteRead(new byte[0], -1);
        }
        int digits = 0;
        int significant = 0; // leading zeros are valid padding and do not count towards overflow
        long size = 0;
        while (digits < line.length()) {
            int d = Character.digit(line.charAt(digits), 16);
            if (d < 0) {
                break;
            }
            digits++;
            if ((size != 0 || d != 0) && ++significant > MAX_SIZE_DIGITS) {
                throw new HTTPException("chunk size too large: " + Syntax.describe(line));
            }
            size = (size << 4) | d;
        }
        if (digits == 0) {
            throw new HTTPException("invalid chunk size line: " + Syntax.describe(line));
        }
        if (digits < line.length()) {
            // Only an extension may follow: BWS ";" ... (RFC 9112 section 7.1.1).
            int i = digits;
            while (i < line.length() && Syntax.isOws(line.charAt(i))) {
                i++;
            }
            if (i == line.length() || line.charAt(i) != ';') {
                throw new HTTPException("invalid chunk size line: " + Syntax.describe(line));
            }
            if (line.length() - digits > limits.maxChunkExtensionLength()) {
                throw new HTTPException("chunk extension longer than " + limits.maxChunkExtensionLength() + " bytes");
            }
            for (int k = i; k < line.length(); k++) {
                char c = line.charAt(k);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new HTTPException("control character in chunk extension: " + Syntax.describe(line));
                }
            }
        }
        if (size == 0) {
            HeaderParser.readTrailers(in, limits, trailers, limits.maxHeaderBytes());
            state = State.DONE;
        } else {
            chunkRemaining = size;
            state = State.DATA;
        }
    }

    @Override
    protected boolean atEnd() {
        return state == State.DONE;
    }

    @Override
    public long remainingHint() {
        return state == State.DATA ? chunkRemaining : -1;
    }

    /** @return trailer fields received after the last chunk (empty until the body ended) */
    public HeaderFields trailers() {
        return trailers;
    }
}
