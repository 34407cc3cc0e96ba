package io.httplib.bench.restclient;

import java.io.BufferedReader;
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
 * Runs every factory through every workload and variant, each run in a fresh JVM, in an order
 * rotated by one per repetition, and prints medians (with the spread in the results file) and
 * httplib's ratios to the best other factory. The servers must already be up
 * ({@code run-restclient.sh} starts them); {@code bench.*} and {@code javax.net.ssl.*} system properties
 * are passed on to every worker.
 *
 * <p>Options: {@code --quick}, {@code --reps N}, {@code --factories a,b},
 * {@code --schemes http,https}, {@code --workloads get,threads,download,upload,newconn},
 * {@code --variants plain,obs,listener,obs+listener}, {@code --out FILE},
 * {@code --machine TEXT} (a line describing the machine for the results file).
 */
public final class Driver {

    private static final List<String> WORKLOADS = List.of("get", "threads", "download", "upload", "newconn");

    private static final List<String> VARIANTS = List.of("plain", "obs", "listener", "obs+listener");

    private final List<String> factories = new ArrayList<>(Factories.NAMES);

    private final List<String> schemes = new ArrayList<>(List.of("http", "https"));

    private final List<String> workloads = new ArrayList<>(WORKLOADS);

    private final List<String> variants = new ArrayList<>(VARIANTS);

    private boolean quick;

    private int reps = 3;

    private Path out;

    private String machine = "";

    private int runs;

    private int failures;

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final String classpath = System.getProperty("java.class.path");

    /** scheme/workload/variant -> factory -> metric -> one value per repetition. */
    private final Map<String, Map<String, Map<String, List<Double>>>> results = new LinkedHashMap<>();

