package io.httplib.internal.http1;

import java.io.PrintStream;

/**
 * Formats httplib's {@code send:}, {@code reply:} and {@code header:} debug lines, as Python's
 * {@code http.client} prints them at debug level 1, but with credentials redacted: the values of
 * Authorization, Proxy-Authorization, Cookie and Set-Cookie never reach the output.
 *
 * <p>Where the lines go ({@link #of}): to the caller's {@link PrintStream} when one was given, at
 * debug level 1 or more, as Python prints; otherwise to the {@link System.Logger} named
 * {@value #LOGGER_NAME}, so that an application's logging system receives them with no dependency
 * here: at {@code INFO} when the debug level is 1 or more, and at {@code DEBUG}, whatever the
 * debug level, when that logger is enabled for {@code DEBUG}.
 */
public final class DebugLog {

    /** The logger wire lines go to when no {@link PrintStream} is given. */
    public static final String LOGGER_NAME = "io.httplib.wire";

    /** What replaces a sensitive value. */
    public static final String REDACTED = "<redacted>";

    private static final System.Logger WIRE = System.getLogger(LOGGER_NAME);

    private static final DebugLog WIRE_INFO = new DebugLog(null, System.Logger.Level.INFO);

    private static final DebugLog WIRE_DEBUG = new DebugLog(null, System.Logger.Level.DEBUG);

    private final PrintStream out;

    private final System.Logger.Level level;

    private DebugLog(PrintStream out, System.Logger.Level level) {
        this.out = out;
        this.level = level;
    }

    /**
     * Where the debug lines of a connection go now, or {@code null} when they are off: a caller
     * checks once per step and writes nothing (and formats nothing) when off.
     *
     * @param debugLevel the connection's debug level
     * @param out the connection's debug output, or {@code null} for the {@value #LOGGER_NAME} logger
     */
    public static DebugLog of(int debugLevel, PrintStream out) {
        if (out != null) {
            return (debugLevel > 0) ? new DebugLog(out, null) : null;
        }
        if (debugLevel > 0) {
            return WIRE_INFO;
        }
        return WIRE.isLoggable(System.Logger.Level.DEBUG) ? WIRE_DEBUG : null;
    }

    /** Writes a request head as one {@code send:} line. */
    public void send(byte[] head, int len) {
        send(this, head, len);
    }

    /** Writes that a body of n bytes was sent. */
    public void sendBody(long n) {
        println("send: body (" + n + " bytes)");
    }

    /** Writes the status line. */
    public void reply(String statusLine) {
        println("reply: '" + escape(statusLine) + "\\r\\n'");
    }

    /** Writes one response header. */
    public void header(String name, String value) {
        println("header: " + name + ": " + (isSensitive(name) ? REDACTED : escape(value)));
    }

    private void println(String line) {
        if (this.out != null) {
            this.out.println(line);
        } else {
            WIRE.log(this.level, line);
        }
    }

    /** @return whether the value of this header must not be printed */
    public static boolean isSensitive(String name) {
        return name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
                || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie");
    }

    private static void send(DebugLog log, byte[] head, int len) {
        StringBuilder b = new StringBuilder(len + 16).append("send: b'");
        int lineStart = 0;
        boolean redacting = false;
        for (int i = 0; i < len; i++) {
            if (head[i] == '\n') {
                redacting = appendLine(b, head, lineStart, i + 1, redacting);
                lineStart = i + 1;
            }
        }
        if (lineStart < len) {
            appendLine(b, head, lineStart, len, redacting);
        }
        log.println(b.append('\'').toString());
    }

    /** @return whether this line was a redacted header, so its continuation lines are redacted too */
    private static boolean appendLine(StringBuilder b, byte[] head, int from, int to, boolean redacting) {
        if (redacting && from < to && (head[from] == ' ' || head[from] == '\t')) {
            b.append("\\t").append(REDACTED).append("\\r\\n");
            return true;
        }
        int colon = -1;
        for (int i = from; i < to; i++) {
            if (head[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon > from) {
            String name = new String(head, from, colon - from, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (isSensitive(name)) {
                b.append(name).append(": ").append(REDACTED).append("\\r\\n");
                return true;
            }
        }
        for (int i = from; i < to; i++) {
            appendEscaped(b, (char) (head[i] & 0xff));
        }
        return false;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            appendEscaped(b, s.charAt(i));
        }
        return b.toString();
    }

    private static void appendEscaped(StringBuilder b, char c) {
        switch (c) {
            case '\r' -> b.append("\\r");
            case '\n' -> b.append("\\n");
            case '\t' -> b.append("\\t");
            case '\\' -> b.append("\\\\");
            case '\'' -> b.append("\\'");
            default -> {
                if (c < 0x20 || c >= 0x7f) {
                    b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                } else {
                    b.append(c);
                }
            }
        }
    }
}
