package io.httplib.internal.pool;

import io.httplib.PoolStats;
import io.httplib.PoolTimeoutException;
import io.httplib.Route;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keep-alive connections by route, bounded per route and in total. One lock guards the counts and
 * the idle lists; it is never held while a connection is created, probed or closed (those may do
 * socket I/O). Expired idle connections are evicted lazily by {@link #acquire} and {@link #release}
 * when an eviction is due, and by {@link #cleanup(long)}.
 *
 * @param <C> the connection type
 */
public final class Pool<C extends AutoCloseable> {

    private final int maxPerRoute;
    private final int maxTotal;
    private final long idleTimeoutNanos;
    private final long maxLifetimeNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Map<Route, RoutePool<C>> routes = new LinkedHashMap<>();
    private int leased;
    private int idle;
    private int pending;
    private int generation;
    private boolean closed;
    /** When the next idle connection expires ({@code System.nanoTime()} scale); valid when {@link #idle} > 0. */
    private long nextExpiryNanos;

    /**
     * @param maxPerRoute most connections per route, leased and idle
     * @param maxTotal most connections in all
     * @param idleTimeoutNanos how long a connection may sit idle
     * @param maxLifetimeNanos how long a connection may live; {@code <= 0} for no limit
     */
    public Pool(int maxPerRoute, int maxTotal, long idleTimeoutNanos, long maxLifetimeNanos) {
        this.maxPerRoute = maxPerRoute;
        this.maxTotal = maxTotal;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.maxLifetimeNanos = maxLifetimeNanos;
    }

    /**
     * Leases a connection for {@code route}: the most recently used idle one that passes
     * {@code probe}, else a new one from {@code create} when the limits allow, else waits for a
     * release.
     *
     * @param route the route
     * @param timeoutNanos how long to wait for a free slot
     * @param origin what {@code create} makes connections with (their settings): an idle connection
     *     made for another origin is not handed out but closed, and a new one takes its slot
     * @param create makes a new (unconnected) connection; called without the lock
     * @param probe tells whether an idle connection is still usable; called without the lock
     * @return the lease; give it back with {@link #release}
     * @throws PoolTimeoutException when no connection became free in time
     * @throws InterruptedException when interrupted while waiting
     * @throws IllegalStateException when the pool is closed
     */
    public PooledConnection<C> acquire(Route route, long timeoutNanos, Object origin, Function<Route, C> create,
            Predicate<C> probe) throws PoolTimeoutException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            List<PooledConnection<C>> toClose = new ArrayList<>(0);
            PooledConnection<C> got = null;
            boolean createNew = false;
            lock.lock();
            try {
                long remaining = timeoutNanos - (System.nanoTime() - start);
                RoutePool<C> rp = routes.computeIfAbsent(route, r -> new RoutePool<>());
                rp.pending++;
                pending++;
                try {
                    while (true) {
                        if (closed) {
                            throw new IllegalStateException("connection pool is closed");
                        }
                        long now = System.nanoTime();
                        evictExpiredIfDue(now, toClose);
                        got = takeIdle(rp, now, toClose);
                        if (got != null) {
                            break;
                        }
                        if (rp.leased + rp.idle.size() < maxPerRoute
                                && (leased + idle < maxTotal || evictOldestIdle(toClose))) {
                            createNew = true;
                            rp.leased++;
                            leased++;
                            break;
                        }
                        if (remaining <= 0) {
                            throw timeout(route, rp, timeoutNanos);
                        }
                        if (!toClose.isEmpty()) {
                            break; // close those first, without the lock, then look again
                        }
                        remaining = released.awaitNanos(remaining);
                    }
                } finally {
                    rp.pending--;
                    pending--;
                    if (rp.isEmpty()) {
                        routes.remove(route);
                    }
                }
            } finally {
                lock.unlock();
                closeAll(toClose);
            }
            if (createNew) {
                try {
                    return new PooledConnection<>(route, create.apply(route), System.nanoTime(), generation(), origin);
                } catch (RuntimeException | Error e) {
                    release(null, route, false);
                    throw e;
                }
            }
            if (got != null) {
                boolean usable;
                try {
                    // Another origin's connection carries other settings (timeouts, TLS, limits).
                    usable = got.origin == origin && probe.test(got.connection);
                } catch (RuntimeException e) {
                    usable = false;
                }
                if (usable) {
                    got.reused = true;
                    return got;
                }
                // The server closed it while it was idle, or it was made for another origin: keep
                // the slot, put a new connection in it.
                closeQuietly(got.connection);
                try {
                    return new PooledConnection<>(route, create.apply(route), System.nanoTime(), generation(), origin);
                } catch (RuntimeException | Error e) {
                    release(null, route, false);
                    throw e;
                }
            }
        }
    }

    private int generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the most recently used idle connection that has not expired; expired ones go to toClose. */
    private PooledConnection<C> takeIdle(RoutePool<C> rp, long now, List<PooledConnection<C>> toClose) {
        PooledConnection<C> pc;
        while ((pc = rp.idle.pollFirst()) != null) {
            idle--;
            if (expired(pc, now)) {
                toClose.add(pc);
                continue;
            }
            rp.leased++;
            leased++;
            return pc;
        }
        return null;
    }

    /** Makes room under maxTotal by closing the least recently used idle connection of any route. */
    private boolean evictOldestIdle(List<PooledConnection<C>> toClose) {
        Map.Entry<Route, RoutePool<C>> oldestRoute = null;
        PooledConnection<C> oldest = null;
        for (Map.Entry<Route, RoutePool<C>> e : routes.entrySet()) {
            PooledConnection<C> last = e.getValue().idle.peekLast();
            if (last != null && (oldest == null || last.lastUsedNanos - oldest.lastUsedNanos < 0)) {
                oldest = last;
                oldestRoute = e;
            }
        }
        if (oldest == null) {
            return false;
        }
        oldestRoute.getValue().idle.pollLast();
        idle--;
        if (oldestRoute.getValue().isEmpty()) {
            routes.remove(oldestRoute.getKey());
        }
        toClose.add(oldest);
        return true;
    }

    private PoolTimeoutException timeout(Route route, RoutePool<C> rp, long timeoutNanos) {
        return new PoolTimeoutException("timed out after " + describe(timeoutNanos) + " waiting for a connection to "
                + route + " (leased " + rp.leased + " of " + maxPerRoute + " for the route, " + leased + " of "
                + maxTotal + " in total)");
    }

    private static String describe(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /**
     * Ends a lease. A reusable connection goes back to the idle list unless the pool is closed,
     * was retired since the lease, or the connection outlived its lifetime; otherwise it is closed.
     *
     * @param pc the lease
     * @param reusable whether the connection is clean (its last response read to the end) and open
     * @return whether the connection was kept
     */
    public boolean release(PooledConnection<C> pc, boolean reusable) {
        return release(pc, pc.route(), reusable);
    }

    private boolean release(PooledConnection<C> pc, Route route, boolean reusable) {
        List<PooledConnection<C>> toClose = new ArrayList<>(0);
        boolean kept = false;
        lock.lock();
        try {
            long now = System.nanoTime();
            RoutePool<C> rp = routes.get(route);
            if (rp != null) {
                rp.leased--;
                leased--;
                if (pc != null) {
                    pc.reused = false;
                    if (reusable && !closed && pc.generation == generation && !outlived(pc, now)) {
                        pc.lastUsedNanos = now;
                        rp.idle.addFirst(pc);
                        if (idle++ == 0 || expiry(pc) - nextExpiryNanos < 0) {
                            nextExpiryNanos = expiry(pc);
                        }
                        kept = true;
                    } else {
                        toClose.add(pc);
                    }
                }
                if (rp.isEmpty()) {
                    routes.remove(route);
                }
            } else if (pc != null) {
                toClose.add(pc);
            }
            evictExpiredIfDue(now, toClose);
            released.signalAll();
        } finally {
            lock.unlock();
        }
        closeAll(toClose);
        return kept;
    }

    /**
     * Closes idle connections past their idle timeout or lifetime as of {@code nowNanos}.
     *
     * @param nowNanos the time, on the {@link System#nanoTime()} scale
     * @return how many were closed and the nanoseconds until the next one is due (-1 when no
     *     connection is idle)
     */
    public Eviction cleanup(long nowNanos) {
        List<PooledConnection<C>> toClose = new ArrayList<>(0);
        long next;
        lock.lock();
        try {
            evictExpired(nowNanos, toClose);
            next = idle == 0 ? -1 : Math.max(0, nextExpiryNanos - nowNanos);
        } finally {
            lock.unlock();
        }
        closeAll(toClose);
        return new Eviction(toClose.size(), next);
    }

    /** How many connections a cleanup closed and when the next is due. */
    public record Eviction(int closed, long nextDelayNanos) {}

    private void evictExpiredIfDue(long now, List<PooledConnection<C>> toClose) {
        if (idle > 0 && now - nextExpiryNanos >= 0) {
            evictExpired(now, toClose);
        }
    }

    private void evictExpired(long now, List<PooledConnection<C>> toClose) {
        long next = Long.MAX_VALUE;
        boolean any = false;
        for (Iterator<RoutePool<C>> routeIt = routes.values().iterator(); routeIt.hasNext(); ) {
            RoutePool<C> rp = routeIt.next();
            for (Iterator<PooledConnection<C>> it = rp.idle.iterator(); it.hasNext(); ) {
                PooledConnection<C> pc = it.next();
                if (expired(pc, now)) {
                    it.remove();
                    idle--;
                    toClose.add(pc);
                } else {
                    long e = expiry(pc);
                    if (!any || e - next < 0) {
                        next = e;
                        any = true;
                    }
                }
            }
            if (rp.isEmpty()) {
                routeIt.remove();
            }
        }
        nextExpiryNanos = any ? next : now;
    }

    /** @return when an idle connection must be closed: idle timeout or end of life, whichever is first */
    private long expiry(PooledConnection<C> pc) {
        long e = pc.lastUsedNanos + idleTimeoutNanos;
        if (maxLifetimeNanos > 0) {
            long end = pc.createdNanos() + maxLifetimeNanos;
            if (end - e < 0) {
                e = end;
            }
        }
        return e;
    }

    private boolean expired(PooledConnection<C> pc, long now) {
        return now - expiry(pc) >= 0;
    }

    private boolean outlived(PooledConnection<C> pc, long now) {
        return maxLifetimeNanos > 0 && now - pc.createdNanos() >= maxLifetimeNanos;
    }

    /** Closes the idle connections now; leased ones are closed when released instead of kept. */
    public void retireAll() {
        List<PooledConnection<C>> toClose = new ArrayList<>();
        lock.lock();
        try {
            generation++;
            drainIdle(toClose);
        } finally {
            lock.unlock();
        }
        closeAll(toClose);
    }

    /** Closes the idle connections; leased ones are closed on release; later acquires fail. */
    public void close() {
        List<PooledConnection<C>> toClose = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            drainIdle(toClose);
            released.signalAll();
        } finally {
            lock.unlock();
        }
        closeAll(toClose);
    }

    private void drainIdle(List<PooledConnection<C>> toClose) {
        for (Iterator<RoutePool<C>> routeIt = routes.values().iterator(); routeIt.hasNext(); ) {
            RoutePool<C> rp = routeIt.next();
            toClose.addAll(rp.idle);
            idle -= rp.idle.size();
            rp.idle.clear();
            if (rp.isEmpty()) {
                routeIt.remove();
            }
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** @return the totals */
    public PoolStats stats() {
        lock.lock();
        try {
            return new PoolStats(leased, idle, pending, maxTotal);
        } finally {
            lock.unlock();
        }
    }

    /** @return the counts of each route that has connections or waiters */
    public Map<Route, PoolStats> routeStats() {
        lock.lock();
        try {
            Map<Route, PoolStats> m = new LinkedHashMap<>();
            routes.forEach((r, rp) -> m.put(r, new PoolStats(rp.leased, rp.idle.size(), rp.pending, maxPerRoute)));
            return m;
        } finally {
            lock.unlock();
        }
    }

    private void closeAll(List<PooledConnection<C>> list) {
        for (PooledConnection<C> pc : list) {
            closeQuietly(pc.connection);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort; the connection is gone from the pool either way
        }
    }
}
