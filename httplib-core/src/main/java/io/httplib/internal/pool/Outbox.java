package io.httplib.internal.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * What one pool operation decided under the lock and does after releasing it: waiters to wake
 * (one {@code unpark} each, no broadcast) and connections to close (closing may do socket I/O).
 * Most operations need neither; the lists are made on first use.
 *
 * @param <C> the connection type
 */
final class Outbox<C extends AutoCloseable> {

    private Waiter<C> wake;
    private List<Waiter<C>> wakeMore;
    private List<PooledConnection<C>> close;
    private int closed;

    void wake(Waiter<C> w) {
        if (wake == null) {
            wake = w;
        } else {
            if (wakeMore == null) {
                wakeMore = new ArrayList<>();
            }
            wakeMore.add(w);
        }
    }

    void close(PooledConnection<C> pc) {
        if (close == null) {
            close = new ArrayList<>(2);
        }
        close.add(pc);
    }

    /** @return how many connections {@link #run()} closed */
    int closed() {
        return closed;
    }

    /** Wakes the waiters, then closes the connections; call without the pool's lock. */
    void run() {
        if (wake != null) {
            LockSupport.unpark(wake.thread);
            if (wakeMore != null) {
                for (Waiter<C> w : wakeMore) {
                    LockSupport.unpark(w.thread);
                }
            }
        }
        if (close != null) {
            for (PooledConnection<C> pc : close) {
                Pool.closeQuietly(pc.connection);
            }
            closed = close.size();
        }
    }
}
