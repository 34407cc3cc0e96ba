package io.httplib.internal.http1;

import java.io.PrintStream;

/**
 * A connection's debug level and output, shared by the parts that print wire lines
 * (establishment for {@code CONNECT}, the codec for requests and replies), so that every line of
 * one connection goes to the same place at the same level. Where lines go, formatting and
 * redaction are {@link DebugLog}'s. Not thread-safe: it belongs to one connection.
 */
public final class WireDebug {

    private int level;
    private PrintStream out;

    /**
     * @param level 0 for silence (unless the {@code io.httplib.wire} logger is at {@code DEBUG})
     * @param out where lines go; null for the {@code io.httplib.wire} {@link System.Logger}
     */
    public WireDebug(int level, PrintStream out) {
        this.level = level;
        this.out = out;
    }

    /**
     * @return where this step's lines go, or null when they are off: a caller checks once per
     *     step and formats nothing when off
     */
    public DebugLog log() {
        return DebugLog.of(level, out);
    }

    /** @param level 0 for silence */
    public void level(int level) {
        this.level = level;
    }

    /** @param out where lines go; null for the {@code io.httplib.wire} logger */
    public void output(PrintStream out) {
        this.out = out;
    }
}
