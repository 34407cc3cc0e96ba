package io.httplib.internal.pool;

/**
 * One caller waiting for a connection, in its route's queue. The queue links are guarded by the
 * pool's lock; the outcome is published by one volatile write of {@link #state}, after which the
 * waiter reads {@link #connection} or {@link #generation} without the lock.
 *
 * <p>A waiter leaves the queue exactly once, by one of: a hand-over of a released connection
 * ({@link #CONNECTION}), a free slot to make a new connection in ({@link #SLOT}), its deadline
 * ({@link #TIMED_OUT}), an interrupt ({@link #INTERRUPTED}) or the pool's close ({@link #CLOSED}).
 * Whichever happens first under the lock wins; the others find it gone.
 *
 * @param <C> the connection type
 */
final class Waiter<C> {

    static final int WAITING = 0;
    static final int CONNECTION = 1;
    static final int SLOT = 2;
    static final int TIMED_OUT = 3;
    static final int INTERRUPTED = 4;
    static final int CLOSED = 5;

    final Thread thread;
    final RoutePool<C> route;
    /** Arrival order in the whole pool: the lower, the longer it has waited. */
    final long ticket;
    /** When the caller asked for a connection ({@link Pool}'s clock). */
    final long sinceNanos;
    final long deadlineNanos;

    /** The route's queue, guarded by the pool's lock. */
    Waiter<C> prev;
    Waiter<C> next;

    /** With {@link #CONNECTION}: the connection handed over, still counted as leased. */
    PooledConnection<C> connection;
    /** With {@link #SLOT}: the pool's generation when the slot was granted. */
    int generation;

    volatile int state;

    Waiter(Thread thread, RoutePool<C> route, long ticket, long sinceNanos, long deadlineNanos) {
        this.thread = thread;
        this.route = route;
        this.ticket = ticket;
        this.sinceNanos = sinceNanos;
        this.deadlineNanos = deadlineNanos;
    }
}
