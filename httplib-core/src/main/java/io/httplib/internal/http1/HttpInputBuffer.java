package io.httplib.internal.http1;

import io.httplib.LineTooLong;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one read buffer of a connection: lines for the response head and chunk sizes, raw bytes for
 * bodies. Large body reads bypass the buffer and go straight to the socket, so a download is not
 * copied twice. Not thread-safe; one per connection.
 */
public final class HttpInputBuffer {

    /** Big enough for a typical response head and a small body in one socket read. */
    public static final int BUFFER_SIZE = 16 * 1024;

    private InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean lastLineTerminated;
    /** Set once a read saw the end of the stream: the peer will send nothing more. */
    private boolean eof;
    private byte[] lineArray;
    private int lineOffset;

    /** @param in the socket's input stream */
    public HttpInputBuffer(InputStream in) {
        this(in, BUFFER_SIZE);
    }

    /**
     * @param in the socket's input stream
     * @param size buffer size in bytes
     */
    public HttpInputBuffer(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /**
     * Reads from {@code source} from now on; bytes already buffered stay. For a connection whose
     * stream changes once established (the read timeout guard over a tunnel's socket).
     */
    public void source(InputStream source) {
        this.in = source;
    }

    /** @return bytes read from the socket and not consumed yet */
    public int buffered() {
        return limit - pos;
    }

    /**
     * Reads more bytes from the socket into the buffer, blocking.
     *
     * @return the number of bytes added, or -1 at end of stream
     */
    public int fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (limit == buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
        } else if (n < 0) {
            eof = true;
        }
        return n;
    }

    /**
     * Reads one line, ending in LF (an optional CR before it is removed), as latin-1 text.
     *
     * @param maxLength the longest line accepted, its terminator included (as CPython's
     *     {@code readline(_MAXLINE + 1)} check: with CRLF, at most {@code maxLength - 2} bytes of text)
     * @param what which line this is, for the error message
     * @return the line, or null when the stream ended before any byte of it; a line cut by the end
     *     of the stream is returned as it is and {@link #lastLineTerminated()} is false
     * @throws LineTooLong when the line exceeds maxLength
     */
    public String readLine(int maxLength, String what) throws IOException {
        StringBuilder spill = null;
        int checked = 0; // bytes after pos already known to hold no LF: a slow sender costs O(n), not O(n^2)
        while (true) {
            for (int i = pos + checked; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i;
                    if (end > pos && buf[end - 1] == '\r') {
                        end--;
                    }
                    int len = end - pos;
                    // A CR that ended the spilled part belongs to the terminator, but only when the
                    // LF is the first byte here: otherwise the CR just before the LF was removed
                    // above and the spilled CR is content. The line must not depend on where the
                    // network split it.
                    boolean spilledCr = spill != null && i == pos && spill.length() > 0
                            && spill.charAt(spill.length() - 1) == '\r';
                    // Every byte of the line counts, its terminator too.
                    long total = (spill == null ? 0 : spill.length()) + (long) (i + 1 - pos);
                    if (total > maxLength) {
                        throw new LineTooLong(what, maxLength);
                    }
                    // The empty line that ends every head costs no String.
                    String s = len == 0 ? "" : new String(buf, pos, len, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    lastLineTerminated = true;
                    if (spill == null) {
                        return s;
                    }
                    if (spilledCr) {
                        spill.setLength(spill.length() - 1);
                    }
                    return spill.append(s).toString();
                }
            }
            int avail = limit - pos;
            checked = avail;
            // More than maxLength bytes without LF: too long whether an LF or the end follows.
            if ((spill == null ? 0 : spill.length()) + avail > (long) maxLength) {
                throw new LineTooLong(what, maxLength);
            }
            if (pos == 0 && limit == buf.length) {
                // The buffer is full of one line: move it aside and keep reading.
                if (spill == null) {
                    spill = new StringBuilder(avail * 2);
                }
                spill.append(new String(buf, 0, avail, StandardCharsets.ISO_8859_1));
                pos = limit;
                checked = 0;
            }
            if (fill() < 0) {
                int rest = limit - pos;
                if (spill == null && rest == 0) {
                    return null;
                }
                String s = new String(buf, pos, rest, StandardCharsets.ISO_8859_1);
                pos = limit;
                lastLineTerminated = false;
                return spill == null ? s : spill.append(s).toString();
            }
        }
    }

