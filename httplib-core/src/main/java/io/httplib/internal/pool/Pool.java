package io.httplib.internal.pool;

import io.httplib.PoolStats;
import io.httplib.PoolTimeoutException;
import io.httplib.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Keep-alive connections by route, bounded per route and in total, lent first come, first served.
 *
 * <h2>Fairness</h2>
 * Callers are served in the order they asked. A caller that cannot be served at once joins the
 * queue of its route; a new caller joins that queue too whenever anyone is already waiting there,
 * even if a connection has just been released: it never overtakes a waiter. What frees up goes to
 * the caller that has waited longest among those who can use it:
 * <ul>
 * <li>a released reusable connection goes straight to the head of its route's queue, with one
 *     wake-up of that one thread (no broadcast, so no herd of threads that wake to find nothing);</li>
 * <li>room under {@code maxTotal} (a connection closed or evicted anywhere, or an idle connection
 *     that can be closed to make room) goes to the longest waiter among the routes still below
 *     {@code maxPerRoute}: the queue heads of those routes form one first-come-first-served line
 *     for the total. When that waiter came before every waiter of the route that releases a
 *     connection, the released connection is closed to give the other route its turn.</li>
 * </ul>
 * Two invariants keep this cheap: a route with waiters has no idle connection, and while any
 * route below its limit has waiters, the pool is at {@code maxTotal} with no idle connection. So
 * when nobody waits, a lease is one short critical section that takes the most recently used idle
 * connection, as before.
 *
 * <h2>Deadlines and interrupts</h2>
 * A waiter parks on its own ({@link LockSupport}) until its deadline. The pool never hands
 * anything to a waiter whose deadline has passed or whose thread is interrupted: it checks both
 * before every hand-over, drops such a waiter from the queue and wakes it to fail, and gives the
 * connection to the next one. A waiter that wakes for its deadline or an interrupt leaves the queue
 * under the lock, unless a hand-over reached it first; a connection or slot that reached a waiter
 * whose thread is then found interrupted is passed on as if released. Nothing is lost or leaked
 * either way.
 *
 * <h2>Locking</h2>
 * One {@link ReentrantLock} guards the counts, idle lists and queues. It is never held while a
 * connection is created, probed or closed (those may do socket I/O), nor while waking a waiter:
 * decisions are collected in an {@link Outbox} and carried out after unlocking. A woken waiter
 * needs no lock to take what it was given. Expired idle connections are evicted lazily by
 * {@link #acquire} and {@link #release} when an eviction is due, and by {@link #cleanup(long)}.
 *
 * @param <C> the connection type
 */
public final class Pool<C extends AutoCloseable> {

    /** Longer waits are cut to this (about 73 years), so that deadlines cannot overflow. */
    private static final long MAX_WAIT_NANOS = Long.MAX_VALUE / 4;

    private final int maxPerRoute;
    private final int maxTotal;
    private final long idleTimeoutNanos;
    private final long maxLifetimeNanos;
    private final LongSupplier clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Route, RoutePool<C>> routes = new LinkedHashMap<>();
    /** Routes that have (or recently had) waiters; those whose queue emptied are purged lazily. */
    private final ArrayList<RoutePool<C>> waitingRoutes = new ArrayList<>();
    private int leased;
    private int idle;
    private int pending;
    private long tickets;
    /** Written under the lock; read without it when a connection is made. */
    private volatile int generation;
    private boolean closed;
    /** When the next idle connection expires (the clock's scale); valid when {@link #idle} > 0. */
    private long nextExpiryNanos;

    /**
     * @param maxPerRoute most connections per route, leased and idle
     * @param maxTotal most connections in all
     * @param idleTimeoutNanos how long a connection may sit idle
     * @param maxLifetimeNanos how long a connection may live; {@code <= 0} for no limit
     */
    public Pool(int maxPerRoute, int maxTotal, long idleTimeoutNanos, long maxLifetimeNanos) {
        this(maxPerRoute, maxTotal, idleTimeoutNanos, maxLifetimeNanos, System::nanoTime);
    }

    /** With another clock, for tests that move time by numbers (deadlines, expiry). */
    Pool(int maxPerRoute, int maxTotal, long idleTimeoutNanos, long maxLifetimeNanos, LongSupplier clock) {
        this.maxPerRoute = maxPerRoute;
        this.maxTotal = maxTotal;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.maxLifetimeNanos = maxLifetimeNanos;
        this.clock = clock;
    }

    /**
     * Leases a connection for {@code route}. When nobody waits for the route: the most recently
     * used idle one that passes {@code probe}, else a new one from {@code create} when the limits
     * allow. Otherwise the caller queues behind those already waiting and is served in turn.
     *
     * @param route the route
     * @param timeoutNanos how long to wait in the queue; {@code <= 0} fails at once when nothing is free
     * @param create makes a new (unconnected) connection; called without the lock
     * @param probe tells whether an idle connection is still usable; called without the lock
     * @return the lease; give it back with {@link #release}
     * @throws PoolTimeoutException when the caller's turn did not come in time
     * @throws InterruptedException when interrupted while waiting (the caller then holds nothing)
     * @throws IllegalStateException when the pool is closed, before or while waiting
     */
    public PooledConnection<C> acquire(Route route, long timeoutNanos, Function<Route, C> create, Predicate<C> probe)
            throws PoolTimeoutException, InterruptedException {
        long start = clock.getAsLong();
        Outbox<C> out = new Outbox<>();
        PooledConnection<C> got = null;
        boolean slot = false;
        int slotGeneration = 0;
        Waiter<C> waiter = null;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("connection pool is closed");
            }
            if (evictExpiredIfDue(start, out) > 0) {
                dispatch(start, out); // room freed: waiters first
            }
            RoutePool<C> rp = routes.get(route);
            if (rp == null) {
                rp = new RoutePool<>(route);
                routes.put(route, rp);
            }
            if (liveHead(rp, start, out) == null) {
                got = takeIdle(rp);
                if (got == null && rp.size() < maxPerRoute && (total() < maxTotal || evictOldestIdle(out))) {
                    rp.leased++;
                    leased++;
                    slot = true;
                    slotGeneration = generation;
                }
            }
            if (got == null && !slot) {
                if (timeoutNanos <= 0) {
                    PoolTimeoutException e = timeout(rp, 0);
                    forgetIfEmpty(rp);
                    throw e;
                }
                if (Thread.interrupted()) {
                    forgetIfEmpty(rp);
                    throw new InterruptedException("interrupted before waiting for a connection to " + route);
                }
                waiter = new Waiter<>(Thread.currentThread(), rp, tickets++, start,
                        start + Math.min(timeoutNanos, MAX_WAIT_NANOS));
                rp.enqueue(waiter);
                pending++;
                if (!rp.listed) {
                    rp.listed = true;
                    waitingRoutes.add(rp);
                }
            }
        } finally {
            lock.unlock();
            out.run();
        }
        if (waiter != null) {
            if (await(waiter) == Waiter.CONNECTION) {
                got = waiter.connection;
            } else {
                slot = true;
                slotGeneration = waiter.generation;
            }
        }
        return slot ? create(route, create, slotGeneration) : checked(got, create, probe);
    }

    /**
     * Parks until the waiter is served, its deadline passes or its thread is interrupted.
     *
     * @return {@link Waiter#CONNECTION} or {@link Waiter#SLOT}
     */
    private int await(Waiter<C> w) throws PoolTimeoutException, InterruptedException {
        boolean interrupted = false;
        int s;
        while ((s = w.state) == Waiter.WAITING) {
            interrupted = Thread.interrupted();
            long remaining = w.deadlineNanos - clock.getAsLong();
            if (interrupted || remaining <= 0) {
                s = leave(w, interrupted ? Waiter.INTERRUPTED : Waiter.TIMED_OUT);
                break;
            }
            LockSupport.parkNanos(this, remaining);
        }
        switch (s) {
            case Waiter.CONNECTION:
            case Waiter.SLOT:
                if (interrupted || Thread.interrupted()) {
                    // Served at the moment of the interrupt: the next waiter gets it instead.
                    if (s == Waiter.CONNECTION) {
                        release(w.connection, true);
                    } else {
                        release(null, w.route.route, false);
                    }
                    throw interruptedWhileWaiting(w);
                }
                return s;
            case Waiter.TIMED_OUT:
                if (interrupted) {
                    Thread.currentThread().interrupt(); // the deadline came first; keep the interrupt for the caller
                }
                throw timeout(w);
            case Waiter.INTERRUPTED:
                Thread.interrupted(); // the pool saw the flag first; the exception reports it
                throw interruptedWhileWaiting(w);
            case Waiter.CLOSED:
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("connection pool was closed while waiting for a connection to "
                        + w.route.route);
            default:
                throw new IllegalStateException("waiter in state " + s);
        }
    }

    /** The waiter gives up, unless it was served or dropped first. @return its final state */
    private int leave(Waiter<C> w, int reason) {
        lock.lock();
        try {
            if (w.state == Waiter.WAITING) {
                RoutePool<C> rp = w.route;
                rp.unlink(w);
                pending--;
                w.state = reason;
                forgetIfEmpty(rp);
            }
            return w.state;
        } finally {
            lock.unlock();
        }
    }

    private static InterruptedException interruptedWhileWaiting(Waiter<?> w) {
        return new InterruptedException("interrupted while waiting for a connection to " + w.route.route);
    }

    /** A new connection in a slot already counted as leased. */
    private PooledConnection<C> create(Route route, Function<Route, C> create, int gen) {
        try {
            return new PooledConnection<>(route, create.apply(route), clock.getAsLong(), gen);
        } catch (RuntimeException | Error e) {
            release(null, route, false);
            throw e;
        }
    }

    /** Probes a connection that was idle (or just handed over); replaces it in its slot when the server closed it. */
    private PooledConnection<C> checked(PooledConnection<C> got, Function<Route, C> create, Predicate<C> probe) {
        boolean usable;
        try {
            usable = probe.test(got.connection);
        } catch (RuntimeException e) {
            usable = false;
        }
        if (usable) {
            got.reused = true;
            return got;
        }
        // The server closed it while it was idle: keep the slot, put a new connection in it.
        closeQuietly(got.connection);
        return create(got.route(), create, generation);
    }

    /** @return the route's longest waiter that may still be served; drops those past their deadline or interrupted */
    private Waiter<C> liveHead(RoutePool<C> rp, long now, Outbox<C> out) {
        Waiter<C> h;
        while ((h = rp.head) != null) {
            if (now - h.deadlineNanos >= 0) {
                drop(h, Waiter.TIMED_OUT, out);
            } else if (h.thread.isInterrupted()) {
                drop(h, Waiter.INTERRUPTED, out);
            } else {
                return h;
            }
        }
        return null;
    }

    private void drop(Waiter<C> w, int reason, Outbox<C> out) {
        w.route.unlink(w);
        pending--;
        w.state = reason;
        out.wake(w);
    }

    /** Hands a released connection, still counted as leased, to a waiter of its route. */
    private void handOver(Waiter<C> w, PooledConnection<C> pc, Outbox<C> out) {
        w.route.unlink(w);
        pending--;
        w.connection = pc;
        w.state = Waiter.CONNECTION;
        out.wake(w);
    }

    /** Grants a waiter room for a new connection, counted as leased from now. */
    private void grantSlot(Waiter<C> w, Outbox<C> out) {
        RoutePool<C> rp = w.route;
        rp.unlink(w);
        pending--;
        rp.leased++;
        leased++;
        w.generation = generation;
        w.state = Waiter.SLOT;
        out.wake(w);
    }

    /**
     * Gives room under the limits to waiters, longest waiter first, for as long as there is room or
     * an idle connection to close for it.
     */
    private void dispatch(long now, Outbox<C> out) {
        if (pending == 0) {
            if (!waitingRoutes.isEmpty()) {
                // Nobody waits: forget the routes whose queues emptied (they are purged lazily).
                for (RoutePool<C> rp : waitingRoutes) {
                    rp.listed = false;
                    forgetIfEmpty(rp);
                }
                waitingRoutes.clear();
            }
            return;
        }
        while (pending > 0) {
            Waiter<C> w = oldestEligible(now, out, null);
            if (w == null || (total() >= maxTotal && !evictOldestIdle(out))) {
                return;
            }
            grantSlot(w, out);
        }
    }

    /**
     * @param skip a route not to consider, or null
     * @return the longest waiter among the routes below {@code maxPerRoute} (their queue heads), or null
     */
    private Waiter<C> oldestEligible(long now, Outbox<C> out, RoutePool<C> skip) {
        Waiter<C> best = null;
        for (int i = 0; i < waitingRoutes.size(); ) {
            RoutePool<C> rp = waitingRoutes.get(i);
            Waiter<C> h = rp == skip || rp.size() >= maxPerRoute ? rp.head : liveHead(rp, now, out);
            if (rp.waiting == 0) {
                // Purge: swap the last one in.
                rp.listed = false;
                RoutePool<C> last = waitingRoutes.remove(waitingRoutes.size() - 1);
                if (last != rp) {
                    waitingRoutes.set(i, last);
                }
                forgetIfEmpty(rp);
                continue;
            }
            if (rp != skip && rp.size() < maxPerRoute && h != null && (best == null || h.ticket < best.ticket)) {
                best = h;
            }
            i++;
        }
        return best;
    }

    private int total() {
        return leased + idle;
    }

    /** Takes the most recently used idle connection; only called when none has expired (evicted first). */
    private PooledConnection<C> takeIdle(RoutePool<C> rp) {
        PooledConnection<C> pc = rp.idle.pollFirst();
        if (pc != null) {
            idle--;
            rp.leased++;
            leased++;
        }
        return pc;
    }

    /** Makes room under maxTotal by closing the least recently used idle connection of any route. */
    private boolean evictOldestIdle(Outbox<C> out) {
        RoutePool<C> oldestRoute = null;
        PooledConnection<C> oldest = null;
        for (RoutePool<C> rp : routes.values()) {
            PooledConnection<C> last = rp.idle.peekLast();
            if (last != null && (oldest == null || last.lastUsedNanos - oldest.lastUsedNanos < 0)) {
                oldest = last;
                oldestRoute = rp;
            }
        }
        if (oldest == null) {
            return false;
        }
        oldestRoute.idle.pollLast();
        idle--;
        forgetIfEmpty(oldestRoute);
        out.close(oldest);
        return true;
    }

    private void forgetIfEmpty(RoutePool<C> rp) {
        if (rp.isEmpty() && routes.get(rp.route) == rp) {
            routes.remove(rp.route);
        }
    }

    private PoolTimeoutException timeout(Waiter<C> w) {
        lock.lock();
        try {
            return timeout(w.route, clock.getAsLong() - w.sinceNanos);
        } finally {
            lock.unlock();
        }
    }

    private PoolTimeoutException timeout(RoutePool<C> rp, long waitedNanos) {
        return new PoolTimeoutException("timed out after " + describe(waitedNanos) + " waiting for a connection to "
                + rp.route + " (queue: " + rp.waiting + " for the route, " + pending
                + " in the pool; leased " + rp.leased + " of " + maxPerRoute + " for the route, " + leased + " of "
                + maxTotal + " in total)", Duration.ofNanos(waitedNanos), rp.waiting);
    }

    /** {@code 200ms}, {@code 5.003s}. */
    static String describe(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
        if (ms < 1000) {
            return ms + "ms";
        }
        long frac = ms % 1000;
        return (ms / 1000) + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac + "s";
    }

    /**
     * Ends a lease. A reusable connection goes to the longest waiter of its route, or back to the
     * idle list when nobody waits, unless the pool is closed, was retired since the lease, or the
     * connection outlived its lifetime; otherwise it is closed and its room given to the longest
     * waiter that can use it.
     *
     * @param pc the lease
     * @param reusable whether the connection is clean (its last response read to the end) and open
     * @return whether the connection was kept (idle or handed to a waiter)
     */
    public boolean release(PooledConnection<C> pc, boolean reusable) {
        return release(pc, pc.route(), reusable);
    }

    /** @param pc the connection, or null to give back a slot in which no connection was made */
    private boolean release(PooledConnection<C> pc, Route route, boolean reusable) {
        Outbox<C> out = new Outbox<>();
        boolean kept = false;
        lock.lock();
        try {
            long now = clock.getAsLong();
            RoutePool<C> rp = routes.get(route);
            if (rp == null) {
                if (pc != null) {
                    out.close(pc); // not leased from this pool
                }
            } else {
                if (pc != null) {
                    pc.reused = false;
                }
                if (pc != null && reusable && !closed && pc.generation == generation && !outlived(pc, now)) {
                    pc.lastUsedNanos = now;
                    Waiter<C> h = liveHead(rp, now, out);
                    if (h == null) {
                        rp.leased--;
                        leased--;
                        rp.idle.addFirst(pc);
                        if (idle++ == 0 || expiry(pc) - nextExpiryNanos < 0) {
                            nextExpiryNanos = expiry(pc);
                        }
                        kept = true;
                    } else if (!olderWaiterElsewhere(rp, h, now, out)) {
                        handOver(h, pc, out);
                        kept = true;
                    } else {
                        // Another route's waiter came first: close this one to give it the room.
                        rp.leased--;
                        leased--;
                        out.close(pc);
                    }
                } else {
                    rp.leased--;
                    leased--;
                    if (pc != null) {
                        out.close(pc);
                    }
                }
                evictExpiredIfDue(now, out);
                dispatch(now, out);
                forgetIfEmpty(rp);
            }
        } finally {
            lock.unlock();
        }
        out.run();
        return kept;
    }

    /**
     * Whether a waiter of another route, below its own limit and blocked only by {@code maxTotal},
     * has waited longer than {@code h}, the head of {@code rp}'s queue.
     */
    private boolean olderWaiterElsewhere(RoutePool<C> rp, Waiter<C> h, long now, Outbox<C> out) {
        if (pending == rp.waiting || total() < maxTotal) {
            return false; // nobody else waits, or nobody is blocked by the total (they would have been served)
        }
        Waiter<C> other = oldestEligible(now, out, rp);
        return other != null && other.ticket < h.ticket;
    }

    /**
     * Closes idle connections past their idle timeout or lifetime as of {@code nowNanos}, and gives
     * the room to waiters.
     *
     * @param nowNanos the time, on the {@link System#nanoTime()} scale
     * @return how many were closed and the nanoseconds until the next one is due (-1 when no
     *     connection is idle)
     */
    public Eviction cleanup(long nowNanos) {
        Outbox<C> out = new Outbox<>();
        long next;
        int evicted;
        lock.lock();
        try {
            evicted = evictExpired(nowNanos, out);
            // Deadlines are judged by the real clock, not by the time a caller passes in.
            dispatch(clock.getAsLong(), out);
            next = idle == 0 ? -1 : Math.max(0, nextExpiryNanos - nowNanos);
        } finally {
            lock.unlock();
        }
        out.run();
        return new Eviction(evicted, next);
    }

    /** How many connections a cleanup closed and when the next is due. */
    public record Eviction(int closed, long nextDelayNanos) {}

    /** @return how many were evicted */
    private int evictExpiredIfDue(long now, Outbox<C> out) {
        if (idle > 0 && now - nextExpiryNanos >= 0) {
            return evictExpired(now, out);
        }
        return 0;
    }

    private int evictExpired(long now, Outbox<C> out) {
        long next = Long.MAX_VALUE;
        boolean any = false;
        int evicted = 0;
        for (Iterator<RoutePool<C>> routeIt = routes.values().iterator(); routeIt.hasNext(); ) {
            RoutePool<C> rp = routeIt.next();
            for (Iterator<PooledConnection<C>> it = rp.idle.iterator(); it.hasNext(); ) {
                PooledConnection<C> pc = it.next();
                if (expired(pc, now)) {
                    it.remove();
                    idle--;
                    evicted++;
                    out.close(pc);
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
        return evicted;
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
        Outbox<C> out = new Outbox<>();
        lock.lock();
        try {
            generation++;
            drainIdle(out);
            dispatch(clock.getAsLong(), out);
        } finally {
            lock.unlock();
        }
        out.run();
    }

    /**
     * Closes the idle connections; leased ones are closed on release; callers waiting and later
     * leases fail with {@link IllegalStateException}.
     */
    public void close() {
        Outbox<C> out = new Outbox<>();
        lock.lock();
        try {
            closed = true;
            drainIdle(out);
            for (RoutePool<C> rp : waitingRoutes) {
                Waiter<C> w;
                while ((w = rp.head) != null) {
                    drop(w, Waiter.CLOSED, out);
                }
                rp.listed = false;
            }
            waitingRoutes.clear();
            routes.values().removeIf(RoutePool::isEmpty);
        } finally {
            lock.unlock();
        }
        out.run();
    }

    private void drainIdle(Outbox<C> out) {
        for (Iterator<RoutePool<C>> routeIt = routes.values().iterator(); routeIt.hasNext(); ) {
            RoutePool<C> rp = routeIt.next();
            for (PooledConnection<C> pc : rp.idle) {
                out.close(pc);
            }
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

    /** @return the totals, with the longest current wait */
    public PoolStats stats() {
        lock.lock();
        try {
            long now = clock.getAsLong();
            long longest = 0;
            if (pending > 0) {
                for (RoutePool<C> rp : waitingRoutes) {
                    longest = Math.max(longest, waitedNanos(rp, now));
                }
            }
            return new PoolStats(leased, idle, pending, maxTotal, Duration.ofNanos(longest));
        } finally {
            lock.unlock();
        }
    }

    /** @return the counts of each route that has connections or waiters */
    public Map<Route, PoolStats> routeStats() {
        lock.lock();
        try {
            long now = clock.getAsLong();
            Map<Route, PoolStats> m = new LinkedHashMap<>();
            routes.forEach((r, rp) -> m.put(r, new PoolStats(rp.leased, rp.idle.size(), rp.waiting, maxPerRoute,
                    Duration.ofNanos(waitedNanos(rp, now)))));
            return m;
        } finally {
            lock.unlock();
        }
    }

    /** @return how long the route's longest waiter has waited, 0 when none waits */
    private static long waitedNanos(RoutePool<?> rp, long now) {
        Waiter<?> h = rp.head;
        return h == null ? 0 : Math.max(0, now - h.sinceNanos);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort; the connection is gone from the pool either way
        }
    }
}
