package io.httplib.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a worker: allocation samples by class and allocating frame
 * (weights are JFR's estimate of bytes), and CPU samples by top frame and by the first
 * {@code io.httplib} frame on the stack. Arguments: {@code file.jfr [top-n]}.
 */
public final class JfrSummary {

    private JfrSummary() {}

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Long> allocByClassAndSite = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        Map<String, Long> cpuTop = new HashMap<>();
        Map<String, Long> cpuHttplib = new HashMap<>();
        long allocTotal = 0;
        long cpuTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || !isWorker(st)) {
                continue;
            }
            if (type.equals("jdk.ObjectAllocationSample")) {
                long w = e.getLong("weight");
                allocTotal += w;
                String cls = e.getClass("objectClass").getName();
                String site = site(st, 3);
                allocByClassAndSite.merge(cls + "  <-  " + site, w, Long::sum);
                allocBySite.merge(site(st, 1), w, Long::sum);
            } else if (type.equals("jdk.ExecutionSample")) {
                cpuTotal++;
                cpuTop.merge(frame(st.getFrames().get(0)), 1L, Long::sum);
                for (RecordedFrame f : st.getFrames()) {
                    String m = frame(f);
                    if (m.startsWith("io.httplib.") && !m.startsWith("io.httplib.bench.")) {
                        cpuHttplib.merge(m, 1L, Long::sum);
                        break;
                    }
                }
            }
        }
        print("Allocation (estimated bytes) by class <- allocating frames", allocByClassAndSite, allocTotal, top);
        print("Allocation (estimated bytes) by allocating frame", allocBySite, allocTotal, top);
        print("CPU samples by top frame", cpuTop, cpuTotal, top);
        print("CPU samples by first httplib frame", cpuHttplib, cpuTotal, top);
    }

    /** Only the measured thread(s) of the worker, not the JFR or JIT threads. */
    private static boolean isWorker(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            if (frame(f).startsWith("io.httplib.bench.Worker")) {
                return true;
            }
        }
        return st.isTruncated();
    }

    private static String site(RecordedStackTrace st, int depth) {
        List<String> parts = new ArrayList<>();
        for (RecordedFrame f : st.getFrames()) {
            if (parts.size() == depth) {
                break;
            }
            parts.add(frame(f) + ":" + f.getLineNumber());
        }
        return String.join(" < ", parts);
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> m, long total, int top) {
        System.out.println();
        System.out.println("== " + title + " (total " + total + ")");
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.println(String.format(Locale.ROOT, "%6.1f%%  %s",
                        100.0 * en.getValue() / Math.max(1, total), en.getKey())));
    }
}
