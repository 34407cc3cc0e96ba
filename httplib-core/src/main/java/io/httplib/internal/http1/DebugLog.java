package io.httplib.internal.http1;

import java.io.PrintStream;

/**
 * Formats httplib's {@code send:}, {@code reply:} and {@code header:} debug lines, as Python's
 * {@code http.client} prints them at debug level 1, but with credentials redacted: the values of
 * Authorization, Proxy-Authorization, Cookie and Set-Cookie never reach the output.
 */
public final class DebugLog {
    private DebugLog() {}

    /** What replaces a sensitive value. */
    public static final String REDACTED = "<redacted>";

    /** @return whether the value of this header must not be printed */
    public static boolean isSensitive(String name) {
        return name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
                || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie");
    }

    /** Prints a request head as one {@code send:} line. */
    public static void send(PrintStream out, byte[] head, int len) {
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
        out.println(b.append('\'').toString());
    }

    /** Prints that a body of n bytes was sent. */
    public static void sendBody(PrintStream out, long n) {
        out.println("send: body (" + n + " bytes)");
    }

    /** Prints the status line. */
    public static void reply(PrintStream out, String statusLine) {
        out.println("reply: '" + escape(statusLine) + "\\r\\n'");
    }

    /** Prints one response header. */
    public static void header(PrintStream out, String name, String value) {
        out.println("header: " + name + ": " + (isSensitive(name) ? REDACTED : escape(value)));
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
