package io.httplib.bench.restclient;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Driver}'s tables, in Markdown: medians per factory, variant tables with ratios to
 * each factory's own plain run, the new-connection table, httplib against the goals of the
 * issue, and (for the results file) every metric with its min-max spread.
 */
final class Tables {

    /** scheme/workload/variant -> factory -> metric -> values. */
    private final Map<String, Map<String, Map<String, List<Double>>>> results;

    private final List<String> factories;

    private final StringBuilder b = new StringBuilder();

    private Tables(Map<String, Map<String, Map<String, List<Double>>>> results, List<String> factories) {
        this.results = results;
        this.factories = factories;
    }

    static String render(Map<String, Map<String, Map<String, List<Double>>>> results, List<String> factories,
            boolean quick, int reps) {
        Tables t = new Tables(results, factories);
        t.b.append("## Results")
            .append(quick ? " (--quick: short runs, one repetition; for smoke only)" : "")
            .append("\n\nMedian of ")
            .append(reps)
            .append(" fresh-JVM run(s) per factory and workload; the spread is in the results file. ")
            .append("CPU is the client JVM's (all threads, GC and JIT included); sys is the calling thread's ")
            .append("time in the kernel; B/req counts every live thread's allocation; conns is the TCP ")
            .append("connections the server accepted over the whole run, warm-up included.\n");
        for (String scheme : List.of("http", "https")) {
            t.scheme(scheme);
        }
        t.goals();
        return t.b.toString();
    }

