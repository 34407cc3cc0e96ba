package io.httplib.internal.http1;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a request body in chunked transfer coding: one chunk per write call, and the
 * last-chunk on {@link #finish()}. Does not close the socket.
 */
public final class ChunkedOutputStream extends OutputStream {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private final OutputStream out;
    private final byte[] sizeLine = new byte[18];
    private boolean finished;

    public ChunkedOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("chunked body already finished");
        }
        if (len == 0) {
            return; // a zero-size chunk would end the body
        }
        int p = sizeLine.length;
        sizeLine[--p] = '\n';
        sizeLine[--p] = '\r';
        int v = len;
        do {
            sizeLine[--p] = (byte) Character.forDigit(v & 15, 16);
            v >>>= 4;
        } while (v != 0);
        out.write(sizeLine, p, sizeLine.length - p);
        out.write(b, off, len);
        out.write(CRLF);
    }

    /** Writes the last-chunk and the empty trailer section. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            out.write(LAST_CHUNK);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
