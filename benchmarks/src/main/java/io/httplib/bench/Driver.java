package io.httplib.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every client through every workload, each run in a fresh JVM, clients in a rotating order
 * per repetition, and prints medians, min-max spread and ratios to Apache HttpClient 5 and to the
 * raw-socket floor. The servers must already be up ({@code run.sh} starts them).
 *
 * <p>Options: {@code --quick}, {@code --reps N}, {@code --cold-runs N}, {@code --clients a,b},
 * {@code --workloads get,get-threads,download,upload,gzip,cold}, {@code --out FILE},
 * {@code --machine TEXT} (a line describing the machine for the results file).
 */
public final class Driver {

    private static final String[] WORKLOADS = {"get", "get-threads", "download", "upload", "gzip", "cold"};

    private final List<String> clients = new ArrayList<>();
    private final List<String> workloads = new ArrayList<>(List.of(WORKLOADS));
    private boolean quick;
    private int reps = 3;
    private int coldRuns = 10;
    private Path out;
    private String machine = "";
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classpath = System.getProperty("java.class.path");
    private final Target target = Target.fromSystemProperties();
    /** workload -> client -> metric -> values, one per repetition. */
    private final Map<String, Map<String, Map<String, List<Double>>>> results = new LinkedHashMap<>();
    private final StringBuilder log = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Driver d = new Driver();
        d.parse(args);
        d.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--cold-runs" -> coldRuns = Integer.parseInt(args[++i]);
                case "--clients" -> clients.addAll(Arrays.asList(args[++i].split(",")));
                case "--workloads" -> {
                    workloads.clear();
                    workloads.addAll(Arrays.asList(args[++i].split(",")));
                }
                case "--out" -> out = Path.of(args[++i]);
                case "--machine" -> machine = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (quick) {
            reps = Math.min(reps, 1);
            coldRuns = Math.min(coldRuns, 3);
        }
        if (clients.isEmpty()) {
            clients.addAll(List.of(BenchClient.NAMES));
        }
    }

    private List<String> settings(String workload) {
        List<String> p = new ArrayList<>();
        switch (workload) {
            case "get" -> {
                p.add("-Dbench.warmup=" + (quick ? 1.5 : 5));
                p.add("-Dbench.measure=" + (quick ? 1.5 : 5));
            }
            case "get-threads" -> {
                p.add("-Dbench.warmup=" + (quick ? 1.5 : 4));
                p.add("-Dbench.measure=" + (quick ? 1.5 : 5));
                p.add("-Dbench.threads=8");
            }
            case "gzip" -> {
                p.add("-Dbench.warmup=" + (quick ? 1.5 : 4));
                p.add("-Dbench.measure=" + (quick ? 1.5 : 5));
            }
            case "download", "upload" -> {
                p.add("-Dbench.warmupOps=" + (quick ? 2 : 5));
                p.add("-Dbench.measureOps=" + (quick ? 3 : 10));
            }
            default -> {}
        }
        return p;
    }

    private List<String> jvm(String mainClass, List<String> extra, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        if (!mainClass.equals(ColdStart.class.getName())) {
            // Fixed heap: no resizing during a measurement.
            cmd.add("-Xms1g");
            cmd.add("-Xmx1g");
        }
        cmd.add("-Dbench.host=" + target.host());
        cmd.add("-Dbench.nginxPort=" + target.nginxPort());
        cmd.add("-Dbench.uploadPort=" + target.uploadPort());
        cmd.addAll(extra);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private void run() throws Exception {
        say("# httplib benchmarks, " + ZonedDateTime.now().withNano(0) + (quick ? " (--quick)" : ""));
        say("machine: " + machine);
        say("clients: " + String.join(", ", clients) + "; repetitions: " + reps + "; cold-start runs: " + coldRuns);
        for (String w : workloads) {
            if (w.equals("cold")) {
                runCold();
                continue;
            }
            // Workload (g) needs a client that decodes gzip itself.
            List<String> runs = w.equals("gzip")
                    ? clients.stream().filter(BenchClient.GZIP_CLIENTS::contains).toList() : clients;
            for (int rep = 0; rep < reps; rep++) {
                for (String c : rotate(runs, rep)) {
                    runWorker(w, c, rep);
                }
            }
        }
        String tables = tables();
        System.out.println();
        System.out.println(tables);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, tables + "\n\n## Raw lines\n\n```\n" + log + "```\n", StandardCharsets.UTF_8);
            System.out.println("results written to " + out);
        }
    }

    private static List<String> rotate(List<String> list, int by) {
        List<String> r = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            r.add(list.get((i + by) % list.size()));
        }
        return r;
    }

    private void runWorker(String workload, String client, int rep) throws Exception {
        List<String> cmd = jvm(Worker.class.getName(), settings(workload), client, workload);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else {
                    other.add(line);
                }
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (result == null) {
            say("FAILED " + workload + " " + client + " rep " + rep + ": " + String.join(" | ", other));
            return;
        }
        say(result + " rep=" + rep);
        Map<String, List<Double>> metrics = results.computeIfAbsent(workload, k -> new LinkedHashMap<>())
                .computeIfAbsent(client, k -> new LinkedHashMap<>());
        for (String kv : result.substring(7).split(" ")) {
            int eq = kv.indexOf('=');
            try {
                double v = Double.parseDouble(kv.substring(eq + 1));
                metrics.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>()).add(v);
            } catch (NumberFormatException e) {
                // client= and workload= are names
            }
        }
    }

    private void runCold() throws Exception {
        // One unmeasured run first so the OS has every jar in its page cache.
        for (String c : clients) {
            coldOnce(c);
        }
        for (int run = 0; run < coldRuns; run++) {
            for (String c : rotate(clients, run)) {
                double ms = coldOnce(c);
                if (ms < 0) {
                    say("FAILED cold " + c + " run " + run);
                    continue;
                }
                say("COLD client=" + c + " ms=" + String.format(Locale.ROOT, "%.1f", ms) + " run=" + run);
                results.computeIfAbsent("cold", k -> new LinkedHashMap<>())
                        .computeIfAbsent(c, k -> new LinkedHashMap<>())
                        .computeIfAbsent("ms", k -> new ArrayList<>()).add(ms);
            }
        }
    }

    /** @return milliseconds from spawning the JVM to reading its first-response line, or -1 */
    private double coldOnce(String client) throws Exception {
        List<String> cmd = jvm(ColdStart.class.getName(), List.of(), client);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double ms = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("FIRST-RESPONSE") && ms < 0) {
                    ms = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return ms;
    }

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
        log.append(line).append('\n');
    }

    // ---- tables ----

    private String tables() {
        StringBuilder b = new StringBuilder();
        b.append("## Results").append(quick ? " (--quick: short runs, one repetition; for smoke only)" : "").append("\n\n");
        b.append("Median of ").append(quick ? 1 : reps).append(" fresh-JVM runs per client (min-max in brackets); ")
                .append("ratios are of the medians. Rates: higher is better; latency, allocation, cold start: lower is better.\n");
        table(b, "get", "rps", "(a) Sequential GET, 64-byte body, one keep-alive connection: requests/s", "%.0f", true);
        table(b, "get", "p50us", "(a) Sequential GET: p50 latency, microseconds", "%.1f", false);
        table(b, "get", "p99us", "(a) Sequential GET: p99 latency, microseconds", "%.1f", false);
        table(b, "get-threads", "rps", "(b) 8 threads sharing one client: requests/s", "%.0f", true);
        table(b, "download", "mbps", "(c) 100 MiB download through a 64 KiB buffer: MB/s", "%.0f", true);
        table(b, "upload", "mbps", "(d) 32 MiB upload: MB/s", "%.0f", true);
        table(b, "get", "cpuUsPerOp", "(a') Sequential GET: client JVM CPU time per request, microseconds (less sensitive to a busy machine)", "%.1f", false);
        table(b, "get-threads", "cpuUsPerOp", "(b') 8 threads: client JVM CPU time per request, microseconds", "%.1f", false);
        table(b, "download", "cpuMsPerOp", "(c') Download: client JVM CPU time per 100 MiB, ms", "%.1f", false);
        table(b, "upload", "cpuMsPerOp", "(d') Upload: client JVM CPU time per 32 MiB, ms", "%.1f", false);
        table(b, "get", "allocPerReq", "(e) Bytes allocated per request in (a), all threads", "%.0f", false);
        table(b, "get", "allocSelfPerReq", "(e') Bytes allocated per request in (a), calling thread only", "%.0f", false);
        table(b, "cold", "ms", "(f) Cold start: JVM spawn to first response, ms", "%.0f", false);
        table(b, "gzip", "rps", "(g) 1 MiB JSON served gzip by nginx (gzip_static), decoded by the client and checked: requests/s", "%.1f", true);
        table(b, "gzip", "cpuUsPerOp", "(g') gzip JSON: client JVM CPU time per request, microseconds", "%.0f", false);
        table(b, "gzip", "allocPerReq", "(g'') gzip JSON: bytes allocated per request, all threads", "%.0f", false);
        return b.toString();
    }

    private void table(StringBuilder b, String workload, String metric, String title, String fmt, boolean higherBetter) {
        Map<String, Map<String, List<Double>>> byClient = results.get(workload);
        if (byClient == null) {
            return;
        }
        b.append("\n### ").append(title).append("\n\n");
        boolean cold = workload.equals("cold");
        String third = cold ? "vs urlconnection" : "vs raw";
        b.append("| client | median | min-max | vs apache5 | ").append(third).append(" |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        Double apache = median(byClient, "apache5", metric);
        Double ref = median(byClient, cold ? "urlconnection" : "raw", metric);
        for (String c : BenchClient.NAMES) {
            Map<String, List<Double>> m = byClient.get(c);
            if (m == null || m.get(metric) == null) {
                continue;
            }
            List<Double> v = new ArrayList<>(m.get(metric));
            v.sort(null);
            double med = median(v);
            b.append("| ").append(c).append(" | ").append(String.format(Locale.ROOT, fmt, med))
                    .append(" | ").append(String.format(Locale.ROOT, fmt, v.get(0))).append("-")
                    .append(String.format(Locale.ROOT, fmt, v.get(v.size() - 1)))
                    .append(" | ").append(ratio(med, apache)).append(" | ")
                    // The floor allocates next to nothing per request: a ratio to it says nothing.
                    .append(metric.startsWith("alloc") ? "-" : ratio(med, ref)).append(" |\n");
        }
    }

    private static String ratio(double v, Double ref) {
        if (ref == null || ref < 1e-9 || Math.abs(ref) < 1) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", v / ref);
    }

    private static Double median(Map<String, Map<String, List<Double>>> byClient, String client, String metric) {
        Map<String, List<Double>> m = byClient.get(client);
        if (m == null || m.get(metric) == null) {
            return null;
        }
        List<Double> v = new ArrayList<>(m.get(metric));
        v.sort(null);
        return median(v);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
