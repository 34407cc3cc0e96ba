package io.httplib.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * CPython's {@code http.client} as the oracle: every case of {@link OracleCorpus} runs through
 * CPython ({@code cpython-oracle/driver.py}) and through httplib against the same replayed server
 * bytes, and the two transcripts (status, reason, version, headers, body bytes, {@code read(amt)}
 * results, exception class, connection state, and every byte the server received) must be equal,
 * unless {@code cpython-oracle/deliberate-differences.txt} lists the case with the reason httplib
 * differs, and httplib's transcript shows the documented behaviour.
 *
 * <p>Needs {@code python3} (CPython 3.11 or later) on the PATH; without it the suite fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CPythonOracleTest {

    private static final java.time.Duration CASE_BOUND = java.time.Duration.ofSeconds(60);

    private PythonDriver python;
    private DeliberateDifferences deliberate;
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger deliberateCount = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    /** The entries under which at least one case differed: the others are stale. */
    private final java.util.Set<DeliberateDifferences.Entry> differing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    void startCPython() throws IOException {
        python = new PythonDriver();
        deliberate = DeliberateDifferences.load();
    }

    @AfterAll
    void report() throws Exception {
        System.out.println("CPython oracle (CPython " + (python == null ? "?" : python.version) + "): "
                + passed.get() + " passed, " + failed.get() + " failed, " + deliberateCount.get() + " deliberate");
        for (String f : failures) {
            System.out.println("  failed: " + f);
        }
        if (python != null) {
            python.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> cpythonAndHttplibAgreeOnEveryCase() {
        List<OracleCase> cases = OracleCorpus.all();
        // Each case is bounded (5 s client timeouts, 5 s server waits); this guard only turns a
        // hang of the drivers themselves into a failure naming the case.
        Stream<DynamicTest> each = cases.stream().map(c -> DynamicTest.dynamicTest(c.id,
                () -> assertTimeoutPreemptively(CASE_BOUND, () -> check(c), () -> "case " + c.id + " hung")));
        DynamicTest entries = DynamicTest.dynamicTest("every deliberate difference still shows in a case", () -> {
            List<String> stale = new ArrayList<>();
            for (DeliberateDifferences.Entry e : deliberate.entries) {
                if (!differing.contains(e)) {
                    stale.add("line " + e.line() + ": " + e.glob());
                }
            }
            assertThat(stale).as("entries of %s under which httplib and CPython now agree (or that match no case)",
                    DeliberateDifferences.RESOURCE).isEmpty();
        });
        return Stream.concat(each, Stream.of(entries));
    }

    private void check(OracleCase c) throws Exception {
        // The two runs are independent (a replay server each): CPython's on another thread.
        java.util.concurrent.CompletableFuture<List<String>> cpythonRun = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return run(c, true);
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
        List<String> httplib = run(c, false);
        List<String> cpython;
        try {
            cpython = cpythonRun.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(e.getCause());
        }
        DeliberateDifferences.Entry entry = deliberate.find(c.id);
        String report = report(c, cpython, httplib);
        if (entry == null) {
            if (!cpython.equals(httplib)) {
                fail(c, "httplib differs from CPython\n" + report);
            }
            passed.incrementAndGet();
            return;
        }
        if (cpython.equals(httplib)) {
            // A glob may cover agreeing cases too; an entry under which nothing differs is stale (see above).
            passed.incrementAndGet();
            return;
        }
        differing.add(entry);
        if (httplib.stream().noneMatch(line -> line.contains(entry.shows()))) {
            fail(c, "a deliberate difference (line " + entry.line() + ": " + entry.reason() + "), but httplib's"
                    + " transcript does not show '" + entry.shows() + "'\n" + report);
        }
        deliberateCount.incrementAndGet();
    }

    private void fail(OracleCase c, String message) {
        failed.incrementAndGet();
        synchronized (failures) {
            failures.add(c.id);
        }
        throw new AssertionError("case " + c.id + ": " + message);
    }

    /** Runs the case's steps through one library against a fresh replay server; returns the transcript. */
    private List<String> run(OracleCase c, boolean cpython) throws Exception {
        List<String> out = new ArrayList<>();
        List<byte[]> received;
        int port;
        try (ReplayServer server = new ReplayServer(c.connections)) {
            port = server.port();
            out.addAll(cpython ? python.run(c, port) : HttplibDriver.run(c, port));
            received = server.finish();
        }
        out.add("server connections " + received.size());
        for (int i = 0; i < received.size(); i++) {
            String bytes = ReplayServer.latin1(received.get(i)).replace("127.0.0.1:" + port, "127.0.0.1:PORT");
            if (c.maskConnectHead && i == 0 && bytes.startsWith("CONNECT ")) {
                int end = bytes.indexOf("\r\n\r\n");
                bytes = "<CONNECT head>" + (end < 0 ? "" : bytes.substring(end + 4));
            }
            out.add("server conn " + i + " received " + OracleTranscript.quote(bytes));
        }
        return out;
    }

    private static String report(OracleCase c, List<String> cpython, List<String> httplib) {
        StringBuilder b = new StringBuilder();
        b.append("  server:\n");
        for (int i = 0; i < c.connections.size(); i++) {
            b.append("    conn ").append(i).append(": ").append(shorten(c.connections.get(i).toString())).append('\n');
        }
        b.append("  steps: ").append(shorten(c.steps.toString())).append('\n');
        int n = Math.max(cpython.size(), httplib.size());
        for (int i = 0; i < n; i++) {
            String p = i < cpython.size() ? cpython.get(i) : "(none)";
            String h = i < httplib.size() ? httplib.get(i) : "(none)";
            if (p.equals(h)) {
                b.append("    same    ").append(shorten(p)).append('\n');
            } else {
                b.append("  ! cpython ").append(shorten(p)).append('\n');
                b.append("  ! httplib ").append(shorten(h)).append('\n');
            }
        }
        return b.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }
}
