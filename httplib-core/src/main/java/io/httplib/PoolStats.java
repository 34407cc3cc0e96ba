package io.httplib;

/**
 * A snapshot of a {@link ConnectionPool}'s counts, for the whole pool or for one route.
 *
 * @param leased connections handed out and not yet released (a response not yet closed keeps its
 *     connection leased)
 * @param idle open connections waiting in the pool for reuse
 * @param pending callers waiting for a connection
 * @param maxTotal the most connections allowed: the pool's {@code maxTotal} in the pool's totals,
 *     its {@code maxPerRoute} in a route's stats
 */
public record PoolStats(int leased, int idle, int pending, int maxTotal) {}
