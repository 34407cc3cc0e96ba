package io.httplib.internal;

import java.time.Duration;

/**
 * The one place where the {@link Duration}s of the API become numbers, so that no setting
 * overflows later ({@code ChronoUnit.FOREVER.getDuration()}, {@code Duration.ofSeconds(Long.MAX_VALUE)}
 * and 200,000 days are all accepted). Every builder calls it; the rules per setting are in
 * {@code docs/configuration.md} ("Durations: zero and the largest values").
 *
 * <ul>
 * <li>Negative durations are refused, naming the setting.</li>
 * <li>Socket timeouts are whole milliseconds in an {@code int}, 0 meaning none: a value past
 *     {@link #MAX_SOCKET_TIMEOUT} (about 24.8 days) is no limit.</li>
 * <li>Every other duration past {@link #NO_LIMIT_PAST} (100 years) is no limit: such settings
 *     are kept as at most that many nanoseconds, so {@code System.nanoTime()} arithmetic on them
 *     (differences up to 292 years) cannot overflow.</li>
 * </ul>
 */
public final class Durations {
    private Durations() {}

    /** Past this a duration setting means "no limit": longer than any process runs. */
    public static final Duration NO_LIMIT_PAST = Duration.ofDays(36_525);

    /** {@link #NO_LIMIT_PAST} in nanoseconds, the most any setting is kept as. */
    public static final long NO_LIMIT_NANOS = NO_LIMIT_PAST.toNanos();

    /** The longest socket timeout Java can set ({@code Integer.MAX_VALUE} ms, about 24.8 days). */
    public static final Duration MAX_SOCKET_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    /**
     * @param d a duration, or null
     * @param setting its name, for the message
     * @return d
     * @throws IllegalArgumentException when d is negative
     */
    public static Duration notNegative(Duration d, String setting) {
        if (d != null && d.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative, got " + d);
        }
        return d;
    }

    /** @return whether d is past {@link #NO_LIMIT_PAST}, i.e. means "no limit" */
    public static boolean isUnlimited(Duration d) {
        return d != null && d.compareTo(NO_LIMIT_PAST) > 0;
    }

    /**
     * A socket timeout ({@code Socket.setSoTimeout}, {@code connect}) in milliseconds.
     *
     * @return 0 (no timeout) for null, zero, or past {@link #MAX_SOCKET_TIMEOUT}; otherwise the
     *     milliseconds, at least 1 (a positive duration under a millisecond is not "none")
     * @throws IllegalArgumentException when d is negative
     */
    public static int socketMillis(Duration d, String setting) {
        notNegative(d, setting);
        if (d == null || d.isZero() || d.compareTo(MAX_SOCKET_TIMEOUT) > 0) {
            return 0;
        }
        return (int) Math.max(1, d.toMillis());
    }

    /** @return d in milliseconds, at most {@code Integer.MAX_VALUE}, without overflow */
    public static int clampedMillis(Duration d) {
        return d.compareTo(MAX_SOCKET_TIMEOUT) > 0 ? Integer.MAX_VALUE : (int) d.toMillis();
    }

    /** @return d in nanoseconds, at most {@link #NO_LIMIT_NANOS} (past that: no limit), without overflow */
    public static long nanos(Duration d) {
        return isUnlimited(d) ? NO_LIMIT_NANOS : d.toNanos();
    }

    /** @return null (no limit) for null or past {@link #NO_LIMIT_PAST}; d otherwise */
    public static Duration limitOrNull(Duration d) {
        return d == null || isUnlimited(d) ? null : d;
    }
}
