package io.httplib.internal.http1;

import io.httplib.HTTPException;
import io.httplib.HTTPLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a header (or trailer) block from the wire. Every line that RFC 9112 lets a recipient
 * misread is refused rather than reinterpreted: a line without a colon, whitespace before the
 * colon, an empty name, a bare CR, a NUL, or a fold before the first field. Lines are parsed
 * from the connection's buffer in place (latin-1, byte for char); only the values, and names
 * outside {@link #COMMON_NAMES}, become Strings.
 */
public final class HeaderParser {
    private HeaderParser() {}

    /** Field names most responses carry, returned as constants when received in exactly this case. */
    private static final String[] COMMON_NAMES = {
        "Date", "Server", "Content-Type", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive",
        "Cache-Control", "ETag", "Last-Modified", "Expires", "Vary", "Location", "Set-Cookie", "Accept-Ranges",
        "Content-Encoding", "Age", "Via", "Strict-Transport-Security",
    };

    private static final byte[][] COMMON_NAME_BYTES = new byte[COMMON_NAMES.length][];

    static {
        for (int i = 0; i < COMMON_NAMES.length; i++) {
            COMMON_NAME_BYTES[i] = COMMON_NAMES[i].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Reads fields up to and including the empty line.
     *
     * @param in the connection's buffer
     * @param limits the bounds to enforce
     * @param into where fields are appended
     * @param budget bytes of head still allowed (see {@link HTTPLimits#maxHeaderBytes()})
     * @param what {@code "header"} or {@code "trailer"}, for messages
     * @return the budget left
     */
    public static int read(HttpInputBuffer in, HTTPLimits limits, HeaderFields into, int budget, String what)
            throws IOException {
        return read(in, limits, into, budget, what, false, null);
    }

    /**
     * Reads fields up to and including the empty line, taking the name and value Strings of
     * {@code previous} (the last head read on the same connection) where the field at the same
     * position has the same bytes: a server repeats most of its head from one response to the
     * next ({@code Server}, {@code Content-Type}, {@code Connection}), and Strings are immutable,
     * so those cost no allocation. The fields read are exactly what {@link #read} would give.
     *
     * @param previous the fields of the previous head, or null
     * @return the budget left
     */
    public static int read(HttpInputBuffer in, HTTPLimits limits, HeaderFields into, int budget, String what,
            HeaderFields previous) throws IOException {
        return read(in, limits, into, budget, what, false, previous);
    }

    /**
     * Reads the trailer section after the last chunk (RFC 9112 section 7.1.2). The end of the
     * stream ends it as well as the empty line does, as in CPython ("a vanishingly small number of
     * sites EOF without sending the trailer"): the body before it is complete. A trailer line cut
     * by the end is dropped; the fields received whole are kept. The caller must not reuse the
     * connection afterwards ({@link HttpInputBuffer#atEof()} tells).
     *
     * @return the budget left
     */
    public static int readTrailers(HttpInputBuffer in, HTTPLimits limits, HeaderFields into, int budget)
            throws IOException {
        return read(in, limits, into, budget, "trailer", true, null);
    }

    private static int read(HttpInputBuffer in, HTTPLimits limits, HeaderFields into, int budget, String what,
            boolean endsAtEof, HeaderFields previous) throws IOException {
        int count = 0;
        // A constant, not a concatenation per line: this loop runs once per header of every response.
        String lineLabel = what.equals("header") ? "header line" : what.equals("trailer") ? "trailer line" : what + " line";
        // The last field's value while continuation lines are unfolded into it: one builder, so
        // thousands of tiny folds cost linear, not quadratic, copying.
        StringBuilder folded = null;
        while (true) {
            int len = in.readLineView(limits.maxLineLength(), lineLabel);
            if (len < 0 || !in.lastLineTerminated()) {
                if (endsAtEof) {
                    setFolded(into, folded);
                    return budget;
                }
                throw new HTTPException("connection closed in the middle of the " + what + "s");
            }
            budget -= len + 2;
            if (budget < 0) {
                throw new HTTPException(what + "s larger than " + limits.maxHeaderBytes() + " bytes");
            }
            if (len == 0) {
                setFolded(into, folded);
                return budget;
            }
            byte[] b = in.lineArray();
            int start = in.lineOffset();
            int end = start + len;
            int colon = -1;
            for (int i = start; i < end; i++) {
                byte c = b[i];
                if (c == '\r') {
                    throw new HTTPException("bare CR in " + what + " line: " + describe(b, start, len));
                }
                if (c == 0) {
                    throw new HTTPException("NUL in " + what + " line: " + describe(b, start, len));
                }
                if (c == ':' && colon < 0) {
                    colon = i;
                }
            }
            if (b[start] == ' ' || b[start] == '\t') {
                // obs-fold (RFC 9112 section 5.2): unfold to a single space.
                if (into.size() == 0) {
                    throw new HTTPException("continuation line before the first " + what + ": " + describe(b, start, len));
                }
                // Every line counts against the field limit, as in CPython: otherwise a head of
                // thousands of one-byte continuation lines would slip past maxHeaders.
                if (++count > limits.maxHeaders()) {
                    throw new HTTPException("got more than " + limits.maxHeaders() + " " + what + " lines");
                }
                if (folded == null) {
                    folded = new StringBuilder(into.lastValue());
                }
                String more = trimmed(b, start, end);
                if (folded.length() > 0) {
                    folded.append(' ');
                }
                folded.append(more);
                continue;
            }
            setFolded(into, folded);
            folded = null;
            if (colon <= start) {
                throw new HTTPException("malformed " + what + " line (" + (colon == start ? "empty name" : "no colon")
                        + "): " + describe(b, start, len));
            }
            for (int i = start; i < colon; i++) {
                if (!Syntax.isTchar((char) (b[i] & 0xff))) {
                    throw new HTTPException("invalid character in " + what + " name (RFC 9112 section 5.1 forbids "
                            + "whitespace before the colon): " + describe(b, start, len));
                }
            }
            if (++count > limits.maxHeaders()) {
                throw new HTTPException("got more than " + limits.maxHeaders() + " " + what + "s");
            }
            int index = into.size();
            if (previous != null && index < previous.size()) {
                into.add(sameName(previous.names()[index], b, start, colon),
                        sameValue(previous.values()[index], b, colon + 1, end));
            } else {
                into.add(name(b, start, colon), trimmed(b, colon + 1, end));
            }
        }
    }

    /** The name before the colon: {@code known} itself when it has exactly these bytes. */
    private static String sameName(String known, byte[] b, int start, int colon) {
        return sameBytes(known, b, start, colon) ? known : name(b, start, colon);
    }

    /** The value between from and to, trimmed: {@code known} itself when it has exactly these bytes. */
    private static String sameValue(String known, byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (sameBytes(known, b, from, to)) {
            return known;
        }
        return from == to ? "" : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Whether {@code s} is exactly the latin-1 reading of {@code b[from, to)}. */
    static boolean sameBytes(String s, byte[] b, int from, int to) {
        if (s.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i - from) != (char) (b[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static void setFolded(HeaderFields into, StringBuilder folded) {
        if (folded != null) {
            into.setLastValue(folded.toString());
        }
    }

    /** The bytes between from and to without surrounding SP/HTAB, as a latin-1 String. */
    private static String trimmed(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return from == to ? "" : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The name before the colon; a shared constant for the common names, so they cost no allocation. */
    private static String name(byte[] b, int start, int colon) {
        int n = colon - start;
        outer:
        for (int k = 0; k < COMMON_NAME_BYTES.length; k++) {
            byte[] known = COMMON_NAME_BYTES[k];
            if (known.length != n) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (known[i] != b[start + i]) {
                    continue outer;
                }
            }
            return COMMON_NAMES[k];
        }
        return new String(b, start, n, StandardCharsets.ISO_8859_1);
    }

    private static String describe(byte[] b, int start, int len) {
        return Syntax.describe(new String(b, start, len, StandardCharsets.ISO_8859_1));
    }
}
