package io.httplib.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.httplib.PoolStats;
import io.httplib.PoolTimeoutException;
import io.httplib.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool's order of service, deadlines and interrupts while waiting, and the total shared across
 * routes, driven directly on {@link Pool} with {@link TestConnections}. Waiters are lined up by
 * waiting until the pool itself counts them ({@code stats().pending()}), never by sleeping.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PoolFairnessTest {

    private static final Route A = new Route("http", "a.example", 80);
    private static final Route B = new Route("http", "b.example", 80);
    private static final long LONG = TimeUnit.SECONDS.toNanos(20);

    private final TestConnections conns = new TestConnections();

    private Pool<TestConnections.Conn> pool(int maxPerRoute, int maxTotal) {
        return new Pool<>(maxPerRoute, maxTotal, TimeUnit.SECONDS.toNanos(60), 0);
    }

    private PooledConnection<TestConnections.Conn> acquire(Pool<TestConnections.Conn> pool, Route route, long timeout)
            throws Exception {
        return pool.acquire(route, timeout, conns::create, conns::probe);
    }

    @Test
    void waitersAreServedInTheOrderTheyArrived() throws Exception {
        Pool<TestConnections.Conn> pool = pool(1, 1);
        PooledConnection<TestConnections.Conn> first = acquire(pool, A, 0);
        ConcurrentLinkedQueue<Integer> served = new ConcurrentLinkedQueue<>();
        List<Caller> callers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            int n = i;
            // Each one gives the connection back at once: the release hands it to the next in line.
            callers.add(new Caller(pool, A, LONG, pc -> {
                served.add(n);
                pool.release(pc, true);
            }).start());
            awaitTrue(() -> pool.stats().pending() == n);
        }
        pool.release(first, true);
        for (Caller c : callers) {
            c.get();
        }
        assertThat(served).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(conns.made()).isEqualTo(1);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void aReleasedConnectionGoesToTheWaiterNotToACallerArrivingAfterIt() throws Exception {
        Pool<TestConnections.Conn> pool = pool(1, 1);
        PooledConnection<TestConnections.Conn> held = acquire(pool, A, 0);
        Caller waiter = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 1);

        pool.release(held, true);
        // Whether or not the waiter's thread has run yet, the connection is already its own.
        assertThatThrownBy(() -> acquire(pool, A, 0)).isInstanceOf(PoolTimeoutException.class);
        PooledConnection<TestConnections.Conn> got = waiter.get();
        assertThat(got.connection()).isSameAs(held.connection());
        assertThat(got.reused()).isTrue();
        pool.release(got, true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void aCallerArrivingLaterIsServedAfterEveryoneAlreadyWaiting() throws Exception {
        Pool<TestConnections.Conn> pool = pool(2, 2);
        PooledConnection<TestConnections.Conn> one = acquire(pool, A, 0);
        PooledConnection<TestConnections.Conn> two = acquire(pool, A, 0);
        Caller w1 = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 1);
        Caller w2 = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 2);

        pool.release(one, true);
        assertThat(w1.get().connection()).isSameAs(one.connection());
        Caller late = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 2); // w2, then late
        pool.release(two, true);
        assertThat(w2.get().connection()).isSameAs(two.connection());
        assertThat(pool.stats().pending()).isEqualTo(1);
        pool.release(w1.get(), true);
        assertThat(late.get().connection()).isSameAs(one.connection());
        pool.release(w2.get(), true);
        pool.release(late.get(), true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 2, 0, 2));
        assertThat(conns.made()).isEqualTo(2);
    }

    @Test
    void aWaiterThatTimesOutLeavesTheQueueAtOnceAndTheNextReleaseGoesToTheNextWaiter() throws Exception {
        Pool<TestConnections.Conn> pool = pool(1, 1);
        PooledConnection<TestConnections.Conn> held = acquire(pool, A, 0);
        Caller shortWait = new Caller(pool, A, TimeUnit.MILLISECONDS.toNanos(200), null).start();
        awaitTrue(() -> pool.stats().pending() == 1);
        Caller next = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 2);

        PoolTimeoutException e = shortWait.failure(PoolTimeoutException.class);
        assertThat(e.waited()).isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
        assertThat(e.queueLength()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("timed out after ")
                .contains("waiting for a connection to http://a.example:80 (queue: 1 for the route, 1 in the pool;"
                        + " leased 1 of 1 for the route, 1 of 1 in total)");
        assertThat(pool.stats().pending()).isEqualTo(1);

        pool.release(held, true);
        assertThat(next.get().connection()).isSameAs(held.connection());
        pool.release(next.get(), true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void aWaiterWhoseDeadlinePassedIsSkippedByTheHandOverAndTheNextWaiterIsServed() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        Pool<TestConnections.Conn> pool = new Pool<>(1, 1, TimeUnit.SECONDS.toNanos(60), 0, now::get);
        PooledConnection<TestConnections.Conn> held = acquire(pool, A, 0);
        Caller tenSeconds = new Caller(pool, A, TimeUnit.SECONDS.toNanos(10), null).start();
        awaitTrue(() -> pool.stats().pending() == 1);
        Caller sixtySeconds = new Caller(pool, A, TimeUnit.SECONDS.toNanos(60), null).start();
        awaitTrue(() -> pool.stats().pending() == 2);
        now.addAndGet(TimeUnit.SECONDS.toNanos(11));
        assertThat(pool.stats().longestWait()).isEqualTo(Duration.ofSeconds(11));

        // The first waiter's deadline has passed by the pool's clock, though its thread still
        // sleeps: the release must not give it the connection.
        pool.release(held, true);
        PoolTimeoutException e = tenSeconds.failure(PoolTimeoutException.class);
        assertThat(e.waited()).isEqualTo(Duration.ofSeconds(11));
        assertThat(sixtySeconds.get().connection()).isSameAs(held.connection());
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1));
        pool.release(sixtySeconds.get(), true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAtOnceAndTheNextReleaseGoesToTheNextWaiter() throws Exception {
        Pool<TestConnections.Conn> pool = pool(1, 1);
        PooledConnection<TestConnections.Conn> held = acquire(pool, A, 0);
        Caller interrupted = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 1);
        Caller next = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 2);

        interrupted.thread.interrupt();
        assertThat(interrupted.failure(InterruptedException.class))
                .hasMessage("interrupted while waiting for a connection to http://a.example:80");
        assertThat(pool.stats().pending()).isEqualTo(1);
        pool.release(held, true);
        assertThat(next.get().connection()).isSameAs(held.connection());
        pool.release(next.get(), true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void aHandOverRacingAnInterruptNeverLosesNorDuplicatesTheConnection() throws Exception {
        for (int round = 0; round < 300; round++) {
            TestConnections local = new TestConnections();
            Pool<TestConnections.Conn> pool = pool(1, 1);
            PooledConnection<TestConnections.Conn> held = pool.acquire(A, 0, local::create, local::probe);
            Caller racer = new Caller(pool, A, LONG, null, local).start();
            awaitTrue(() -> pool.stats().pending() == 1);
            Caller next = new Caller(pool, A, LONG, null, local).start();
            awaitTrue(() -> pool.stats().pending() == 2);

            if ((round & 1) == 0) {
                racer.thread.interrupt();
                pool.release(held, true);
            } else {
                pool.release(held, true);
                racer.thread.interrupt();
            }
            // The racer either was served before the interrupt (then it holds the connection and
            // gives it back) or fails with InterruptedException having passed it on.
            try {
                pool.release(racer.get(), true);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
            }
            pool.release(next.get(), true);
            assertThat(local.made()).as("round %d", round).isEqualTo(1);
            assertThat(local.open()).as("round %d", round).isEqualTo(1);
            assertThat(pool.stats()).as("round %d", round).isEqualTo(new PoolStats(0, 1, 0, 1));
        }
    }

    @Test
    void aSlotWhoseConnectionCannotBeMadeGoesToTheNextWaiter() throws Exception {
        Pool<TestConnections.Conn> pool = pool(1, 1);
        PooledConnection<TestConnections.Conn> held = acquire(pool, A, 0);
        Caller failing = new Caller(pool, A, LONG, null) {
            @Override
            PooledConnection<TestConnections.Conn> acquire() throws Exception {
                return pool.acquire(A, LONG, r -> {
                    throw new IllegalStateException("cannot make it");
                }, conns::probe);
            }
        }.start();
        awaitTrue(() -> pool.stats().pending() == 1);
        Caller next = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 2);

        pool.release(held, false); // closed: its room goes to the first waiter, which fails to use it
        assertThat(failing.failure(IllegalStateException.class)).hasMessage("cannot make it");
        assertThat(next.get().connection()).isNotSameAs(held.connection());
        assertThat(held.connection().closed).isTrue();
        pool.release(next.get(), true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void theTotalGoesToTheRouteThatHasWaitedLongestEvenWhenAnotherRouteReleases() throws Exception {
        Pool<TestConnections.Conn> pool = pool(2, 2);
        PooledConnection<TestConnections.Conn> a1 = acquire(pool, A, 0);
        PooledConnection<TestConnections.Conn> a2 = acquire(pool, A, 0);
        Caller b = new Caller(pool, B, LONG, null).start(); // blocked by the total
        awaitTrue(() -> pool.stats().pending() == 1);
        Caller aLater = new Caller(pool, A, LONG, null).start(); // blocked by its route, came after b
        awaitTrue(() -> pool.stats().pending() == 2);

        pool.release(a1, true);
        // b came first: a1 is closed to give route B its turn rather than handed to aLater.
        PooledConnection<TestConnections.Conn> gotB = b.get();
        assertThat(gotB.route()).isEqualTo(B);
        assertThat(gotB.reused()).isFalse();
        assertThat(a1.connection().closed).isTrue();
        assertThat(pool.stats().pending()).isEqualTo(1);

        pool.release(a2, true); // now aLater is the longest waiter that can use it
        assertThat(aLater.get().connection()).isSameAs(a2.connection());
        pool.release(gotB, true);
        pool.release(aLater.get(), true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 2, 0, 2));
    }

    @Test
    void aWaiterOfAnotherRouteGetsRoomWhenAConnectionIsReleasedToTheIdleList() throws Exception {
        Pool<TestConnections.Conn> pool = pool(1, 1);
        PooledConnection<TestConnections.Conn> a = acquire(pool, A, 0);
        Caller b = new Caller(pool, B, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 1);

        pool.release(a, true); // nobody waits for A: its idle connection is closed to make room for B
        assertThat(b.get().route()).isEqualTo(B);
        assertThat(a.connection().closed).isTrue();
        pool.release(b.get(), true);
        assertThat(pool.routeStats()).containsOnlyKeys(B);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
    }

    @Test
    void noRouteStarvesWhenTheTotalIsSmallerThanTheSumOfTheRoutes() throws Exception {
        Pool<TestConnections.Conn> pool = pool(4, 4);
        int rounds = 300;
        List<Caller> busy = new ArrayList<>();
        List<Caller> quiet = new ArrayList<>();
        // Eight callers keep route A saturated; two on route B need the total too.
        for (int i = 0; i < 8; i++) {
            busy.add(loop(pool, A, rounds).start());
        }
        for (int i = 0; i < 2; i++) {
            quiet.add(loop(pool, B, rounds).start());
        }
        for (Caller c : quiet) {
            c.get(); // a PoolTimeoutException (10 s) here would be starvation
        }
        for (Caller c : busy) {
            c.get();
        }
        PoolStats stats = pool.stats();
        assertThat(stats.leased()).isZero();
        assertThat(stats.pending()).isZero();
        assertThat(stats.idle()).isEqualTo(conns.open()).isBetween(1, 4);
    }

    @Test
    void manyCallersWithTimeoutsAndInterruptsLeaveConsistentCountsAndNoConnectionBehind() throws Exception {
        Pool<TestConnections.Conn> pool = pool(3, 5);
        Route c = new Route("http", "c.example", 80);
        Route[] routes = {A, B, c};
        int threads = 24;
        int rounds = 1500;
        java.util.concurrent.atomic.AtomicInteger[] inUse = new java.util.concurrent.atomic.AtomicInteger[3];
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 3; i++) {
            inUse[i] = new java.util.concurrent.atomic.AtomicInteger();
        }
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger timeouts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger interrupts = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                java.util.Random random = new java.util.Random(id);
                for (int i = 0; i < rounds; i++) {
                    int r = random.nextInt(3);
                    long timeout = random.nextInt(10) == 0 ? 0 : random.nextInt(10) == 0
                            ? TimeUnit.MICROSECONDS.toNanos(random.nextInt(500)) : LONG;
                    PooledConnection<TestConnections.Conn> pc;
                    try {
                        pc = pool.acquire(routes[r], timeout, conns::create, conns::probe);
                    } catch (PoolTimeoutException e) {
                        timeouts.incrementAndGet();
                        continue;
                    } catch (InterruptedException e) {
                        interrupts.incrementAndGet();
                        continue;
                    } catch (Throwable e) {
                        errors.add(e);
                        return;
                    }
                    Thread.interrupted(); // an interrupt that came after the lease was handed over
                    int route = inUse[r].incrementAndGet();
                    int all = total.incrementAndGet();
                    if (route > 3 || all > 5) {
                        errors.add(new AssertionError("lent beyond the limits: " + route + " on the route, " + all));
                    }
                    if (pc.route() != routes[r] || pc.connection().closed) {
                        errors.add(new AssertionError("wrong or closed connection " + pc));
                    }
                    Thread.yield();
                    total.decrementAndGet();
                    inUse[r].decrementAndGet();
                    served.incrementAndGet();
                    pool.release(pc, random.nextInt(8) != 0);
                }
            }, "stress-" + t);
            workers.add(w);
            w.start();
        }
        // Interrupt callers now and then while they wait.
        java.util.Random random = new java.util.Random(42);
        while (workers.stream().anyMatch(Thread::isAlive)) {
            workers.get(random.nextInt(threads)).interrupt();
            Thread.sleep(1);
        }
        for (Thread w : workers) {
            w.join();
        }
        assertThat(errors).isEmpty();
        assertThat(served.get() + timeouts.get() + interrupts.get()).isEqualTo(threads * rounds);
        assertThat(served.get()).isPositive();
        PoolStats stats = pool.stats();
        assertThat(stats.leased()).isZero();
        assertThat(stats.pending()).isZero();
        assertThat(stats.longestWait()).isZero();
        assertThat(stats.idle()).isBetween(0, 5);
        // Every connection ever made is either idle in the pool or closed: none lost, none leaked.
        assertThat(conns.open()).isEqualTo(stats.idle());
        assertThat(pool.routeStats().values().stream().mapToInt(PoolStats::idle).sum()).isEqualTo(stats.idle());
        assertThat(pool.routeStats().values()).allSatisfy(s -> assertThat(s.idle()).isLessThanOrEqualTo(3));
    }

    @Test
    void closingThePoolFailsTheWaitersAtOnce() throws Exception {
        Pool<TestConnections.Conn> pool = pool(1, 1);
        PooledConnection<TestConnections.Conn> held = acquire(pool, A, 0);
        Caller waiter = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 1);
        pool.close();
        assertThat(waiter.failure(IllegalStateException.class)).hasMessageContaining("closed");
        assertThat(pool.stats().pending()).isZero();
        pool.release(held, true);
        assertThat(held.connection().closed).isTrue();
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 1));
    }

    @Test
    void statsShowTheLongestCurrentWaitOverallAndPerRoute() throws Exception {
        AtomicLong now = new AtomicLong(-5_000_000_000L);
        Pool<TestConnections.Conn> pool = new Pool<>(1, 2, TimeUnit.SECONDS.toNanos(60), 0, now::get);
        PooledConnection<TestConnections.Conn> a = acquire(pool, A, 0);
        PooledConnection<TestConnections.Conn> b = acquire(pool, B, 0);
        assertThat(pool.stats().longestWait()).isZero();
        Caller waitsForA = new Caller(pool, A, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        Caller waitsForB = new Caller(pool, B, LONG, null).start();
        awaitTrue(() -> pool.stats().pending() == 2);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));

        assertThat(pool.stats()).isEqualTo(new PoolStats(2, 0, 2, 2, Duration.ofSeconds(2)));
        assertThat(pool.routeStats().get(A)).isEqualTo(new PoolStats(1, 0, 1, 1, Duration.ofSeconds(2)));
        assertThat(pool.routeStats().get(B)).isEqualTo(new PoolStats(1, 0, 1, 1, Duration.ofMillis(500)));
        pool.release(a, true);
        pool.release(waitsForA.get(), true);
        assertThat(pool.stats().longestWait()).isEqualTo(Duration.ofMillis(500));
        pool.release(b, true);
        pool.release(waitsForB.get(), true);
        assertThat(pool.stats()).isEqualTo(new PoolStats(0, 2, 0, 2, Duration.ZERO));
    }

    private Caller loop(Pool<TestConnections.Conn> pool, Route route, int rounds) {
        return new Caller(pool, route, TimeUnit.SECONDS.toNanos(10), null) {
            @Override
            PooledConnection<TestConnections.Conn> acquire() throws Exception {
                PooledConnection<TestConnections.Conn> last = null;
                for (int i = 0; i < rounds; i++) {
                    last = super.acquire();
                    Thread.yield();
                    pool.release(last, true);
                }
                return last;
            }
        };
    }

    /** Polls the pool's own state (no sleeping as synchronisation), for at most 10 s. */
    static void awaitTrue(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("condition not reached within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** A caller on its own thread; its lease or failure is in a future. */
    class Caller {
        final Pool<TestConnections.Conn> pool;
        final Route route;
        final long timeout;
        final Consumer<PooledConnection<TestConnections.Conn>> then;
        final TestConnections source;
        final CompletableFuture<PooledConnection<TestConnections.Conn>> result = new CompletableFuture<>();
        final Thread thread;

        Caller(Pool<TestConnections.Conn> pool, Route route, long timeout,
                Consumer<PooledConnection<TestConnections.Conn>> then) {
            this(pool, route, timeout, then, conns);
        }

        Caller(Pool<TestConnections.Conn> pool, Route route, long timeout,
                Consumer<PooledConnection<TestConnections.Conn>> then, TestConnections source) {
            this.pool = pool;
            this.route = route;
            this.timeout = timeout;
            this.then = then;
            this.source = source;
            this.thread = new Thread(this::run, "caller-" + route.host());
            this.thread.setDaemon(true);
        }

        Caller start() {
            thread.start();
            return this;
        }

        PooledConnection<TestConnections.Conn> acquire() throws Exception {
            Function<Route, TestConnections.Conn> create = source::create;
            return pool.acquire(route, timeout, create, source::probe);
        }

        private void run() {
            try {
                PooledConnection<TestConnections.Conn> pc = acquire();
                if (then != null) {
                    then.accept(pc);
                }
                result.complete(pc);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }

        PooledConnection<TestConnections.Conn> get() throws Exception {
            try {
                return result.get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("caller still waiting after 20 s", e);
            }
        }

        <T extends Throwable> T failure(Class<T> type) throws Exception {
            try {
                PooledConnection<TestConnections.Conn> pc = result.get(20, TimeUnit.SECONDS);
                throw new AssertionError("expected " + type.getSimpleName() + " but was given " + pc);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(type);
                return type.cast(e.getCause());
            }
        }
    }
}
