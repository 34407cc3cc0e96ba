package io.httplib.bench;

import io.httplib.ClientResponse;
import io.httplib.ConnectionPool;
import io.httplib.HttplibClient;
import io.httplib.PoolTimeoutException;
import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool under contention: many callers share one {@link HttplibClient} whose pool has far
 * fewer connections than callers, so nearly every request waits for a connection. Prints one
 * {@code RESULT} line of {@code key=value} pairs.
 *
 * <p>Arguments: {@code platform|virtual threads requests [warmupRequests]}. Each caller makes
 * {@code requests / threads} GETs of nginx's 64-byte {@code /64} and checks every body. The
 * warm-up round (same callers, {@code warmupRequests} in all, default a tenth) is not measured.
 * System properties: {@code bench.nginxPort} (18080), {@code bench.poolSize} (16, the pool's
 * {@code maxPerRoute}), {@code bench.acquireTimeoutSec} (30, the default).
 *
 * <p>Virtual threads need JDK 21 or later; this class is compiled for Java 17 like the rest, so it
 * makes them through {@code Executors.newVirtualThreadPerTaskExecutor}, found by reflection.
 *
 * <p>Figures: requests/s; latency of each request (send to body read and checked) at p50, p99,
 * p99.9 and max; the acquire wait of each request (call start to {@code connectionAcquired},
 * taken from the client's own event listener) at the same points; the "fair wait", the time a
 * caller would wait if the pool served callers strictly in turn ({@code (callers - poolSize) /
 * throughput}), and the largest acquire wait as a multiple of it; {@code PoolTimeoutException}s
 * and other failures; the most callers seen waiting ({@code stats().pending()}, sampled every
 * 10 ms). Less disturbed by a busy machine than those rates: the client JVM's CPU time per request
 * (all threads, GC and JIT included) and its voluntary context switches per request (summed over
 * {@code /proc/self/task/}*{@code /status}; a thread that parks or blocks on a socket switches).
 */
public final class Contention {

    private static final byte[] BODY = "x".repeat(64).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Set by the listener on the calling thread when the call got its connection. */
    private static final ThreadLocal<long[]> ACQUIRED = ThreadLocal.withInitial(() -> new long[1]);

    private Contention() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int threads = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : requests / 10;
        int poolSize = Integer.getInteger("bench.poolSize", 16);
        long acquireTimeoutSec = Long.getLong("bench.acquireTimeoutSec", 30);
        Target target = Target.fromSystemProperties();
        String url = target.smallUrl();

        HttpEventListener acquireTimer = new HttpEventListener() {
            @Override
            public void connectionAcquired(CallContext call, boolean reused) {
                ACQUIRED.get()[0] = System.nanoTime() - call.startNanos();
            }
        };
        try (HttplibClient client = HttplibClient.builder()
                .pool(ConnectionPool.builder().maxPerRoute(poolSize)
                        .acquireTimeout(java.time.Duration.ofSeconds(acquireTimeoutSec)).build())
                .eventListener(acquireTimer)
                .build()) {
            Round warm = run(kind, threads, Math.max(threads, warmup), client, url);
            System.out.println("warm-up: " + warm.summary(threads, poolSize));
            long gc0 = gcMillis();
            JitterMeter jitter = JitterMeter.start();
            Round r = run(kind, threads, requests, client, url);
            double jitterMaxMs = jitter.stopMaxMillis();
            long gc = gcMillis() - gc0;
            System.out.println("measured: " + r.summary(threads, poolSize));
            System.out.println("RESULT kind=" + kind + " threads=" + threads + " poolSize=" + poolSize
                    + " jdk=" + Runtime.version().feature() + " " + r.summary(threads, poolSize) + " gcMs=" + gc
                    + String.format(Locale.ROOT, " jitterMaxms=%.1f", jitterMaxMs)
                    + " finalLeased=" + client.pool().stats().leased() + " finalPending=" + client.pool().stats().pending());
        }
        System.exit(0);
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    /** CPU time of this whole JVM (every thread, GC and JIT included), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Voluntary context switches of this JVM's live threads so far; -1 where /proc is missing. */
    private static long contextSwitches() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /** One round: every caller makes its share of the requests. */
    private static Round run(String kind, int threads, int requests, HttplibClient client, String url) throws Exception {
        int perThread = (requests + threads - 1) / threads;
        long[][] latency = new long[threads][perThread];
        long[][] wait = new long[threads][perThread];
        int[] done = new int[threads];
        AtomicInteger poolTimeouts = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<String> failureMessages = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService executor = executor(kind, threads);
        AtomicInteger maxPending = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxPending.accumulateAndGet(client.pool().stats().pending(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pool-sampler");
        sampler.setDaemon(true);
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(executor.submit(() -> {
                ready.countDown();
                go.await();
                long[] acquired = ACQUIRED.get();
                for (int i = 0; i < perThread; i++) {
                    acquired[0] = -1;
                    long t0 = System.nanoTime();
                    try (ClientResponse r = client.send("GET", url, null, null)) {
                        byte[] body = r.readAllBytes();
                        if (r.status() != 200 || !Arrays.equals(body, BODY)) {
                            throw new IllegalStateException("wrong response: " + r.status() + " " + body.length + " bytes");
                        }
                    } catch (PoolTimeoutException e) {
                        poolTimeouts.incrementAndGet();
                        continue;
                    } catch (IOException | RuntimeException e) {
                        if (failures.incrementAndGet() <= 5) {
                            failureMessages.add(e.toString());
                        }
                        continue;
                    }
                    int n = done[id]++;
                    latency[id][n] = System.nanoTime() - t0;
                    wait[id][n] = acquired[0];
                }
                return null;
            }));
        }
        ready.await();
        sampler.start();
        long switches0 = contextSwitches();
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        long cpu = cpuNanos() - cpu0;
        // Before the executor ends its threads, whose counters would be lost.
        long switches = switches0 < 0 ? -1 : contextSwitches() - switches0;
        sampler.interrupt();
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        int total = 0;
        for (int d : done) {
            total += d;
        }
        long[] lat = new long[total];
        long[] acq = new long[total];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latency[t], 0, lat, k, done[t]);
            System.arraycopy(wait[t], 0, acq, k, done[t]);
            k += done[t];
        }
        Arrays.sort(lat);
        Arrays.sort(acq);
        for (String m : failureMessages) {
            System.out.println("failure: " + m);
        }
        return new Round(total, elapsed, lat, acq, poolTimeouts.get(), failures.get(), maxPending.get(), cpu, switches);
    }

    /** Platform threads, or virtual threads through the JDK 21 factory method. */
    private static ExecutorService executor(String kind, int threads) throws ReflectiveOperationException {
        switch (kind) {
            case "platform":
                return Executors.newFixedThreadPool(threads);
            case "virtual":
                try {
                    return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException("virtual threads need JDK 21 or later; this is "
                            + Runtime.version(), e);
                }
            default:
                throw new IllegalArgumentException("platform or virtual, not " + kind);
        }
    }

    private record Round(int ok, long elapsedNanos, long[] latency, long[] acquireWait, int poolTimeouts,
            int failures, int maxPending, long cpuNanos, long contextSwitches) {

        double rps() {
            return ok / (elapsedNanos / 1e9);
        }

        String summary(int threads, int poolSize) {
            double fairWaitMs = Math.max(0, threads - poolSize) / rps() * 1e3;
            double maxWaitMs = ms(at(acquireWait, 1.0));
            return String.format(Locale.ROOT,
                    "ok=%d seconds=%.2f rps=%.0f p50ms=%.3f p99ms=%.3f p999ms=%.3f maxms=%.1f"
                            + " waitP50ms=%.3f waitP99ms=%.3f waitP999ms=%.3f waitMaxms=%.1f fairWaitms=%.2f"
                            + " maxWaitOverFair=%.2f poolTimeouts=%d failures=%d maxPending=%d cpuUsPerReq=%.1f"
                            + " switchesPerReq=%.2f",
                    ok, elapsedNanos / 1e9, rps(), ms(at(latency, 0.5)), ms(at(latency, 0.99)), ms(at(latency, 0.999)),
                    ms(at(latency, 1.0)), ms(at(acquireWait, 0.5)), ms(at(acquireWait, 0.99)),
                    ms(at(acquireWait, 0.999)), maxWaitMs, fairWaitMs, fairWaitMs == 0 ? 0 : maxWaitMs / fairWaitMs,
                    poolTimeouts, failures, maxPending, cpuNanos / 1e3 / Math.max(1, ok),
                    contextSwitches < 0 ? Double.NaN : (double) contextSwitches / Math.max(1, ok));
        }

        private static long at(long[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
