package io.httplib.internal.pool;

import io.httplib.Route;

/**
 * A connection with the times the pool judges it by. The times are written under the pool's
 * lock; the connection itself is used only by the holder of the lease.
 *
 * @param <C> the connection type
 */
public final class PooledConnection<C> {

    private final Route route;
    private final long createdNanos;
    final int generation;
    /** What made the connection (its settings): it is reused only for the same origin. */
    final Object origin;
    C connection;
    long lastUsedNanos;
    boolean reused;

    PooledConnection(Route route, C connection, long createdNanos, int generation, Object origin) {
        this.route = route;
        this.origin = origin;
        this.connection = connection;
        this.createdNanos = createdNanos;
        this.lastUsedNanos = createdNanos;
        this.generation = generation;
    }

    /** @return the route */
    public Route route() {
        return route;
    }

    /** @return the connection */
    public C connection() {
        return connection;
    }

    /** @return whether it was taken from the idle connections (false: newly created for this lease) */
    public boolean reused() {
        return reused;
    }

    /** @return {@link System#nanoTime()} when it was created */
    public long createdNanos() {
        return createdNanos;
    }

    /** @return {@link System#nanoTime()} when it was last released to the pool (or created) */
    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    @Override
    public String toString() {
        return "PooledConnection[" + route + ", " + connection + "]";
    }
}
