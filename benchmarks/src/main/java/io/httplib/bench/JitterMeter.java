package io.httplib.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * How late the machine runs a thread that asked to wake up: a platform thread parks for 1 ms over
 * and over and keeps the largest overshoot. It is what any waiter meets once it has been handed
 * what it waited for (the operating system's run queue, GC pauses), so a pool's largest acquire
 * wait can be read against it: a wait no longer than this jitter plus the fair wait is the
 * machine's, not the pool's.
 */
final class JitterMeter {

    private static final long PARK_NANOS = 1_000_000;

    private final Thread thread;
    private volatile boolean stop;
    private volatile long maxOvershootNanos;

    private JitterMeter() {
        this.thread = new Thread(this::loop, "jitter-meter");
        this.thread.setDaemon(true);
    }

    static JitterMeter start() {
        JitterMeter m = new JitterMeter();
        m.thread.start();
        return m;
    }

    private void loop() {
        long max = 0;
        while (!stop) {
            long t0 = System.nanoTime();
            LockSupport.parkNanos(PARK_NANOS);
            long over = System.nanoTime() - t0 - PARK_NANOS;
            if (over > max) {
                max = over;
                maxOvershootNanos = max;
            }
        }
    }

    /** Stops the meter; @return the largest overshoot seen, in ms */
    double stopMaxMillis() throws InterruptedException {
        stop = true;
        thread.join(5_000);
        return maxOvershootNanos / 1e6;
    }
}
