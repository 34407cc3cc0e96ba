package io.httplib.internal.http1;

import java.io.IOException;

/**
 * A body delimited by the server closing the connection (RFC 9112 section 6.3, last rule); also
 * the whole reply of a non-strict HTTP/0.9 exchange. The connection is never reused after it.
 */
public final class UntilCloseInputStream extends BodyInputStream {

    private boolean eof;

    public UntilCloseInputStream(HttpInputBuffer in, BodyOwner owner) {
        super(in, owner);
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            eof = true;
        }
        return n;
    }

    @Override
    protected boolean atEnd() {
        return eof;
    }

    @Override
    public long remainingHint() {
        return -1;
    }
}
