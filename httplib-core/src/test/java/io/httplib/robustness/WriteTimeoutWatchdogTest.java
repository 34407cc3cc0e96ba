package io.httplib.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.httplib.HTTPConnection;
import io.httplib.testing.ScriptedServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The I/O-timeout watchdog (the daemon thread {@code httplib-io-timeout}) is not the caller's
 * thread: an interrupt sent to it (a careless "interrupt every thread" shutdown hook, a debugger)
 * must neither stop it nor make it spin. Before, it restored the interrupt flag, so every later
 * sleep failed at once and the thread burned a core for ever.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WriteTimeoutWatchdogTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static List<Thread> watchdogs() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("httplib-io-timeout") && t.isAlive()).toList();
    }

    private static long cpuNanos(List<Thread> threads) {
        long sum = 0;
        for (Thread t : threads) {
            long n = THREADS.getThreadCpuTime(t.getId());
            sum += Math.max(0, n);
        }
        return sum;
    }

    @Test
    void anInterruptedWatchdogDoesNotSpinAndStillEndsAStalledUpload() throws Exception {
        assertThat(THREADS.isThreadCpuTimeSupported()).as("thread CPU time is measurable on this JVM").isTrue();
        THREADS.setThreadCpuTimeEnabled(true);
        try (ScriptedServer server = ScriptedServer.start(ex -> {
                    ex.readRequestHead();
                    ex.pause(20_000); // never reads the body
                });
             HTTPConnection conn = new HTTPConnection("127.0.0.1", server.port(), Duration.ofMillis(500))) {
            conn.connect(); // a connection with a timeout: the watchdog runs
            List<Thread> watchdogs = watchdogs();
            assertThat(watchdogs).isNotEmpty();
            for (int i = 0; i < 5; i++) {
                watchdogs.forEach(Thread::interrupt);
                Thread.sleep(20);
            }

            long cpuBefore = cpuNanos(watchdogs);
            long wallBefore = System.nanoTime();
            Thread.sleep(1_000);
            long cpu = cpuNanos(watchdogs) - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            // Twenty 50 ms ticks cost well under a millisecond; a spinning thread takes all the CPU
            // it is given, hundreds of milliseconds even on a loaded machine.
            assertThat(TimeUnit.NANOSECONDS.toMillis(cpu))
                    .as("CPU ms of the watchdog over %d ms", TimeUnit.NANOSECONDS.toMillis(wall))
                    .isLessThan(50);
            assertThat(watchdogs()).as("the watchdog is still alive").isNotEmpty();

            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return 'u';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    Arrays.fill(b, off, off + len, (byte) 'u');
                    return len;
                }
            };
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> conn.request("PUT", "/upload", endless, null));
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
