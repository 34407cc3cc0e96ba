package io.httplib.internal.http1;

import java.io.PrintStream;
import java.util.Objects;

/**
 * A connection's debug level and output, shared by the parts that print wire lines
 * (establishment for {@code CONNECT}, the codec for requests and replies), so that every line of
 * one connection goes to the same place at the same level. Formatting and redaction are
 * {@link DebugLog}'s. Not thread-safe: it belongs to one connection.
 */
public final class WireDebug {

    private int level;
    private PrintStream out;

    /**
     * @param level 0 for silence
     * @param out where lines go
     */
    public WireDebug(int level, PrintStream out) {
        this.level = level;
        this.out = Objects.requireNonNull(out, "out");
    }

    /** @return whether lines are printed */
    public boolean on() {
        return level > 0;
    }

    /** @param level 0 for silence */
    public void level(int level) {
        this.level = level;
    }

    /** @param out where lines go */
    public void output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints a request head ({@code send:}). */
    public void send(byte[] head, int len) {
        DebugLog.send(out, head, len);
    }

    /** Prints that a body of n bytes was sent. */
    public void sendBody(long n) {
        DebugLog.sendBody(out, n);
    }

    /** Prints a status line ({@code reply:}). */
    public void reply(String statusLine) {
        DebugLog.reply(out, statusLine);
    }

    /** Prints one received header ({@code header:}). */
    public void header(String name, String value) {
        DebugLog.header(out, name, value);
    }
}
