package io.httplib.internal.http1;

import java.util.Arrays;

/**
 * The request line and header fields being built, as latin-1 bytes in one reusable array, so a
 * request head costs no per-request allocation once the array has grown to size. Validation is
 * the caller's job ({@link Syntax}); this class only encodes.
 */
public final class RequestHead {

    private byte[] buf = new byte[512];
    private int len;
    private int fields;

    /** Starts a new head. */
    public void reset() {
        len = 0;
        fields = 0;
    }

    /** @return the header fields added since {@link #reset()} */
    public int fields() {
        return fields;
    }

    /** Counts a field whose line the caller appended itself. */
    public void countField() {
        fields++;
    }

    /** Appends a latin-1 string. */
    public RequestHead append(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a decimal number. */
    public RequestHead append(long v) {
        return append(Long.toString(v));
    }

    /** Appends CRLF. */
    public RequestHead crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
        return this;
    }

    /** Appends {@code name: value CRLF}, one field. */
    public RequestHead header(String name, String value) {
        fields++;
        return append(name).append(": ").append(value).crlf();
    }

    /** @return the backing array; bytes {@code [0, length())} are the head */
    public byte[] array() {
        return buf;
    }

    /** @return the number of bytes written */
    public int length() {
        return len;
    }

    /**
     * Copies {@code data} after the head, so head and a small body go out in one write.
     *
     * @return this
     */
    public RequestHead appendBytes(byte[] data, int off, int n) {
        ensure(n);
        System.arraycopy(data, off, buf, len, n);
        len += n;
        return this;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
