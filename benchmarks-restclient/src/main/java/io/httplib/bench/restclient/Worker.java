package io.httplib.bench.restclient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Runs one workload through one {@code RestClient} in this (fresh) JVM and prints one
 * {@code RESULT} line of {@code key=value} pairs for the {@link Driver}, or fails with a message
 * and a non-zero exit.
 *
 * <p>Arguments: {@code factory scheme workload variant}:
 * <ul>
 * <li>factory: one of {@link Factories#NAMES}; scheme: {@code http} or {@code https};</li>
 * <li>workload: {@code get} (sequential 64-byte GETs on one thread), {@code threads}
 * ({@code bench.threads} threads sharing the client), {@code download} (the 100 MiB file through
 * a 64 KiB buffer), {@code upload} (a {@code bench.uploadBytes} POST body, 1 MiB by default),
 * {@code newconn} (sequential 64-byte GETs that nginx answers with {@code Connection: close}, so
 * every request opens a connection: a TLS handshake each over https);</li>
 * <li>variant: {@code plain}; {@code obs}: the {@code RestClient} observed through an
 * {@link ObservationRegistry} whose handler records to a {@link SimpleMeterRegistry};
 * {@code listener}: httplib's Micrometer listener (the starter's, made because a
 * {@link MeterRegistry} bean exists); {@code obs+listener}: both, sharing the registry as in an
 * application with Actuator.</li>
 * </ul>
 *
 * <p>Over https the clients trust the test CA either as the JVM's trust store
 * ({@code bench.trust=jvm}, the default: {@code javax.net.ssl.trustStore} names it, and no
 * {@code SslBundle} is set, as for a CA installed in the JDK) or through a Spring Boot
 * {@link SslBundle} in the {@link HttpClientSettings} ({@code bench.trust=bundle}, what
 * {@code spring.http.clients.ssl.bundle} does).
 *
 * <p>Settings (system properties): {@code bench.warmup} and {@code bench.measure} (seconds, for
 * the timed workloads), {@code bench.warmupOps} and {@code bench.measureOps} (downloads; and, when
 * set, a fixed request count for the timed ones), {@code bench.threads}, {@code bench.uploadBytes},
 * {@code bench.runId}; {@code bench.syncDir} (the profiling hooks: after the warm-up create
 * {@code ready} and wait for {@code go}, after the measurement create {@code done} and wait for
 * {@code stop}); {@code bench.jfr} (record the measured part with JFR into this file).
 *
 * <p>Checks, any failure of which fails the run: every GET body is 64 bytes, every download the
 * file's size, every upload answered {@code ok}; nginx (or the upload sink) served at least the
 * requests made (more are reported as {@code extraServerRequests}); with observation or the listener on, the meters counted every request; in
 * {@code newconn} every request came on a connection of its own (at least as many connections as
 * requests: a client may open one it does not use). The connections opened are
 * reported ({@code conns}).
 */
public final class Worker {

    private static final int SMALL_BODY = 64;

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
        .getThreadMXBean();

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();

    private final String factory;

    private final String scheme;

    private final String workload;

    private final String variant;

    private final Endpoints endpoints;

    private final String runId = System.getProperty("bench.runId", Long.toString(System.nanoTime(), 36));

    private RestClient client;

    /** Requests made in the warm-up and the measurement together, for the check against the server. */
    private long totalOps;

