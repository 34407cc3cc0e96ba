package io.httplib;

import java.time.Duration;

/**
 * Timeouts in the units the JDK waits in, without overflow: {@link Duration#toNanos()} fails past
 * about 292 years and {@link Duration#toMillis()} past 292 million, so a caller's "wait for ever"
 * ({@code ChronoUnit.FOREVER.getDuration()}, {@code Duration.ofSeconds(Long.MAX_VALUE)}) would
 * otherwise surface as an {@link ArithmeticException} from a builder or in the middle of a call.
 * Longer durations saturate instead.
 */
final class Durations {

    /**
     * About 73 years: longer than any process waits, and small enough that {@code System.nanoTime()}
     * plus it never wraps, so deadlines built from it still compare correctly.
     */
    static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private static final Duration FOREVER = Duration.ofNanos(FOREVER_NANOS);

    private Durations() {
    }

    /** @return {@code d} in nanoseconds, at most {@link #FOREVER_NANOS} */
    static long nanos(Duration d) {
        return d.compareTo(FOREVER) >= 0 ? FOREVER_NANOS : d.toNanos();
    }

    /** @return {@code d} in milliseconds, at most {@link Integer#MAX_VALUE} (socket timeouts are ints) */
    static int millisInt(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, nanos(d) / 1_000_000);
    }
}
