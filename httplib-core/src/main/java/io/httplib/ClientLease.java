package io.httplib;

import io.httplib.internal.http1.BodyOwner;
import io.httplib.internal.pool.PooledConnection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One exchange's hold on a pooled connection. Learns from the connection when the response body
 * ends and then gives the connection back: to the idle list when it is clean, else closed. Release
 * happens once; a deadline abort and a release never overlap, so an abort can never hit a
 * connection that is already back in the pool.
 */
final class ClientLease implements BodyOwner {

    final ClientCall call;
    final HTTPConnection conn;
    private final ConnectionPool pool;
    private final PooledConnection<HTTPConnection> pooled;
    private final boolean reused;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean released;
    private boolean aborted;
    private boolean acquired;
    private volatile boolean bodyDone;
    /** Set when the body is decoded: then the call waits for {@link #decoderEnded} too. */
    private boolean awaitingDecoder;
    private boolean decoderDone;
    private boolean wireDone;
    private volatile Exception failure;

    ClientLease(ClientCall call, ConnectionPool pool, PooledConnection<HTTPConnection> pooled) {
        this.call = call;
        this.pool = pool;
        this.pooled = pooled;
        this.conn = pooled.connection();
        this.reused = pooled.reused();
    }

    /** @return whether the connection came from the idle list (captured now: the pool resets it on release) */
    boolean reused() {
        return reused;
    }

    /** The connection is ready for the request: reports {@code connectionAcquired}. */
    void acquired() {
        acquired = true;
        call.events.connectionAcquired(reused);
    }

    /**
     * The response body is decoded ({@link ClientResponse#isDecompressed()}): the call ends when
     * the decoder has checked the end of the data, not when the last wire byte arrived.
     */
    void awaitDecoder() {
        awaitingDecoder = true;
    }

    /** The decoder reached the end of the data ({@code failure} null) or failed. */
    void decoderEnded(Exception failure) {
        if (bodyDone || decoderDone) {
            return;
        }
        decoderDone = true;
        if (failure != null && this.failure == null) {
            this.failure = failure;
        }
        if (wireDone) {
            bodyDone = true;
            call.bodyDone(this);
        }
    }

    @Override
    public void bodyComplete(long bytes) {
        call.events.responseBodyEnd(bytes);
        release(conn.isKeptAlive());
        wireDone = true;
        if (!awaitingDecoder || decoderDone) {
            bodyDone = true;
            call.bodyDone(this);
        }
    }

    @Override
    public void bodyBroken(long bytes, Exception cause) {
        call.events.responseBodyEnd(bytes);
        release(false);
        failure = cause;
        bodyDone = true;
        call.bodyDone(this);
    }

    /** The response became unreachable without being closed (see {@link ClientResponse}). */
    void leaked() {
        if (isReleased()) {
            return;
        }
        abort();
        release(false);
        failure = new HTTPException("response to " + call.context.method() + " " + call.context.uri()
                + " was never closed; its connection was closed when it became unreachable");
        bodyDone = true;
        call.bodyDone(this);
    }

    boolean isBodyDone() {
        return bodyDone;
    }

    Exception failure() {
        return failure;
    }

    /** Closes the socket under the I/O in progress, unless the connection was already released. */
    void abort() {
        lock.lock();
        try {
            if (!released) {
                aborted = true;
                conn.abortSocket();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean isReleased() {
        lock.lock();
        try {
            return released;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the connection back once: kept when {@code reusable} and not aborted, else closed. */
    void release(boolean reusable) {
        boolean reuse;
        lock.lock();
        try {
            if (released) {
                return;
            }
            released = true;
            reuse = reusable && !aborted;
        } finally {
            lock.unlock();
        }
        // Detach before the pool may hand the connection to another call.
        conn.setCallEvents(null, null);
        boolean kept = pool.release(pooled, reuse);
        if (acquired) {
            call.events.connectionReleased(kept);
        }
    }
}
