package io.httplib.internal.http1;

import io.httplib.HTTPException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Holds a request body to its declared {@code Content-Length}: a body that runs longer is refused
 * before the extra bytes reach the socket (the server would read them as another request), and one
 * that ends early is reported by {@link #finish()}.
 */
public final class FixedLengthOutputStream extends OutputStream {

    private final OutputStream out;
    private long remaining;
    private final long declared;

    public FixedLengthOutputStream(OutputStream out, long declared) {
        this.out = out;
        this.declared = declared;
        this.remaining = declared;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > remaining) {
            throw new HTTPException("request body longer than its Content-Length of " + declared + " bytes");
        }
        out.write(b, off, len);
        remaining -= len;
    }

    /** Checks that exactly the declared number of bytes was written. */
    public void finish() throws IOException {
        if (remaining != 0) {
            throw new HTTPException("request body ended after " + (declared - remaining)
                    + " bytes; its Content-Length is " + declared);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