    /**
     * Reads one line as {@link #readLine} does, but without making a String: the line's bytes
     * (terminator removed) are {@code lineArray()[lineOffset() .. lineOffset() + length)}, valid
     * until the next read from this buffer. Header parsing uses it so a response head costs one
     * String per value, not one per line.
     *
     * @return the line's length, or -1 when the stream ended before any byte of it
     * @throws LineTooLong when the line exceeds maxLength
     */
    public int readLineView(int maxLength, String what) throws IOException {
        int checked = 0;
        while (true) {
            for (int i = pos + checked; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    int len = end - pos;
                    if (i + 1 - pos > maxLength) {
                        throw new LineTooLong(what, maxLength);
                    }
                    lineArray = buf;
                    lineOffset = pos;
                    pos = i + 1;
                    lastLineTerminated = true;
                    return len;
                }
            }
            checked = limit - pos;
            if (checked > (long) maxLength) {
                throw new LineTooLong(what, maxLength);
            }
            if (pos == 0 && limit == buf.length) {
                // Longer than the buffer: the rare case goes through readLine's spill path.
                String line = readLine(maxLength, what);
                byte[] bytes = line == null ? null : line.getBytes(StandardCharsets.ISO_8859_1);
                lineArray = bytes;
                lineOffset = 0;
                return bytes == null ? -1 : bytes.length;
            }
            if (fill() < 0) {
                int rest = limit - pos;
                if (rest == 0) {
                    return -1;
                }
                lineArray = buf;
                lineOffset = pos;
                pos = limit;
                lastLineTerminated = false;
                return rest;
            }
        }
    }

    /** @return the array holding the line of the last {@link #readLineView} */
    public byte[] lineArray() {
        return lineArray;
    }

    /** @return where that line starts in {@link #lineArray()} */
    public int lineOffset() {
        return lineOffset;
    }

    /** @return whether the last line returned by {@link #readLine} ended with LF */
    public boolean lastLineTerminated() {
        return lastLineTerminated;
    }

    /**
     * Whether the next bytes start with {@code prefix}, reading as needed; consumes nothing.
     *
     * @param prefix the bytes to look for
     * @return true if the stream starts with prefix, false if it differs or ends first
     */
    public boolean startsWith(byte[] prefix) throws IOException {
        while (limit - pos < prefix.length) {
            for (int i = 0; i < limit - pos; i++) {
                if (buf[pos + i] != prefix[i]) {
                    return false;
                }
            }
            if (fill() < 0) {
                return false;
            }
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one byte.
     *
     * @return the byte, or -1 at end of stream
     */
    public int read() throws IOException {
        if (pos == limit && fill() < 0) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /**
     * Reads body bytes: from the buffer if it holds any, else straight from the socket when the
     * caller's array is at least as large as the buffer.
     *
     * @return bytes read, or -1 at end of stream
     */
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int avail = limit - pos;
        if (avail > 0) {
            int n = Math.min(avail, len);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        if (len >= buf.length) {
            int n = in.read(b, off, len);
            if (n < 0) {
                eof = true;
            }
            return n;
        }
        if (fill() < 0) {
            return -1;
        }
        int n = Math.min(limit - pos, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Skips up to n bytes that are already buffered or arrive.
     *
     * @return bytes skipped, or -1 at end of stream
     */
    public long skip(long n) throws IOException {
        if (pos == limit && fill() < 0) {
            return -1;
        }
        int k = (int) Math.min(n, limit - pos);
        pos += k;
        return k;
    }

    /**
     * @return whether a read saw the end of the stream: a connection in this state can carry no
     *     further exchange, even when the body that ended there was complete
     */
    public boolean atEof() {
        return eof;
    }

    /** Drops buffered bytes, e.g. when the connection is closed or reopened. */
    public void clear() {
        pos = 0;
        limit = 0;
        eof = false;
    }
}
