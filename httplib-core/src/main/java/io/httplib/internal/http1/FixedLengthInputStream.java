package io.httplib.internal.http1;

import io.httplib.IncompleteRead;
import java.io.IOException;

/** A body framed by {@code Content-Length} (or a body known to be empty). */
public final class FixedLengthInputStream extends BodyInputStream {

    private long remaining;

    public FixedLengthInputStream(HttpInputBuffer in, BodyOwner owner, long length) {
        super(in, owner);
        this.remaining = length;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IncompleteRead(new byte[0], remaining);
        }
        remaining -= n;
        return n;
    }

    @Override
    protected boolean atEnd() {
        return remaining == 0;
    }

    @Override
    public long remainingHint() {
        return remaining;
    }
}
