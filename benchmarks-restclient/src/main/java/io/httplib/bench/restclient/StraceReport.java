package io.httplib.bench.restclient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the summary of {@code strace -c -f} (attached to a {@link Worker} for exactly its
 * measured requests by {@code run-restclient.sh --strace}) into system calls per request.
 * Arguments: {@code strace-summary.txt requests}. Calls from every thread of the JVM are counted
 * (GC and JIT threads add a few {@code futex} and {@code sched_yield} calls).
 */
public final class StraceReport {

    private StraceReport() {
    }

    public static void main(String[] args) throws Exception {
        long requests = Long.parseLong(args[1]);
        List<String[]> rows = new ArrayList<>();
        double total = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            // % time     seconds  usecs/call     calls    errors syscall
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !Character.isDigit(f[0].charAt(0)) || f[f.length - 1].equals("total")) {
                continue;
            }
            String name = f[f.length - 1];
            long calls = Long.parseLong(f[3]);
            long errors = (f.length == 6) ? Long.parseLong(f[4]) : 0;
            rows.add(new String[] { name, Long.toString(calls), Long.toString(errors) });
            total += calls;
        }
        System.out.println(String.format(Locale.ROOT, "%-20s %10s %10s %12s", "syscall", "calls", "per req", "errors/req"));
        for (String[] r : rows) {
            double per = Long.parseLong(r[1]) / (double) requests;
            if (per < 0.005) {
                continue;
            }
            System.out.println(String.format(Locale.ROOT, "%-20s %10s %10.2f %12.2f", r[0], r[1], per,
                    Long.parseLong(r[2]) / (double) requests));
        }
        System.out.println(String.format(Locale.ROOT, "%-20s %10.0f %10.2f", "total", total, total / requests));
    }
}
