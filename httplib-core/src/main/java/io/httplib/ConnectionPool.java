package io.httplib;

import io.httplib.internal.Durations;
import io.httplib.internal.pool.Pool;
import io.httplib.internal.pool.PooledConnection;
import java.io.Closeable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Keep-alive connections shared by the threads of one or more {@link HttplibClient}s, by
 * {@link Route} (scheme, host, port). Thread-safe.
 *
 * <ul>
 * <li>At most {@code maxPerRoute} connections per route and {@code maxTotal} in all, leased and
 *     idle together. When the total is reached, the least recently used idle connection of another
 *     route is closed to make room.</li>
 * <li>First come, first served: a caller that finds none free queues behind the callers of its
 *     route already waiting (a newcomer never overtakes them), and a released connection goes
 *     straight to the caller that has waited longest; room under {@code maxTotal} goes to the
 *     longest waiter among the routes below their own limit. A caller waits up to
 *     {@code acquireTimeout} (or what is left of its deadline), then gets a
 *     {@link PoolTimeoutException} saying how long it waited and how many were still queued; one
 *     that is interrupted gets an {@link InterruptedException} (an {@code InterruptedIOException}
 *     from {@link HttplibClient}). Either way it has left the queue and is never given a
 *     connection afterwards.</li>
 * <li>A pool may be shared by clients with different {@link HTTPConnectionFactory}s: a connection
 *     is reused only by a client of the factory that made it (its timeouts, limits and TLS material,
 *     client certificate included, are that factory's); another client's lease closes it and
 *     makes its own in its place.</li>
 * <li>A connection returns to the pool only when its response was read to the end (or drained
 *     within a small bound on close) and the server allows keep-alive; otherwise it is closed.</li>
 * <li>An idle connection is closed after {@code idleTimeout}, any connection after
 *     {@code maxLifetime}. One that was idle for {@code validateAfterInactivity} or longer is
 *     probed when it is leased: if the server closed it, a new one takes its place. One reused
 *     sooner is not probed (the probe costs system calls on every request); should the server have
 *     closed it meanwhile, the request fails on it and {@link HttplibClient}'s retry rules
 *     apply.</li>
 * <li>A response that is never closed and never read to its end keeps its connection leased:
 *     {@link #stats()} shows it. Close every response (try-with-resources). As a safety net,
 *     {@link HttplibClient} closes the socket and frees the lease of a response that became
 *     unreachable, once the garbage collector notices.</li>
 * </ul>
 * Expired idle connections are closed lazily when the pool is used, or by {@link #evictIdle()} /
 * {@link #cleanup(long)}; the pool starts no thread. See {@code docs/pool.md}.
 */
public final class ConnectionPool implements Closeable {

    /** Default {@code maxPerRoute}. */
    public static final int DEFAULT_MAX_PER_ROUTE = 20;
    /** Default {@code maxTotal}. */
    public static final int DEFAULT_MAX_TOTAL = 100;
    /** Default {@code acquireTimeout}. */
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@code idleTimeout}: below the usual server keep-alive timeouts is better, but 60 s is common. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Default {@code validateAfterInactivity}: 1 s, below the shortest keep-alive timeouts in common
     * use (gunicorn's 2 s, uvicorn's, Node's and Apache httpd's 5 s), so a connection a server
     * timed out is probed before use, while one reused right away costs no system call.
     */
    public static final Duration DEFAULT_VALIDATE_AFTER_INACTIVITY = Duration.ofSeconds(1);

    private final int maxPerRoute;
    private final int maxTotal;
    private final Duration acquireTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration validateAfterInactivity;
    private final long validateAfterNanos;
    /** The reuse check of the factory that acquired last (almost always the only one). */
    private volatile ReuseCheck lastReuseCheck;
    private final Pool<HTTPConnection> pool;

    private ConnectionPool(Builder b) {
        this.maxPerRoute = b.maxPerRoute;
        this.maxTotal = b.maxTotal;
        this.acquireTimeout = b.acquireTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxLifetime = b.maxLifetime;
        this.validateAfterInactivity = b.validateAfterInactivity;
        this.validateAfterNanos = Durations.nanos(validateAfterInactivity);
        // Past 100 years a duration is no limit (Durations): kept small enough for nanoTime arithmetic.
        this.pool = new Pool<>(maxPerRoute, maxTotal, Durations.nanos(idleTimeout),
                maxLifetime == null || Durations.isUnlimited(maxLifetime) ? 0 : maxLifetime.toNanos());
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Leases a connection; waits at most {@code min(acquireTimeout, timeoutNanos)}.
     *
     * @param deadlineWaitNanos the most the caller's deadline allows to wait; {@code Long.MAX_VALUE} for no deadline
     */
    PooledConnection<HTTPConnection> acquire(Route route, HTTPConnectionFactory factory, long deadlineWaitNanos)
            throws PoolTimeoutException, InterruptedException {
        long wait = Math.min(Durations.nanos(acquireTimeout), deadlineWaitNanos);
        // A connection is reused only by the factory that made it: its settings are that factory's.
        ReuseCheck check = lastReuseCheck;
        if (check == null || check.factory != factory) {
            check = new ReuseCheck(factory, validateAfterNanos);
            lastReuseCheck = check;
        }
        return pool.acquire(route, wait, factory.poolCreate, check);
    }

    /**
     * Whether an idle connection may serve a request of {@code factory}: one made by that factory
     * (its settings are that factory's) that passes its own check. Kept per factory rather than
     * made per request as a lambda.
     */
    private static final class ReuseCheck implements Predicate<HTTPConnection> {
        final HTTPConnectionFactory factory;
        private final long validateAfterNanos;

        ReuseCheck(HTTPConnectionFactory factory, long validateAfterNanos) {
            this.factory = factory;
            this.validateAfterNanos = validateAfterNanos;
        }

        @Override
        public boolean test(HTTPConnection c) {
            return c.madeBy() == factory && c.checkReusable(validateAfterNanos);
        }
    }

    /** Ends a lease; returns whether the connection was kept for reuse. */
    boolean release(PooledConnection<HTTPConnection> lease, boolean reusable) {
        return pool.release(lease, reusable);
    }

    /** @return the counts for the whole pool, with the callers waiting and the longest current wait */
    public PoolStats stats() {
        return pool.stats();
    }

    /** @return the counts of each route that has connections or waiters */
    public Map<Route, PoolStats> routeStats() {
        return pool.routeStats();
    }

    /** @return how many idle connections past their idle timeout or lifetime were closed now */
    public int evictIdle() {
        return pool.cleanup(System.nanoTime()).closed();
    }

    /**
     * Closes the idle connections past their idle timeout or lifetime as of {@code nowNanos}.
     *
     * @param nowNanos the time on the {@link System#nanoTime()} scale (tests pass times ahead)
     * @return nanoseconds until the next idle connection is due, -1 when none is idle
     */
    public long cleanup(long nowNanos) {
        return pool.cleanup(nowNanos).nextDelayNanos();
    }

    /**
     * Stops reusing the current connections: idle ones are closed now, leased ones when released.
     * For when the TLS material changed.
     */
    public void retireAll() {
        pool.retireAll();
    }

    /** Closes the idle connections, and leased ones when released; later leases fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        pool.close();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return pool.isClosed();
    }

    /** @return the most connections per route */
    public int maxPerRoute() {
        return maxPerRoute;
    }

    /** @return the most connections in all */
    public int maxTotal() {
        return maxTotal;
    }

    /** @return how long a caller waits for a free connection */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** @return how long a connection may stay idle */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return how long a connection may sit idle before it is probed when leased again */
    public Duration validateAfterInactivity() {
        return validateAfterInactivity;
    }

    /** @return how long a connection may live; null for no limit */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    @Override
    public String toString() {
        return "ConnectionPool[maxPerRoute=" + maxPerRoute + ", maxTotal=" + maxTotal + ", " + stats() + "]";
    }

    /** Settings for a {@link ConnectionPool}. Not thread-safe. */
    public static final class Builder {
        int maxPerRoute = DEFAULT_MAX_PER_ROUTE;
        int maxTotal = DEFAULT_MAX_TOTAL;
        Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        Duration maxLifetime;
        Duration validateAfterInactivity = DEFAULT_VALIDATE_AFTER_INACTIVITY;

        Builder() {}

        /** @param n most connections per route, at least 1 (default 20) @return this */
        public Builder maxPerRoute(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxPerRoute must be at least 1, got " + n);
            }
            this.maxPerRoute = n;
            return this;
        }

        /** @param n most connections in all, at least 1 (default 100) @return this */
        public Builder maxTotal(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxTotal must be at least 1, got " + n);
            }
            this.maxTotal = n;
            return this;
        }

        /**
         * @param timeout how long to wait for a free connection (default 30 s); zero fails at once
         *     when none is free; past 100 years no limit (the request deadline still applies)
         * @return this
         */
        public Builder acquireTimeout(Duration timeout) {
            this.acquireTimeout = nonNegative(timeout, "acquireTimeout");
            return this;
        }

        /**
         * @param timeout how long a connection may stay idle (default 60 s); zero keeps no
         *     connection for reuse (each is closed when released); past 100 years no limit
         * @return this
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            return this;
        }

        /**
         * @param lifetime how long a connection may live; null (default), zero, or past 100 years
         *     for no limit
         * @return this
         */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = lifetime == null ? null : nonNegative(lifetime, "maxLifetime");
            return this;
        }

        /**
         * @param inactivity how long a connection may sit idle before it is probed (a non-blocking
         *     read for EOF or unsolicited bytes) when it is leased again (default 1 s); zero probes
         *     every reuse
         * @return this
         */
        public Builder validateAfterInactivity(Duration inactivity) {
            this.validateAfterInactivity = nonNegative(inactivity, "validateAfterInactivity");
            return this;
        }

        /** @return the pool */
        public ConnectionPool build() {
            return new ConnectionPool(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            return Durations.notNegative(Objects.requireNonNull(d, name), name);
        }
    }
}