    private Worker(String factory, String scheme, String workload, String variant) {
        this.factory = factory;
        this.scheme = scheme;
        this.workload = workload;
        this.variant = variant;
        this.endpoints = Endpoints.fromSystemProperties(scheme);
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: Worker factory http|https get|threads|download|upload|newconn "
                    + "plain|obs|listener|obs+listener");
            System.exit(2);
        }
        try {
            String result = new Worker(args[0], args[1], args[2], args[3]).run();
            System.out.println("RESULT factory=" + args[0] + " scheme=" + args[1] + " workload=" + args[2]
                    + " variant=" + args[3] + " " + result);
            System.out.flush();
            // Some clients keep non-daemon threads (Jetty, Reactor Netty): do not wait for them.
            System.exit(0);
        }
        catch (Throwable ex) {
            System.out.println("ERROR " + String.join(" ", args) + ": " + ex);
            ex.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
    }

    private String run() throws Exception {
        boolean observed = this.variant.equals("obs") || this.variant.equals("obs+listener");
        boolean listener = this.variant.equals("listener") || this.variant.equals("obs+listener");
        if (!observed && !listener && !this.variant.equals("plain")) {
            throw new IllegalArgumentException("unknown variant " + this.variant);
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = null;
        if (observed) {
            observations = ObservationRegistry.create();
            observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        }
        HttpClientSettings settings = HttpClientSettings.defaults();
        String trust = System.getProperty("bench.trust", "jvm");
        if (this.endpoints.tls() && trust.equals("bundle")) {
            settings = settings.withSslBundle(trustingTestCa());
        }
        else if (this.endpoints.tls() && System.getProperty("javax.net.ssl.trustStore") == null) {
            throw new IllegalStateException("https with bench.trust=jvm needs -Djavax.net.ssl.trustStore");
        }
        boolean upload = this.workload.equals("upload");
        ServerStats before = serverStats(upload);
        String result;
        try (Factories.Built built = Factories.build(this.factory, settings, listener ? meters : null,
                listener ? observations : null)) {
            RestClient.Builder builder = RestClient.builder()
                .baseUrl(this.endpoints.baseUrl())
                .requestFactory(built.factory());
            if (observed) {
                builder.observationRegistry(observations);
            }
            this.client = builder.build();
            result = switch (this.workload) {
                case "get" -> sequential(Endpoints.SMALL_PATH);
                case "newconn" -> sequential(Endpoints.CLOSE_PATH + "?run=" + this.runId);
                case "threads" -> threads();
                case "download" -> download();
                case "upload" -> upload();
                default -> throw new IllegalArgumentException("unknown workload " + this.workload);
            };
        }
        ServerStats served = serverStats(upload).since(before, !upload);
        return result + " " + check(served, observed ? meters : null, listener ? meters : null)
                + (this.endpoints.tls() ? " trust=" + trust : "");
    }

    /** The CA that signed the servers' certificates, as a Boot application would bind it. */
    private SslBundle trustingTestCa() {
        if (this.endpoints.caFile() == null) {
            throw new IllegalStateException("https needs -Dbench.caFile");
        }
        return SslBundle.of(new PemSslStoreBundle(null,
                PemSslStoreDetails.forCertificate("file:" + this.endpoints.caFile().toAbsolutePath())));
    }

    private ServerStats serverStats(boolean sink) throws IOException {
        return sink ? ServerStats.sink(this.endpoints.host(), this.endpoints.sinkPort())
                : ServerStats.nginx(this.endpoints.host(), this.endpoints.statusPort());
    }

    private String check(ServerStats served, MeterRegistry restClientMeters, MeterRegistry httplibMeters)
            throws IOException {
        List<String> problems = new ArrayList<>();
        // More requests at the server than calls completed is possible (a client that abandons a
        // request and sends it again) and reported; fewer is not.
        if (served.requests() < this.totalOps) {
            problems.add("server saw " + served.requests() + " requests, client made " + this.totalOps);
        }
        if (this.workload.equals("upload")) {
            long expected = this.totalOps * Integer.getInteger("bench.uploadBytes", 1024 * 1024);
            if (served.bytes() != expected) {
                problems.add("sink received " + served.bytes() + " body bytes, expected " + expected);
            }
        }
        if (this.workload.equals("newconn") && served.connections() < this.totalOps) {
            problems.add(this.totalOps + " requests on " + served.connections() + " connections, expected one each");
        }
        if (restClientMeters != null) {
            long n = timerCount(restClientMeters, "http.client.requests");
            if (n != this.totalOps) {
                problems.add("http.client.requests counted " + n + " of " + this.totalOps);
            }
        }
        if (httplibMeters != null) {
            long n = timerCount(httplibMeters, "httplib.client.requests");
            if (n != this.totalOps) {
                problems.add("httplib.client.requests counted " + n + " of " + this.totalOps);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("check failed: " + String.join("; ", problems));
        }
        String extra = this.workload.equals("newconn") && this.endpoints.tls() ? " " + sessionReuse() : "";
        return "ops=" + this.totalOps + " conns=" + served.connections() + " extraServerRequests="
                + (served.requests() - this.totalOps) + extra + " check=ok";
    }

    private static long timerCount(MeterRegistry registry, String name) {
        long n = 0;
        for (Timer t : registry.find(name).timers()) {
            n += t.count();
        }
        return n;
    }

    /** How many of this run's TLS connections nginx resumed, from its log of {@code /close/64}. */
    private String sessionReuse() throws IOException {
        Path log = this.endpoints.handshakeLog();
        if (log == null) {
            return "resumed=-";
        }
        String tag = "run=" + this.runId;
        long lines = 0;
        long reused = 0;
        String protocol = "-";
        // nginx writes the log line after the response: give the last one a moment.
        for (int attempt = 0; attempt < 20; attempt++) {
            lines = 0;
            reused = 0;
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                if (line.contains(tag)) {
                    lines++;
                    String[] f = line.split(" ");
                    reused += f[0].equals("r") ? 1 : 0;
                    protocol = f[1];
                }
            }
            if (lines >= this.totalOps) {
                break;
            }
            sleep(100);
        }
        return String.format(Locale.ROOT, "handshakes=%d resumed=%d resumedPct=%.1f tls=%s", lines, reused,
                100.0 * reused / Math.max(1, lines), protocol);
    }

    // ---- workloads -----------------------------------------------------------------------

    private void get(String path) {
        byte[] body = this.client.get().uri(path).retrieve().body(byte[].class);
        if (body == null || body.length != SMALL_BODY) {
            throw new IllegalStateException("expected a 64-byte body, got " + (body == null ? "none" : body.length));
        }
    }

    /** {@code get} and {@code newconn}: one thread, one request after the other. */
    private String sequential(String path) throws Exception {
        long[] latencies = new long[1 << 21];
        double warmup = seconds("bench.warmup", 5);
        double measure = seconds("bench.measure", 5);
        long fixedOps = Long.getLong("bench.measureOps", 0);
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < warmEnd) {
            get(path);
            this.totalOps++;
        }
        Profiling profiling = Profiling.start();
        Snapshot s0 = Snapshot.take();
        long start = System.nanoTime();
        long end = start + (long) (measure * 1e9);
        int n = 0;
        while ((fixedOps > 0) ? n < fixedOps : System.nanoTime() < end) {
            long t = System.nanoTime();
            get(path);
            long d = System.nanoTime() - t;
            if (n < latencies.length) {
                latencies[n] = d;
            }
            n++;
        }
        long elapsed = System.nanoTime() - start;
        Snapshot s1 = Snapshot.take();
        profiling.stop();
        this.totalOps += n;
        long[] sorted = Arrays.copyOf(latencies, Math.min(n, latencies.length));
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "n=%d rps=%.1f p50us=%.1f p99us=%.1f cpuUsPerOp=%.2f threadCpuUsPerOp=%.2f threadSysUsPerOp=%.2f "
                        + "allocPerOp=%.0f allocSelfPerOp=%.0f",
                n, n / (elapsed / 1e9), percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3,
                (s1.processCpu - s0.processCpu) / 1e3 / n, (s1.threadCpu - s0.threadCpu) / 1e3 / n,
                ((s1.threadCpu - s1.threadUser) - (s0.threadCpu - s0.threadUser)) / 1e3 / n,
                (double) s1.allocatedSince(s0) / n, (double) (s1.selfAllocated - s0.selfAllocated) / n);
    }

    /** {@code threads}: {@code bench.threads} threads share the client for the same time. */
    private String threads() throws Exception {
        int count = Integer.getInteger("bench.threads", 8);
        double warmup = seconds("bench.warmup", 4);
        double measure = seconds("bench.measure", 5);
        Caller[] callers = new Caller[count];
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            callers[i] = new Caller(1 << 19);
            Caller c = callers[i];
            threads[i] = new Thread(c::run, "caller-" + i);
        }
        for (Thread t : threads) {
            t.start();
        }
        sleep((long) (warmup * 1000));
        Snapshot s0 = Snapshot.take();
        long[] n0 = new long[count];
        for (int i = 0; i < count; i++) {
            n0[i] = callers[i].ops;
            callers[i].measuring = true;
        }
        long start = System.nanoTime();
        sleep((long) (measure * 1000));
        long n = 0;
        for (int i = 0; i < count; i++) {
            callers[i].measuring = false;
            n += callers[i].ops - n0[i];
        }
        long elapsed = System.nanoTime() - start;
        Snapshot s1 = Snapshot.take();
        for (Caller c : callers) {
            c.stop = true;
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        List<Long> all = new ArrayList<>();
        for (Caller c : callers) {
            if (c.failure != null) {
                throw new IllegalStateException("a caller failed", c.failure);
            }
            this.totalOps += c.ops;
            for (int i = 0; i < Math.min(c.recorded, c.latencies.length); i++) {
                all.add(c.latencies[i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "threads=%d n=%d rps=%.1f p50us=%.1f p99us=%.1f cpuUsPerOp=%.2f allocPerOp=%.0f",
                count, n, n / (elapsed / 1e9), percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3,
                (s1.processCpu - s0.processCpu) / 1e3 / n, (double) s1.allocatedSince(s0) / n);
    }

    /** One of the threads of {@code threads}. */
    private final class Caller {

        final long[] latencies;

        volatile boolean measuring;

        volatile boolean stop;

        volatile long ops;

        int recorded;

        volatile Throwable failure;

        Caller(int capacity) {
            this.latencies = new long[capacity];
        }

        void run() {
            try {
                while (!this.stop) {
                    boolean m = this.measuring;
                    long t = System.nanoTime();
                    get(Endpoints.SMALL_PATH);
                    if (m && this.recorded < this.latencies.length) {
                        this.latencies[this.recorded++] = System.nanoTime() - t;
                    }
                    this.ops++;
                }
            }
            catch (Throwable ex) {
                this.failure = ex;
            }
        }
    }

    /** {@code download}: the large file streamed through a 64 KiB buffer, one after the other. */
    private String download() throws Exception {
        int warm = Integer.getInteger("bench.warmupOps", 3);
        int ops = Integer.getInteger("bench.measureOps", 8);
        byte[] buf = new byte[64 * 1024];
        for (int i = 0; i < warm; i++) {
            downloadOnce(buf);
        }
        Snapshot s0 = Snapshot.take();
        long start = System.nanoTime();
        double[] rates = new double[ops];
        long bytes = 0;
        for (int i = 0; i < ops; i++) {
            long t = System.nanoTime();
            long n = downloadOnce(buf);
            rates[i] = n / ((System.nanoTime() - t) / 1e9) / 1e6;
            bytes += n;
        }
        long elapsed = System.nanoTime() - start;
        Snapshot s1 = Snapshot.take();
        this.totalOps = warm + ops;
        Arrays.sort(rates);
        return String.format(Locale.ROOT, "n=%d mbps=%.1f medianMbps=%.1f cpuMsPerOp=%.2f allocPerOp=%.0f", ops,
                bytes / (elapsed / 1e9) / 1e6, rates[ops / 2], (s1.processCpu - s0.processCpu) / 1e6 / ops,
                (double) s1.allocatedSince(s0) / ops);
    }

    private long downloadOnce(byte[] buf) {
        long expected = this.endpoints.largeBytes();
        Long n = this.client.get().uri(Endpoints.LARGE_PATH).exchange((request, response) -> {
            if (response.getStatusCode().value() != 200) {
                throw new IllegalStateException("download answered " + response.getStatusCode());
            }
            long count = 0;
            try (InputStream in = response.getBody()) {
                int r;
                while ((r = in.read(buf)) != -1) {
                    count += r;
                }
            }
            return count;
        });
        if (n == null || n != expected) {
            throw new IllegalStateException("download got " + n + " bytes, expected " + expected);
        }
        return n;
    }

    /** {@code upload}: a 1 MiB body POSTed to the sink, one after the other, for a time. */
    private String upload() throws Exception {
        byte[] body = new byte[Integer.getInteger("bench.uploadBytes", 1024 * 1024)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + (i >>> 11));
        }
        double warmup = seconds("bench.warmup", 3);
        double measure = seconds("bench.measure", 5);
        String url = this.endpoints.uploadUrl();
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < warmEnd) {
            uploadOnce(url, body);
            this.totalOps++;
        }
        long[] latencies = new long[1 << 20];
        Snapshot s0 = Snapshot.take();
        long start = System.nanoTime();
        long end = start + (long) (measure * 1e9);
        int n = 0;
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            uploadOnce(url, body);
            if (n < latencies.length) {
                latencies[n] = System.nanoTime() - t;
            }
            n++;
        }
        long elapsed = System.nanoTime() - start;
        Snapshot s1 = Snapshot.take();
        this.totalOps += n;
        long[] sorted = Arrays.copyOf(latencies, Math.min(n, latencies.length));
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "n=%d mbps=%.1f p50us=%.1f cpuUsPerOp=%.1f allocPerOp=%.0f", n,
                (double) n * body.length / (elapsed / 1e9) / 1e6, percentile(sorted, 0.5) / 1e3,
                (s1.processCpu - s0.processCpu) / 1e3 / n, (double) s1.allocatedSince(s0) / n);
    }

    private void uploadOnce(String url, byte[] body) {
        String answer = this.client.post()
            .uri(url)
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .body(body)
            .retrieve()
            .body(String.class);
        if (!"ok".equals(answer)) {
            throw new IllegalStateException("upload answered " + answer);
        }
    }

    // ---- measuring -----------------------------------------------------------------------

    private static double seconds(String property, double otherwise) {
        String v = System.getProperty(property);
        return (v != null) ? Double.parseDouble(v) : otherwise;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * CPU time of the whole JVM and of the calling thread, and bytes allocated by every live
     * thread (threads that ended in between are not counted) and by the calling thread.
     */
    private static final class Snapshot {

        long processCpu;

        long threadCpu;

        long threadUser;

        long selfAllocated;

        final Map<Long, Long> allocated = new HashMap<>();

        static Snapshot take() {
            Snapshot s = new Snapshot();
            long[] ids = THREADS.getAllThreadIds();
            long[] bytes = THREADS.getThreadAllocatedBytes(ids);
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    s.allocated.put(ids[i], bytes[i]);
                }
            }
            s.selfAllocated = THREADS.getCurrentThreadAllocatedBytes();
            s.threadCpu = THREADS.getCurrentThreadCpuTime();
            s.threadUser = THREADS.getCurrentThreadUserTime();
            s.processCpu = OS.getProcessCpuTime();
            return s;
        }

        long allocatedSince(Snapshot before) {
            long sum = 0;
            for (Map.Entry<Long, Long> e : this.allocated.entrySet()) {
                sum += e.getValue() - before.allocated.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }
    }

    /** The hooks for {@code run-restclient.sh --strace/--profile} around the measured part. */
    private static final class Profiling {

        private final Path syncDir;

        private final Recording recording;

        private final Path jfr;

        private Profiling(Path syncDir, Recording recording, Path jfr) {
            this.syncDir = syncDir;
            this.recording = recording;
            this.jfr = jfr;
        }

        static Profiling start() throws Exception {
            String dir = System.getProperty("bench.syncDir");
            Path syncDir = (dir != null) ? Path.of(dir) : null;
            if (syncDir != null) {
                handshake(syncDir, "ready", "go");
            }
            String file = System.getProperty("bench.jfr");
            Recording recording = null;
            if (file != null) {
                recording = new Recording(Configuration.getConfiguration("profile"));
                // JFR samples only threads running Java code; a short period gives enough samples
                // of a request that spends most of its time in system calls.
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
                recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(5));
                recording.start();
            }
            return new Profiling(syncDir, recording, (file != null) ? Path.of(file) : null);
        }

        void stop() throws Exception {
            if (this.recording != null) {
                this.recording.stop();
                this.recording.dump(this.jfr);
                this.recording.close();
            }
            if (this.syncDir != null) {
                handshake(this.syncDir, "done", "stop");
            }
        }

        private static void handshake(Path dir, String signal, String awaited) throws IOException {
            Files.writeString(dir.resolve(signal), Long.toString(ProcessHandle.current().pid()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(dir.resolve(awaited))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no " + awaited + " file in " + dir + " within 120 s");
                }
                sleep(20);
            }
        }
    }
}
