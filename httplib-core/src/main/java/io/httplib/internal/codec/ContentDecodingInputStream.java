package io.httplib.internal.codec;

import io.httplib.Decompression;
import io.httplib.DecompressionFailed;
import io.httplib.DecompressionLimitExceeded;
import io.httplib.DecompressionLimitExceeded.Limit;
import io.httplib.internal.http1.BodyInputStream;
import io.httplib.internal.http1.FixedLengthInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A gzip or deflate response body decoded as it is read: compressed bytes come from the body
 * stream {@value #INPUT_BUFFER_SIZE} bytes at a time and are inflated straight into the caller's
 * array, so nothing is held beyond one input buffer and the {@link Inflater}'s window.
 *
 * <p>Strict where silence would hand the caller a wrong body, lenient where the RFCs are:
 * <ul>
 * <li>gzip (RFC 1952): every member's header is checked (magic, method 8, reserved flags clear,
 *     header CRC when FHCRC is set) and its trailer too (CRC-32 and length mod 2^32). Concatenated
 *     members are one body (section 2.2), and zero bytes after a member are skipped as padding
 *     (as gzip(1) and CPython's {@code gzip} module do). Any other byte after a member that does
 *     not start another member is refused, as CPython refuses it: unlike
 *     {@code java.util.zip.GZIPInputStream}, which ignores such trailing garbage, httplib cannot
 *     tell garbage from a damaged member.</li>
 * <li>deflate: RFC 9110 section 8.4.1.2 means a zlib stream (RFC 1950, Adler-32 checked), but
 *     some servers send raw RFC 1951 data; the two bytes of a zlib header tell them apart, as
 *     browsers and curl do. Bytes after the end of the stream are refused.</li>
 * <li>An empty body (HEAD, 204, 304, or a server labelling an empty body) decodes to an empty
 *     body; a body that ends inside the compressed data raises {@link DecompressionFailed}.</li>
 * </ul>
 *
 * <p>Bounds ({@link Decompression}) are checked as bytes are inflated: the caller never gets a
 * byte past {@code maxDecodedSize}, and the ratio of decoded to compressed bytes consumed is
 * checked once past {@link Decompression#RATIO_CHECK_FLOOR}.
 *
 * <p>On a decoding failure the body stream is abandoned with the failure as its cause, so a
 * connection whose body was not read to its end is closed, never pooled half-read. A failure found
 * after the last body byte arrived (a bad trailer, trailing bytes, a bound crossed by data already
 * received) leaves an intact connection to the pool: its framing was complete. The inflater's
 * native memory is released at the end, on failure and on close. Not thread-safe.
 */
public final class ContentDecodingInputStream extends InputStream {

    /**
     * Compressed bytes read at a time: 16 KiB keeps reads from the socket large (a 1 MiB JSON body
     * gzips to some 100 KiB: a few reads) and bounds what is buffered per body.
     */
    static final int INPUT_BUFFER_SIZE = 16 * 1024;

    /** Smallest input buffer, for bodies announced short: room for a zlib header and then some. */
    private static final int MIN_INPUT_BUFFER = 64;

    private static final int GZIP_ID1 = 0x1f;
    private static final int GZIP_ID2 = 0x8b;
    private static final int METHOD_DEFLATE = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FLG_RESERVED = 0xe0;

    private enum State { START, INFLATE, END, FAILED, CLOSED }

    private final InputStream body;
    private final ContentCoding coding;
    private final long maxDecodedSize;
    private final int maxRatio;
    private byte[] in;
    private int pos;
    private int lim;
    /** Compressed bytes read from the body so far. */
    private long bodyBytes;
    private long decoded;
    private Inflater inflater;
    private CRC32 crc;
    private long memberDecoded;
    private int member;
    private State state = State.START;
    private IOException failure;
    private byte[] probe;

    /**
     * @param body the body as framed on the wire; its end is the end of the compressed data
     * @param coding the coding to decode
     * @param limits the bounds to enforce
     */
    public ContentDecodingInputStream(InputStream body, ContentCoding coding, Decompression limits) {
        this.body = Objects.requireNonNull(body, "body");
        this.coding = Objects.requireNonNull(coding, "coding");
        this.maxDecodedSize = limits.maxDecodedSize();
        this.maxRatio = limits.maxRatio();
    }

    @Override
    public int read() throws IOException {
        byte[] single = new byte[1];
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        switch (state) {
            case END, CLOSED -> {
                return -1;
            }
            case FAILED -> throw failure;
            default -> {
                // START or INFLATE: decode below
            }
        }
        if (len == 0) {
            return 0;
        }
        try {
            while (true) {
                if (state == State.START && !start()) {
                    end();
                    return -1;
                }
                int n = inflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (!nextMember()) {
                    end();
                    return -1;
                }
            }
        } catch (IOException e) {
            throw fail(e);
        } catch (RuntimeException e) {
            fail(new IOException(e.toString(), e));
            throw e;
        }
    }

    /** @return whether the body ended (decoded to its end), failed or was closed */
    public boolean isFinished() {
        return state == State.END || state == State.FAILED || state == State.CLOSED;
    }

    /** @return decoded bytes handed out so far */
    public long decodedBytes() {
        return decoded;
    }

    /** @return compressed bytes consumed so far */
    public long compressedBytes() {
        return bodyBytes - (lim - pos);
    }

    /** @return whether an inflater (and its native memory) is held: only while decoding is under way */
    boolean holdsInflater() {
        return inflater != null;
    }

    /**
     * Releases the inflater and abandons the body if it has not ended (the connection is then
     * closed). Idempotent.
     */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        releaseInflater();
        closeBody();
    }

    // ---- the stream's start: header, or an empty body --------------------------------------

    /** Reads what precedes the compressed data; false for an empty body. */
    private boolean start() throws IOException {
        if (coding == ContentCoding.GZIP) {
            int first = readByteOrEnd();
            if (first < 0) {
                return false;
            }
            readGzipHeader(first);
            inflater = new Inflater(true);
            crc = new CRC32();
        } else {
            int available = ensure(2);
            if (available == 0) {
                return false;
            }
            // RFC 1950 section 2.2: CM 8, CINFO at most 7, and CMF*256 + FLG a multiple of 31.
            boolean zlib = available >= 2 && isZlibHeader(in[pos] & 0xff, in[pos + 1] & 0xff);
            inflater = new Inflater(!zlib);
        }
        state = State.INFLATE;
        return true;
    }

    private static boolean isZlibHeader(int cmf, int flg) {
        return (cmf & 0x0f) == METHOD_DEFLATE && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    /** RFC 1952 section 2.3: the member header, from its first byte (already read). */
    private void readGzipHeader(int first) throws IOException {
        member++;
        CRC32 headerCrc = new CRC32();
        headerCrc.update(first);
        if (first != GZIP_ID1 || headerByte(headerCrc) != GZIP_ID2) {
            throw failed("member " + member + " does not start with the gzip magic bytes 1f 8b", null);
        }
        int method = headerByte(headerCrc);
        if (method != METHOD_DEFLATE) {
            throw failed("member " + member + " uses compression method " + method + "; gzip defines only 8 (deflate)",
                    null);
        }
        int flags = headerByte(headerCrc);
        if ((flags & FLG_RESERVED) != 0) {
            throw failed("member " + member + " sets reserved header flags 0x" + Integer.toHexString(flags), null);
        }
        for (int i = 0; i < 6; i++) {
            headerByte(headerCrc); // MTIME (4), XFL, OS
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = headerByte(headerCrc) | headerByte(headerCrc) << 8;
            for (int i = 0; i < xlen; i++) {
                headerByte(headerCrc);
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte(headerCrc) != 0) {
                // a zero-terminated file name: skipped, never buffered
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte(headerCrc) != 0) {
                // a zero-terminated comment: skipped, never buffered
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) (headerCrc.getValue() & 0xffff);
            int given = readByte("header") | readByte("header") << 8;
            if (given != expected) {
                throw failed("member " + member + " header CRC is 0x" + Integer.toHexString(given) + " but the header's is 0x"
                        + Integer.toHexString(expected), null);
            }
        }
    }

    private int headerByte(CRC32 headerCrc) throws IOException {
        int v = readByte("header");
        headerCrc.update(v);
        return v;
    }

    // ---- the compressed data ---------------------------------------------------------------

    /** @return bytes inflated into {@code b} (at least one), or 0 when the deflate stream ended */
    private int inflate(byte[] b, int off, int len) throws IOException {
        long room = maxDecodedSize - decoded;
        byte[] out = b;
        int outOff = off;
        int ask = (int) Math.min(len, room);
        if (room == 0) {
            // At the bound: one more byte would cross it. Inflate it aside to learn whether the
            // data goes on; the caller never sees it.
            out = probe();
            outOff = 0;
            ask = 1;
        }
        while (true) {
            if (inflater.needsInput() && pos < lim) {
                // Bytes left in the buffer after a header, or after the previous member.
                inflater.setInput(in, pos, lim - pos);
            }
            int before = pos;
            int n;
            try {
                // Even without input: the inflater may still hold output from input it took.
                n = inflater.inflate(out, outOff, ask);
            } catch (DataFormatException e) {
                throw failed("corrupt data: " + e.getMessage(), e);
            }
            // The inflater's input is always in[pos..lim): what it left is what is not consumed.
            pos = lim - inflater.getRemaining();
            if (n > 0) {
                count(out, outOff, n);
                return n;
            }
            if (inflater.finished()) {
                return 0;
            }
            if (inflater.needsDictionary()) {
                throw failed("the zlib stream needs a preset dictionary, which HTTP cannot supply", null);
            }
            if (inflater.needsInput()) {
                if (ensure(1) == 0) {
                    throw failed("the body ended before the end of the compressed data", null);
                }
                inflater.setInput(in, pos, lim - pos);
            } else if (pos == before) {
                throw failed("the inflater made no progress", null);
            }
        }
    }

    private byte[] probe() {
        if (probe == null) {
            probe = new byte[1];
        }
        return probe;
    }

    private void count(byte[] b, int off, int n) throws DecompressionLimitExceeded {
        decoded += n;
        memberDecoded += n;
        if (decoded > maxDecodedSize) {
            throw new DecompressionLimitExceeded(Limit.MAX_DECODED_SIZE, maxDecodedSize, coding.token(), decoded,
                    compressedBytes());
        }
        // decoded / maxRatio > compressed, without overflow for any setting.
        if (decoded > Decompression.RATIO_CHECK_FLOOR && decoded / maxRatio > compressedBytes()) {
            throw new DecompressionLimitExceeded(Limit.MAX_RATIO, maxRatio, coding.token(), decoded,
                    compressedBytes());
        }
        if (crc != null) {
            crc.update(b, off, n);
        }
    }

    /**
     * The deflate stream ended: checks the gzip trailer and starts the next member if one
     * follows; anything else after the data is refused.
     *
     * @return whether another member follows
     */
    private boolean nextMember() throws IOException {
        if (coding == ContentCoding.DEFLATE) {
            if (readByteOrEnd() >= 0) {
                throw failed("bytes follow the end of the deflate stream", null);
            }
            return false;
        }
        long givenCrc = readTrailerWord();
        long givenSize = readTrailerWord();
        if (givenCrc != crc.getValue()) {
            throw failed("member " + member + " trailer gives CRC-32 0x" + Long.toHexString(givenCrc)
                    + " but the data's is 0x" + Long.toHexString(crc.getValue()), null);
        }
        if (givenSize != (memberDecoded & 0xffffffffL)) {
            throw failed("member " + member + " trailer gives the length " + givenSize + " (mod 2^32) but the data has "
                    + memberDecoded + " bytes", null);
        }
        int next = readByteOrEnd();
        while (next == 0) {
            // Zero padding after a member carries no data; gzip(1) and CPython's gzip module skip it.
            next = readByteOrEnd();
        }
        if (next < 0) {
            return false;
        }
        if (next != GZIP_ID1) {
            throw failed("byte 0x" + Integer.toHexString(next) + " follows the end of member " + member
                    + "; only another gzip member may follow (RFC 1952 section 2.2)", null);
        }
        readGzipHeader(next);
        inflater.reset();
        crc.reset();
        memberDecoded = 0;
        return true;
    }

    private long readTrailerWord() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) readByte("trailer") << (8 * i);
        }
        return v;
    }

    // ---- input -----------------------------------------------------------------------------

    /** @return the next compressed byte, or -1 at the end of the body */
    private int readByteOrEnd() throws IOException {
        if (pos == lim && ensure(1) == 0) {
            return -1;
        }
        return in[pos++] & 0xff;
    }

    private int readByte(String where) throws IOException {
        int v = readByteOrEnd();
        if (v < 0) {
            throw failed("the body ended inside the " + where + " of member " + member, null);
        }
        return v;
    }

    /**
     * Makes at least {@code n} bytes available in {@code in[pos..lim)} unless the body ends first.
     * Only called while the inflater holds no input.
     *
     * @return the bytes available, fewer than {@code n} only at the end of the body
     */
    private int ensure(int n) throws IOException {
        if (in == null) {
            // Only a Content-Length tells the size of the whole body (a chunk's hint is the chunk's).
            long hint = body instanceof FixedLengthInputStream fixed ? fixed.remainingHint() : -1;
            in = new byte[hint < 0 ? INPUT_BUFFER_SIZE : (int) Math.max(MIN_INPUT_BUFFER, Math.min(hint, INPUT_BUFFER_SIZE))];
        }
        while (lim - pos < n) {
            if (pos > 0) {
                System.arraycopy(in, pos, in, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            int r = body.read(in, lim, in.length - lim);
            if (r < 0) {
                break;
            }
            lim += r;
            bodyBytes += r;
        }
        return lim - pos;
    }

    // ---- ends ------------------------------------------------------------------------------

    private void end() {
        state = State.END;
        releaseInflater();
    }

    private DecompressionFailed failed(String message, Throwable cause) {
        return new DecompressionFailed(coding.token(), message + " (after " + compressedBytes() + " compressed bytes)",
                cause);
    }

    /** Ends the stream with {@code e}: the inflater is released and the body abandoned because of it. */
    private IOException fail(IOException e) {
        state = State.FAILED;
        failure = e;
        releaseInflater();
        if (body instanceof BodyInputStream framed) {
            framed.abandon(e); // nothing happens when the body already ended or failed by itself
        } else {
            closeBody();
        }
        return e;
    }

    private void closeBody() {
        try {
            body.close();
        } catch (IOException ignored) {
            // a body stream that cannot close has nothing more to give
        }
    }

    private void releaseInflater() {
        Inflater i = inflater;
        if (i != null) {
            inflater = null;
            i.end();
        }
    }
}
