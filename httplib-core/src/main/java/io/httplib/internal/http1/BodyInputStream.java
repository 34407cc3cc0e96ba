package io.httplib.internal.http1;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Common shape of the framing streams: counts bytes, reports the end exactly once to its
 * {@link BodyOwner}, and turns any read failure into a broken connection. Closing before the end
 * abandons the body (the connection is closed, never reused with unread bytes in it).
 */
public abstract class BodyInputStream extends InputStream {

    protected final HttpInputBuffer in;
    private final BodyOwner owner;
    private long count;
    private boolean finished;

    protected BodyInputStream(HttpInputBuffer in, BodyOwner owner) {
        this.in = in;
        this.owner = owner;
    }

    /** Reads body bytes; returns -1 at the end of the body. */
    protected abstract int readBody(byte[] b, int off, int len) throws IOException;

    /** @return the bytes still expected, or -1 when the framing does not tell */
    public abstract long remainingHint();

    /** @return whether the framing knows the body has ended, without another read */
    protected abstract boolean atEnd();

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        // A bad range is the caller's mistake, refused before it can look like a broken connection.
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = readBody(b, off, len);
        } catch (IOException | RuntimeException e) {
            finish(false, e);
            throw e;
        }
        if (n < 0) {
            finish(true, null);
            return -1;
        }
        count += n;
        if (atEnd()) {
            // Release the connection as soon as the last byte is delivered, even if the caller
            // never reads again.
            finish(true, null);
        }
        return n;
    }

    /** Reports the end at once when the framing already knows it (e.g. an empty body). */
    public final void checkEnd() {
        if (!finished && atEnd()) {
            finish(true, null);
        }
    }

    @Override
    public int available() throws IOException {
        if (finished) {
            return 0;
        }
        long r = remainingHint();
        int b = in.buffered();
        return r < 0 ? b : (int) Math.min(r, b);
    }

    /** @return whether the body ended or was abandoned */
    public final boolean isFinished() {
        return finished;
    }

    /** @return body bytes delivered so far */
    public final long count() {
        return count;
    }

    /**
     * Reads and drops the rest of the body, within budgets, so that a response closed early can
     * still leave its connection reusable. A read that times out abandons the body (as
     * {@link #close()} would); any other failure breaks it.
     *
     * @param maxBytes the most bytes to read
     * @param endNanos when to stop, on the {@link System#nanoTime()} scale
     * @return whether the body ended within the budgets
     */
    public final boolean drain(long maxBytes, long endNanos) {
        if (finished) {
            return true;
        }
        long hint = remainingHint();
        if (hint > maxBytes) {
            return false;
        }
        byte[] scratch = new byte[(int) (hint >= 0 ? Math.max(1, Math.min(hint, 8192)) : 8192)];
        long total = 0;
        while (!finished && total <= maxBytes && System.nanoTime() - endNanos < 0) {
            int n;
            try {
                n = readBody(scratch, 0, scratch.length);
            } catch (java.net.SocketTimeoutException e) {
                finish(false, null);
                return false;
            } catch (IOException | RuntimeException e) {
                finish(false, e);
                return false;
            }
            if (n < 0 || atEnd()) {
                if (n > 0) {
                    count += n;
                }
                finish(true, null);
                return true;
            }
            count += n;
            total += n;
        }
        return finished;
    }

    /** Abandons the body if it has not ended: the connection will be closed. */
    @Override
    public void close() {
        if (!finished) {
            finish(false, null);
        }
    }

    /**
     * Abandons the body because a reader above the framing (a content decoder) refused it: the
     * connection will be closed and the call fails with {@code cause}. Nothing happens when the
     * body already ended.
     */
    public final void abandon(Exception cause) {
        if (!finished) {
            finish(false, cause);
        }
    }

    private void finish(boolean complete, Exception cause) {
        if (finished) {
            return;
        }
        finished = true;
        if (complete) {
            owner.bodyComplete(count);
        } else {
            owner.bodyBroken(count, cause);
        }
    }
}
