package io.httplib.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one workload against one client in this (fresh) JVM and prints one {@code RESULT} line of
 * {@code key=value} pairs for the driver. Arguments: {@code client workload}; settings come from
 * system properties ({@code bench.warmup}, {@code bench.measure} in seconds, {@code bench.threads},
 * {@code bench.warmupOps}, {@code bench.measureOps}, {@code bench.uploadBytes}).
 *
 * <ul>
 * <li>{@code get}: one thread, one kept-alive connection, 64-byte GETs; req/s, p50 and p99 in
 *     microseconds, and bytes allocated per request by all threads (workload e).</li>
 * <li>{@code get-threads}: {@code bench.threads} threads share one client; req/s.</li>
 * <li>{@code download}: the large file streamed through a 64 KiB buffer; MB/s (10^6 bytes).</li>
 * <li>{@code upload}: a body of {@code bench.uploadBytes} POSTed; MB/s.</li>
 * <li>{@code gzip}: one thread GETs the 1 MiB JSON document nginx serves gzip-compressed; the
 *     client decodes it and every byte is checked; requests/s, decoded MB/s, CPU and bytes
 *     allocated per request.</li>
 * </ul>
 */
public final class Worker {

    private Worker() {}

    /** CPU time of this whole JVM (every thread, GC and JIT included), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        String clientName = args[0];
        String workload = args[1];
        Target target = Target.fromSystemProperties();
        double warmup = Double.parseDouble(System.getProperty("bench.warmup", "5"));
        double measure = Double.parseDouble(System.getProperty("bench.measure", "5"));
        int threads = workload.equals("get-threads") ? Integer.getInteger("bench.threads", 8) : 1;
        String result;
        try (BenchClient client = BenchClient.create(clientName, target, threads)) {
            result = switch (workload) {
                case "get" -> get(client, warmup, measure);
                case "get-threads" -> getThreads(client, threads, warmup, measure);
                case "download" -> download(client);
                case "upload" -> upload(client);
                case "gzip" -> gzip(client, warmup, measure);
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
        }
        System.out.println("RESULT client=" + clientName + " workload=" + workload + " " + result);
        System.out.flush();
        // Some clients keep non-daemon threads (Jetty, OkHttp); the measurement is done.
        System.exit(0);
    }

    private static String get(BenchClient client, double warmupSec, double measureSec) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        try (BenchClient.Caller c = client.caller()) {
            long warmEnd = System.nanoTime() + (long) (warmupSec * 1e9);
            while (System.nanoTime() < warmEnd) {
                check(c.get());
            }
            // Room for every latency, allocated before the measurement starts.
            long[] lat = new long[4_000_000];
            long[] ids = mx.getAllThreadIds();
            long[] allocBefore = mx.getThreadAllocatedBytes(ids);
            long allocBeforeSelf = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            long end = start + (long) (measureSec * 1e9);
            int n = 0;
            long t = start;
            while (t < end && n < lat.length) {
                check(c.get());
                long t2 = System.nanoTime();
                lat[n++] = t2 - t;
                t = t2;
            }
            long elapsed = t - start;
            long cpu = cpuNanos() - cpu0;
            long allocSelf = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocBeforeSelf;
            long[] idsAfter = mx.getAllThreadIds();
            long alloc = allocatedBetween(ids, allocBefore, idsAfter, mx.getThreadAllocatedBytes(idsAfter));
            Arrays.sort(lat, 0, n);
            return String.format(Locale.ROOT, "ops=%d rps=%.1f p50us=%.2f p99us=%.2f allocPerReq=%.1f allocSelfPerReq=%.1f cpuUsPerOp=%.2f",
                    n, n / (elapsed / 1e9), lat[n / 2] / 1e3, lat[(int) (n * 0.99)] / 1e3,
                    (double) alloc / n, (double) allocSelf / n, cpu / 1e3 / n);
        }
    }

    /**
     * Bytes allocated between two snapshots by every thread: threads alive in both count their
     * growth, threads started in between count in full. Threads that ended in between are lost
     * (the JVM forgets their counters); the clients here keep their threads alive.
     */
    private static long allocatedBetween(long[] ids, long[] before, long[] idsAfter, long[] after) {
        java.util.Map<Long, Long> start = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            start.put(ids[i], Math.max(0, before[i]));
        }
        long total = 0;
        for (int i = 0; i < idsAfter.length; i++) {
            if (after[i] > 0) {
                total += after[i] - start.getOrDefault(idsAfter[i], 0L);
            }
        }
        return total;
    }

    private static String getThreads(BenchClient client, int threads, double warmupSec, double measureSec) throws Exception {
        AtomicLongArray counts = new AtomicLongArray(threads * 16); // one padded slot per thread
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        long warmEnd = System.nanoTime() + (long) (warmupSec * 1e9) + 200_000_000L;
        long end = warmEnd + (long) (measureSec * 1e9);
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i * 16;
            ts[i] = new Thread(() -> {
                try (BenchClient.Caller c = client.caller()) {
                    ready.countDown();
                    long k = 0;
                    while (System.nanoTime() < end) {
                        check(c.get());
                        counts.lazySet(slot, ++k);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "load-" + i);
            ts[i].start();
        }
        ready.await();
        sleepUntil(warmEnd);
        long before = total(counts, threads);
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        sleepUntil(end);
        long after = total(counts, threads);
        long t1 = System.nanoTime();
        long cpu = cpuNanos() - cpu0;
        for (Thread t : ts) {
            t.join();
        }
        if (failure.get() != null) {
            throw new RuntimeException(failure.get());
        }
        return String.format(Locale.ROOT, "ops=%d rps=%.1f threads=%d cpuUsPerOp=%.2f", after - before,
                (after - before) / ((t1 - t0) / 1e9), threads, cpu / 1e3 / Math.max(1, after - before));
    }

    private static long total(AtomicLongArray counts, int threads) {
        long s = 0;
        for (int i = 0; i < threads; i++) {
            s += counts.get(i * 16);
        }
        return s;
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private static String download(BenchClient client) throws Exception {
        int warm = Integer.getInteger("bench.warmupOps", 5);
        int ops = Integer.getInteger("bench.measureOps", 10);
        byte[] buf = new byte[64 * 1024];
        try (BenchClient.Caller c = client.caller()) {
            long expected = Long.getLong("bench.downloadBytes", 100L * 1024 * 1024);
            for (int i = 0; i < warm; i++) {
                long n = c.download(buf);
                if (n != expected) {
                    throw new IllegalStateException("download got " + n + " bytes, expected " + expected);
                }
            }
            double[] rates = new double[ops];
            long bytes = 0;
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                long t = System.nanoTime();
                long n = c.download(buf);
                if (n != expected) {
                    throw new IllegalStateException("download got " + n + " bytes, expected " + expected);
                }
                rates[i] = n / ((System.nanoTime() - t) / 1e9) / 1e6;
                bytes += n;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = cpuNanos() - cpu0;
            Arrays.sort(rates);
            return String.format(Locale.ROOT, "ops=%d bytes=%d mbps=%.1f medianMbps=%.1f cpuMsPerOp=%.2f",
                    ops, bytes, bytes / elapsed / 1e6, rates[ops / 2], cpu / 1e6 / ops);
        }
    }

    private static String upload(BenchClient client) throws Exception {
        int warm = Integer.getInteger("bench.warmupOps", 5);
        int ops = Integer.getInteger("bench.measureOps", 10);
        byte[] body = new byte[Integer.getInteger("bench.uploadBytes", 32 * 1024 * 1024)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + (i >>> 11));
        }
        try (BenchClient.Caller c = client.caller()) {
            for (int i = 0; i < warm; i++) {
                checkStatus(c.upload(body));
            }
            double[] rates = new double[ops];
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                long t = System.nanoTime();
                checkStatus(c.upload(body));
                rates[i] = body.length / ((System.nanoTime() - t) / 1e9) / 1e6;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = cpuNanos() - cpu0;
            Arrays.sort(rates);
            return String.format(Locale.ROOT, "ops=%d bytes=%d mbps=%.1f medianMbps=%.1f cpuMsPerOp=%.2f",
                    ops, (long) ops * body.length, (double) ops * body.length / elapsed / 1e6, rates[ops / 2], cpu / 1e6 / ops);
        }
    }

    private static String gzip(BenchClient client, double warmupSec, double measureSec) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        byte[] expected = JsonBody.bytes();
        byte[] buf = new byte[64 * 1024];
        try (BenchClient.Caller c = client.caller()) {
            long warmEnd = System.nanoTime() + (long) (warmupSec * 1e9);
            while (System.nanoTime() < warmEnd) {
                c.json(buf, expected);
            }
            long[] ids = mx.getAllThreadIds();
            long[] allocBefore = mx.getThreadAllocatedBytes(ids);
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            long end = start + (long) (measureSec * 1e9);
            long n = 0;
            long bytes = 0;
            long t = start;
            while (t < end) {
                bytes += c.json(buf, expected);
                n++;
                t = System.nanoTime();
            }
            long elapsed = t - start;
            long cpu = cpuNanos() - cpu0;
            long[] idsAfter = mx.getAllThreadIds();
            long alloc = allocatedBetween(ids, allocBefore, idsAfter, mx.getThreadAllocatedBytes(idsAfter));
            return String.format(Locale.ROOT, "ops=%d rps=%.1f mbps=%.1f cpuUsPerOp=%.1f allocPerReq=%.0f", n,
                    n / (elapsed / 1e9), bytes / (elapsed / 1e9) / 1e6, cpu / 1e3 / n, (double) alloc / n);
        }
    }

    private static void check(int length) {
        if (length != 64) {
            throw new IllegalStateException("expected a 64-byte body, got " + length);
        }
    }

    private static void checkStatus(int status) {
        if (status != 200) {
            throw new IllegalStateException("upload answered " + status);
        }
    }
}
