package io.httplib.bench.restclient;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a {@link Worker} (made by {@code run-restclient.sh --profile}):
 * where the calling thread spends its Java CPU samples, by layer (Spring's {@code RestClient},
 * the starter's adapter, httplib's core, the JDK's sockets, TLS, URI, ...) and by method (self and
 * inclusive), and where allocation happens (JFR's estimate of bytes by class and site, and by the
 * first non-JDK frame). With the calling thread's user CPU time per request it also gives each
 * share in microseconds per request.
 *
 * <p>Arguments: {@code file.jfr [--thread main] [--user-us X] [--requests N] [--top 25]}.
 * JFR samples only threads that run Java code: time spent inside system calls is not here (see
 * {@code --strace} for that, and {@code sys µs/req} in the results).
 */
public final class ProfileReport {

    private ProfileReport() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String thread = "main";
        double userUs = 0;
        long requests = 0;
        int top = 25;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--thread" -> thread = args[++i];
                case "--user-us" -> userUs = Double.parseDouble(args[++i]);
                case "--requests" -> requests = Long.parseLong(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> layerSelf = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> layerInclusive = new HashMap<>();
        Map<String, Long> allocSite = new HashMap<>();
        Map<String, Long> allocCaller = new HashMap<>();
        Map<String, Long> allocLayer = new HashMap<>();
        Map<String, Long> allocHttplibInclusive = new HashMap<>();
        long cpu = 0;
        long alloc = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            RecordedStackTrace st = e.getStackTrace();
            RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
            String name = (t != null) ? t.getJavaName() : "?";
            if (type.equals("jdk.ExecutionSample")) {
                threads.merge(name, 1L, Long::sum);
            }
            if (st == null || !thread.equals(name)) {
                continue;
            }
            List<RecordedFrame> frames = st.getFrames();
            if (inProfilingHooks(frames)) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample") && !frames.isEmpty()) {
                cpu++;
                String topFrame = method(frames.get(0));
                self.merge(topFrame, 1L, Long::sum);
                layerSelf.merge(layer(topFrame), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                Set<String> seenLayers = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = method(f);
                    if (seen.add(m)) {
                        inclusive.merge(m, 1L, Long::sum);
                    }
                    if (seenLayers.add(layer(m))) {
                        layerInclusive.merge(layer(m), 1L, Long::sum);
                    }
                }
            }
            else if (type.equals("jdk.ObjectAllocationSample") && !frames.isEmpty()) {
                long w = e.getLong("weight");
                alloc += w;
                String cls = e.getClass("objectClass").getName();
                StringBuilder site = new StringBuilder();
                for (int i = 0; i < Math.min(3, frames.size()); i++) {
                    site.append(i == 0 ? "" : " < ").append(method(frames.get(i))).append(':')
                        .append(frames.get(i).getLineNumber());
                }
                allocSite.merge(cls + "  <-  " + site, w, Long::sum);
                String caller = firstNonJdk(frames);
                allocCaller.merge(caller, w, Long::sum);
                allocLayer.merge(layer(caller), w, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = method(f);
                    if (m.startsWith("io.httplib.") && !m.startsWith("io.httplib.bench.") && seen.add(m)) {
                        allocHttplibInclusive.merge(m, w, Long::sum);
                    }
                }
            }
        }
        System.out.println("JFR execution samples per thread (all threads):");
        print(threads, threads.values().stream().mapToLong(Long::longValue).sum(), 10, 0, 0);
        double usPerSample = (cpu > 0) ? userUs / cpu : 0;
        double bytesPerReq = (requests > 0) ? (double) 1 / requests : 0;
        System.out.println("\nCPU (thread '" + thread + "', " + cpu + " samples), self time by layer of the top frame"
                + (userUs > 0 ? String.format(Locale.ROOT, "; µs/req = share x %.1f µs user CPU per request", userUs) : "")
                + ":");
        print(layerSelf, cpu, top, usPerSample, 0);
        System.out.println("\nCPU, inclusive by layer (a sample counts once for each layer on its stack):");
        print(layerInclusive, cpu, top, usPerSample, 0);
        System.out.println("\nCPU, self time by method:");
        print(self, cpu, top, usPerSample, 0);
        System.out.println("\nCPU, inclusive by method (httplib, Spring, Micrometer and JDK network/TLS methods):");
        Map<String, Long> interesting = new HashMap<>();
        inclusive.forEach((k, v) -> {
            if (!k.startsWith("io.httplib.bench.") && (k.startsWith("io.httplib.") || k.startsWith("org.springframework.")
                    || k.startsWith("io.micrometer.") || k.startsWith("sun.nio.ch.") || k.startsWith("sun.security.ssl.")
                    || k.startsWith("java.net.") || k.startsWith("java.util.concurrent.locks."))) {
                interesting.put(k, v);
            }
        });
        print(interesting, cpu, top * 2, usPerSample, 0);
        System.out.println("\nCPU, inclusive by method, httplib only (io.httplib):");
        Map<String, Long> httplib = new HashMap<>();
        inclusive.forEach((k, v) -> {
            if (k.startsWith("io.httplib.") && !k.startsWith("io.httplib.bench.")) {
                httplib.put(k, v);
            }
        });
        print(httplib, cpu, top * 2, usPerSample, 0);
        System.out.println("\nAllocation (JFR's estimated bytes, thread '" + thread + "'), by layer of the first non-JDK frame"
                + (requests > 0 ? "; B/req over " + requests + " requests" : "") + ":");
        print(allocLayer, alloc, top, 0, bytesPerReq);
        System.out.println("\nAllocation by first non-JDK frame:");
        print(allocCaller, alloc, top, 0, bytesPerReq);
        System.out.println("\nAllocation, inclusive by method, httplib only (bytes allocated with the method on the stack):");
        print(allocHttplibInclusive, alloc, top, 0, bytesPerReq);
        System.out.println("\nAllocation by class <- allocating frames:");
        print(allocSite, alloc, top, 0, bytesPerReq);
    }

    /** Samples of the worker starting or stopping the recording itself. */
    private static boolean inProfilingHooks(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith("io.httplib.bench.restclient.Worker$Profiling")) {
                return true;
            }
        }
        return false;
    }

    /** The code a sample belongs to, by package. */
    static String layer(String method) {
        if (method.startsWith("io.httplib.bench.")) {
            return "benchmark loop";
        }
        if (method.startsWith("io.httplib.spring.")) {
            return "httplib starter (io.httplib.spring)";
        }
        if (method.startsWith("io.httplib.internal.")) {
            return "httplib core internal (io.httplib.internal)";
        }
        if (method.startsWith("io.httplib.")) {
            return "httplib core (io.httplib)";
        }
        if (method.startsWith("org.springframework.web.client.")) {
            return "Spring RestClient (org.springframework.web.client)";
        }
        if (method.startsWith("org.springframework.http.")) {
            return "Spring http: headers, converters, factories (org.springframework.http)";
        }
        if (method.startsWith("org.springframework.web.util.")) {
            return "Spring URI templates (org.springframework.web.util)";
        }
        if (method.startsWith("org.springframework.")) {
            return "Spring other (" + pkg(method, 3) + ")";
        }
        if (method.startsWith("io.micrometer.")) {
            return "Micrometer";
        }
        if (method.startsWith("java.net.URI") || method.startsWith("java.net.URL")) {
            return "JDK URI/URL";
        }
        if (method.startsWith("sun.nio.ch.") || method.startsWith("java.net.") || method.startsWith("sun.net.")
                || method.startsWith("java.nio.")) {
            return "JDK sockets and NIO";
        }
        if (method.startsWith("sun.security.") || method.startsWith("javax.net.ssl.") || method.startsWith("com.sun.crypto.")
                || method.startsWith("javax.crypto.") || method.startsWith("java.security.")) {
            return "JDK TLS and crypto";
        }
        if (method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.")) {
            return "JDK other (" + pkg(method, 2) + ")";
        }
        return pkg(method, 3);
    }

    private static String pkg(String method, int parts) {
        String[] p = method.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(parts, p.length - 2); i++) {
            b.append(i == 0 ? "" : ".").append(p[i]);
        }
        return b.toString();
    }

    private static String firstNonJdk(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String m = method(f);
            if (!(m.startsWith("java.") || m.startsWith("jdk.") || m.startsWith("sun.") || m.startsWith("javax.")
                    || m.startsWith("com.sun."))) {
                return m;
            }
        }
        return method(frames.get(0));
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Long> m, long total, int top, double usPerUnit, double perReq) {
        m.entrySet()
            .stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(top)
            .forEach((en) -> {
                String extra = "";
                if (usPerUnit > 0) {
                    extra = String.format(Locale.ROOT, " %7.2f µs", en.getValue() * usPerUnit);
                }
                else if (perReq > 0) {
                    extra = String.format(Locale.ROOT, " %7.0f B", en.getValue() * perReq);
                }
                System.out.println(String.format(Locale.ROOT, "%6.1f%%%s  %s", 100.0 * en.getValue() / Math.max(1, total),
                        extra, en.getKey()));
            });
    }
}
