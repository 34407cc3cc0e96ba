package io.httplib;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a {@link ConnectionPool}'s counts, for the whole pool or for one route.
 *
 * @param leased connections handed out and not yet released (a response not yet closed keeps its
 *     connection leased), including room granted to a waiter that is making its new connection
 * @param idle open connections waiting in the pool for reuse
 * @param pending callers waiting in the queue for a connection (not counting those being served)
 * @param maxTotal the most connections allowed: the pool's {@code maxTotal} in the pool's totals,
 *     its {@code maxPerRoute} in a route's stats
 * @param longestWait how long the caller that has waited longest so far has been waiting (for a
 *     route: the first in its queue); zero when nobody waits
 */
public record PoolStats(int leased, int idle, int pending, int maxTotal, Duration longestWait) {

    /** @throws NullPointerException when {@code longestWait} is null */
    public PoolStats {
        Objects.requireNonNull(longestWait, "longestWait");
    }

    /** Counts with nobody waiting: {@code longestWait} is zero. */
    public PoolStats(int leased, int idle, int pending, int maxTotal) {
        this(leased, idle, pending, maxTotal, Duration.ZERO);
    }
}