    private void scheme(String scheme) {
        String title = scheme.toUpperCase(Locale.ROOT);
        if (has(scheme + "/get/plain") || has(scheme + "/threads/plain")) {
            this.b.append("\n### ").append(title).append(", keep-alive: sequential 64-byte GETs\n\n");
            this.b.append("| factory | req/s | p50 µs | p99 µs | CPU µs/req | sys µs/req | B/req | conns |\n");
            this.b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            String k = scheme + "/get/plain";
            for (String f : this.factories) {
                if (m(k, f, "rps") == null) {
                    continue;
                }
                row(f, fmt(m(k, f, "rps"), "%.0f"), fmt(m(k, f, "p50us"), "%.1f"), fmt(m(k, f, "p99us"), "%.1f"),
                        fmt(m(k, f, "cpuUsPerOp"), "%.1f"), fmt(m(k, f, "threadSysUsPerOp"), "%.1f"),
                        fmt(m(k, f, "allocPerOp"), "%.0f"), conns(k, f));
            }
            this.b.append("\n### ").append(title).append(", keep-alive: 8 threads, 100 MiB download, 1 MiB upload\n\n");
            this.b.append("| factory | 8 threads req/s | p99 µs | CPU µs/req | conns | download MB/s | CPU ms/100 MiB "
                    + "| upload MB/s | CPU µs/MiB | conns |\n");
            this.b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            String th = scheme + "/threads/plain";
            String dl = scheme + "/download/plain";
            String ul = scheme + "/upload/plain";
            for (String f : this.factories) {
                row(f, fmt(m(th, f, "rps"), "%.0f"), fmt(m(th, f, "p99us"), "%.1f"), fmt(m(th, f, "cpuUsPerOp"), "%.1f"),
                        conns(th, f), fmt(m(dl, f, "mbps"), "%.0f"), fmt(m(dl, f, "cpuMsPerOp"), "%.0f"),
                        fmt(m(ul, f, "mbps"), "%.0f"), fmt(m(ul, f, "cpuUsPerOp"), "%.0f"), conns(ul, f));
            }
        }
        boolean variants = false;
        for (String v : List.of("obs", "listener", "obs+listener")) {
            variants |= has(scheme + "/get/" + v) || has(scheme + "/threads/" + v);
        }
        if (variants) {
            this.b.append("\n### ").append(title)
                .append(", observed: RestClient observation (obs), httplib's Micrometer listener (listener)\n\n");
            this.b.append("| factory | variant | req/s | vs plain | CPU µs/req | B/req | 8 threads req/s | vs plain "
                    + "| download MB/s | upload MB/s |\n");
            this.b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String v : List.of("obs", "listener", "obs+listener")) {
                for (String f : this.factories) {
                    String g = scheme + "/get/" + v;
                    String th = scheme + "/threads/" + v;
                    if (m(g, f, "rps") == null && m(th, f, "rps") == null) {
                        continue;
                    }
                    row(f + " | " + v, fmt(m(g, f, "rps"), "%.0f"), ratio(m(g, f, "rps"), m(scheme + "/get/plain", f, "rps")),
                            fmt(m(g, f, "cpuUsPerOp"), "%.1f"), fmt(m(g, f, "allocPerOp"), "%.0f"),
                            fmt(m(th, f, "rps"), "%.0f"), ratio(m(th, f, "rps"), m(scheme + "/threads/plain", f, "rps")),
                            fmt(m(scheme + "/download/" + v, f, "mbps"), "%.0f"),
                            fmt(m(scheme + "/upload/" + v, f, "mbps"), "%.0f"));
                }
            }
        }
        String nc = scheme + "/newconn/plain";
        if (has(nc)) {
            this.b.append("\n### ").append(title).append(", a new connection per request (nginx answers `Connection: close`)\n\n");
            this.b.append("| factory | handshakes/s | p50 µs | CPU µs/req | B/req | conns per request | sessions resumed |\n");
            this.b.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (String f : this.factories) {
                if (m(nc, f, "rps") == null) {
                    continue;
                }
                Double conns = m(nc, f, "conns");
                Double ops = m(nc, f, "ops");
                row(f, fmt(m(nc, f, "rps"), "%.0f"), fmt(m(nc, f, "p50us"), "%.0f"), fmt(m(nc, f, "cpuUsPerOp"), "%.0f"),
                        fmt(m(nc, f, "allocPerOp"), "%.0f"),
                        (conns != null && ops != null) ? fmt(conns / ops, "%.2f") : "-",
                        (m(nc, f, "resumedPct") != null) ? fmt(m(nc, f, "resumedPct"), "%.1f") + " %" : "-");
            }
        }
    }

    /** httplib against the goals, per scheme: ratios of medians to the best other factory. */
    private void goals() {
        if (!this.factories.contains("httplib")) {
            return;
        }
        this.b.append("\n### httplib against the goals (ratios of medians; best other = best of the other factories)\n\n");
        this.b.append("| scheme | goal | httplib | best other | ratio | met |\n|---|---|---:|---|---:|---|\n");
        for (String s : List.of("http", "https")) {
            goal(s, "sequential req/s >= 1.2x best other", s + "/get/plain", "rps", true, 1.2);
            goal(s, "CPU µs per request <= 0.8x best other", s + "/get/plain", "cpuUsPerOp", false, 0.8);
            goal(s, "bytes per request <= 0.5x best other", s + "/get/plain", "allocPerOp", false, 0.5);
            goal(s, "8 threads req/s >= best other", s + "/threads/plain", "rps", true, 1.0);
            goal(s, "download MB/s >= best other", s + "/download/plain", "mbps", true, 1.0);
            goal(s, "new connection per request req/s >= best other", s + "/newconn/plain", "rps", true, 1.0);
            Double own = m(s + "/get/plain", "httplib", "rps");
            Double observed = m(s + "/get/obs+listener", "httplib", "rps");
            if (own != null && observed != null) {
                double r = observed / own;
                this.b.append("| ").append(s).append(" | with observation and listener >= 0.85x own sequential req/s | ")
                    .append(fmt(observed, "%.0f")).append(" | httplib plain ").append(fmt(own, "%.0f")).append(" | ")
                    .append(fmt(r, "%.2f")).append(" | ").append(r >= 0.85 ? "yes" : "no").append(" |\n");
            }
        }
    }

    private void goal(String scheme, String title, String key, String metric, boolean higherBetter, double target) {
        Double mine = m(key, "httplib", metric);
        if (mine == null) {
            return;
        }
        String best = null;
        Double bestValue = null;
        for (String f : this.factories) {
            Double v = m(key, f, metric);
            if (f.equals("httplib") || v == null) {
                continue;
            }
            if (bestValue == null || (higherBetter ? v > bestValue : v < bestValue)) {
                best = f;
                bestValue = v;
            }
        }
        if (bestValue == null) {
            return;
        }
        double r = mine / bestValue;
        boolean met = higherBetter ? r >= target : r <= target;
        String f = metric.equals("allocPerOp") || metric.equals("rps") || metric.equals("mbps") ? "%.0f" : "%.1f";
        this.b.append("| ").append(scheme).append(" | ").append(title).append(" | ").append(fmt(mine, f)).append(" | ")
            .append(best).append(" ").append(fmt(bestValue, f)).append(" | ").append(fmt(r, "%.2f")).append(" | ")
            .append(met ? "yes" : "no").append(" |\n");
    }

    /** Every metric of every run: median [min-max]. */
    static String spread(Map<String, Map<String, Map<String, List<Double>>>> results) {
        StringBuilder b = new StringBuilder("## Every metric: median [min-max]\n");
        for (Map.Entry<String, Map<String, Map<String, List<Double>>>> e : results.entrySet()) {
            Set<String> metrics = new LinkedHashSet<>();
            e.getValue().values().forEach((m) -> metrics.addAll(m.keySet()));
            b.append("\n### ").append(e.getKey()).append("\n\n| factory |");
            for (String m : metrics) {
                b.append(' ').append(m).append(" |");
            }
            b.append("\n|---|").append("---:|".repeat(metrics.size())).append('\n');
            for (Map.Entry<String, Map<String, List<Double>>> f : e.getValue().entrySet()) {
                b.append("| ").append(f.getKey()).append(" |");
                for (String m : metrics) {
                    List<Double> v = f.getValue().get(m);
                    if (v == null) {
                        b.append(" - |");
                        continue;
                    }
                    List<Double> s = new ArrayList<>(v);
                    s.sort(null);
                    b.append(' ').append(num(median(s))).append(" [").append(num(s.get(0))).append('-')
                        .append(num(s.get(s.size() - 1))).append("] |");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** Connections, and requests the server saw beyond the completed calls, if any. */
    private String conns(String key, String factory) {
        Double c = m(key, factory, "conns");
        Double extra = m(key, factory, "extraServerRequests");
        if (c == null) {
            return "-";
        }
        return fmt(c, "%.0f") + ((extra != null && extra > 0) ? " (+" + fmt(extra, "%.0f") + " req)" : "");
    }

    private boolean has(String key) {
        return this.results.containsKey(key);
    }

    private Double m(String key, String factory, String metric) {
        Map<String, Map<String, List<Double>>> byFactory = this.results.get(key);
        if (byFactory == null || byFactory.get(factory) == null || byFactory.get(factory).get(metric) == null) {
            return null;
        }
        List<Double> v = new ArrayList<>(byFactory.get(factory).get(metric));
        v.sort(null);
        return median(v);
    }

    private void row(String first, String... cells) {
        this.b.append("| ").append(first.equals("httplib") ? "**httplib**" : first);
        for (String c : cells) {
            this.b.append(" | ").append(c);
        }
        this.b.append(" |\n");
    }

    private static String fmt(Double v, String f) {
        return (v == null) ? "-" : String.format(Locale.ROOT, f, v);
    }

    private static String ratio(Double v, Double ref) {
        return (v == null || ref == null || ref == 0) ? "-" : String.format(Locale.ROOT, "%.2f", v / ref);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