    private final StringBuilder log = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Driver d = new Driver();
        d.parse(args);
        d.run();
        System.exit(d.failures == 0 ? 0 : 1);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> this.quick = true;
                case "--reps" -> this.reps = Integer.parseInt(args[++i]);
                case "--factories" -> replace(this.factories, args[++i], Factories.NAMES);
                case "--schemes" -> replace(this.schemes, args[++i], List.of("http", "https"));
                case "--workloads" -> replace(this.workloads, args[++i], WORKLOADS);
                case "--variants" -> replace(this.variants, args[++i], VARIANTS);
                case "--out" -> this.out = Path.of(args[++i]);
                case "--machine" -> this.machine = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (this.quick) {
            this.reps = Math.min(this.reps, 1);
        }
    }

    private static void replace(List<String> list, String csv, List<String> known) {
        list.clear();
        for (String s : csv.split(",")) {
            if (!known.contains(s)) {
                throw new IllegalArgumentException("unknown " + s + "; known: " + known);
            }
            list.add(s);
        }
    }

    /** The (factory, variant) pairs of one workload: the listener variants are httplib's only. */
    private List<String[]> plan(String workload) {
        List<String[]> pairs = new ArrayList<>();
        // A new connection per request measures handshakes: no observation variants there.
        List<String> vs = workload.equals("newconn") ? List.of("plain") : this.variants;
        for (String v : vs) {
            if (!this.variants.contains(v)) {
                continue;
            }
            for (String f : this.factories) {
                if (v.contains("listener") && !f.equals("httplib")) {
                    continue;
                }
                pairs.add(new String[] { f, v });
            }
        }
        return pairs;
    }

    private List<String> settings(String workload) {
        List<String> p = new ArrayList<>();
        switch (workload) {
            case "get" -> {
                p.add("-Dbench.warmup=" + (this.quick ? 2 : 5));
                p.add("-Dbench.measure=" + (this.quick ? 2 : 5));
            }
            case "threads" -> {
                // Longer: Jetty over TLS stalls for a few seconds when 8 threads start at once.
                p.add("-Dbench.warmup=" + (this.quick ? 4 : 8));
                p.add("-Dbench.measure=" + (this.quick ? 2 : 5));
                p.add("-Dbench.threads=8");
            }
            case "download" -> {
                p.add("-Dbench.warmupOps=" + (this.quick ? 1 : 3));
                p.add("-Dbench.measureOps=" + (this.quick ? 3 : 8));
            }
            case "upload", "newconn" -> {
                p.add("-Dbench.warmup=" + (this.quick ? 1.5 : 3));
                p.add("-Dbench.measure=" + (this.quick ? 2 : 5));
            }
            default -> throw new IllegalArgumentException(workload);
        }
        return p;
    }

    private void run() throws Exception {
        say("# RestClient benchmark, " + ZonedDateTime.now().withNano(0) + (this.quick ? " (--quick)" : ""));
        say("machine: " + this.machine);
        say("factories: " + String.join(", ", this.factories) + "; schemes: " + String.join(", ", this.schemes)
                + "; workloads: " + String.join(", ", this.workloads) + "; variants: "
                + String.join(", ", this.variants) + "; repetitions: " + this.reps);
        for (int rep = 0; rep < this.reps; rep++) {
            for (String scheme : this.schemes) {
                for (String workload : this.workloads) {
                    if (workload.equals("newconn") && !scheme.equals("https")) {
                        continue;
                    }
                    List<String[]> plan = plan(workload);
                    for (int i = 0; i < plan.size(); i++) {
                        String[] fv = plan.get((i + rep) % plan.size());
                        runWorker(fv[0], scheme, workload, fv[1], rep);
                    }
                }
            }
        }
        say(this.runs + " runs, " + this.failures + " failed");
        System.out.println();
        System.out.println(write(true));
        if (this.out != null) {
            System.out.println("results written to " + this.out);
        }
    }

    /**
     * Writes the results file (after every run, so that a run stopped early leaves its tables);
     * returns the tables.
     */
    private String write(boolean complete) throws java.io.IOException {
        String tables = Tables.render(this.results, this.factories, this.quick, this.reps);
        if (this.out != null) {
            Files.createDirectories(this.out.toAbsolutePath().getParent());
            Files.writeString(this.out, "# RestClient over every Spring Boot request factory"
                    + (complete ? "" : " (in progress: " + this.runs + " runs so far)") + "\n\n" + this.machine
                    + "\n\n" + tables + "\n\n" + Tables.spread(this.results) + "\n\n## Raw lines\n\n```\n" + this.log
                    + "```\n", StandardCharsets.UTF_8);
        }
        return tables;
    }

    private void runWorker(String factory, String scheme, String workload, String variant, int rep)
            throws Exception {
        this.runs++;
        List<String> cmd = new ArrayList<>();
        cmd.add(this.java);
        // Fixed heap: no resizing during a measurement.
        cmd.add("-Xms1g");
        cmd.add("-Xmx1g");
        System.getProperties().stringPropertyNames().stream()
            .filter((k) -> k.startsWith("bench.") || k.startsWith("javax.net.ssl."))
            .sorted()
            .forEach((k) -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-Dbench.runId=r" + this.runs + "x" + Long.toString(System.nanoTime() % 1_000_000, 36));
        cmd.addAll(settings(workload));
        cmd.add("-cp");
        cmd.add(this.classpath);
        cmd.add(Worker.class.getName());
        cmd.addAll(Arrays.asList(factory, scheme, workload, variant));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
                else if (other.size() < 12) {
                    other.add(line);
                }
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (result == null) {
            this.failures++;
            say("FAILED " + factory + " " + scheme + " " + workload + " " + variant + " rep " + rep + ": "
                    + String.join(" | ", other));
            write(false);
            return;
        }
        say(result + " rep=" + rep);
        record(factory, scheme, workload, variant, result);
        write(false);
    }

    private void record(String factory, String scheme, String workload, String variant, String result) {
        Map<String, List<Double>> metrics = this.results
            .computeIfAbsent(scheme + "/" + workload + "/" + variant, (k) -> new LinkedHashMap<>())
            .computeIfAbsent(factory, (k) -> new LinkedHashMap<>());
        for (String kv : result.substring(7).split(" ")) {
            int eq = kv.indexOf('=');
            try {
                double v = Double.parseDouble(kv.substring(eq + 1));
                metrics.computeIfAbsent(kv.substring(0, eq), (k) -> new ArrayList<>()).add(v);
            }
            catch (NumberFormatException ex) {
                // names: factory=, scheme=, workload=, variant=, check=, tls=
            }
        }
    }

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
        this.log.append(line).append('\n');
    }
}
