package io.httplib.internal.http1;

import io.httplib.HTTPException;
import io.httplib.HTTPLimits;
import java.io.IOException;

/**
 * Reads a header (or trailer) block from the wire. Every line that RFC 9112 lets a recipient
 * misread is refused rather than reinterpreted: a line without a colon, whitespace before the
 * colon, an empty name, a bare CR, or a fold before the first field.
 */
public final class HeaderParser {
    private HeaderParser() {}

    /**
     * Reads fields up to and including the empty line.
     *
     * @param in the connection's buffer
     * @param limits the bounds to enforce
     * @param into where fields are appended
     * @param budget bytes of head still allowed (see {@link HTTPLimits#maxHeaderBytes()})
     * @return the budget left
     */
    public static int read(HttpInputBuffer in, HTTPLimits limits, HeaderFields into, int budget, String what)
            throws IOException {
        int count = 0;
        // The last field's value while continuation lines are unfolded into it: one builder, so
        // thousands of tiny folds cost linear, not quadratic, copying.
        StringBuilder folded = null;
        while (true) {
            String line = in.readLine(limits.maxLineLength(), what + " line");
            if (line == null || !in.lastLineTerminated()) {
                throw new HTTPException("connection closed in the middle of the " + what + "s");
            }
            budget -= line.length() + 2;
            if (budget < 0) {
                throw new HTTPException(what + "s larger than " + limits.maxHeaderBytes() + " bytes");
            }
            if (line.isEmpty()) {
                setFolded(into, folded);
                return budget;
            }
            if (line.indexOf('\r') >= 0) {
                throw new HTTPException("bare CR in " + what + " line: " + Syntax.describe(line));
            }
            char first = line.charAt(0);
            if (Syntax.isOws(first)) {
                // obs-fold (RFC 9112 section 5.2): unfold to a single space.
                if (into.size() == 0) {
                    throw new HTTPException("continuation line before the first " + what + ": " + Syntax.describe(line));
                }
                // Every line counts against the field limit, as in CPython: otherwise a head of
                // thousands of one-byte continuation lines would slip past maxHeaders.
                if (++count > limits.maxHeaders()) {
                    throw new HTTPException("got more than " + limits.maxHeaders() + " " + what + " lines");
                }
                String more = Syntax.trimOws(line);
                checkValue(more, line, what);
                if (folded == null) {
                    folded = new StringBuilder(into.lastValue());
                }
                if (folded.length() > 0) {
                    folded.append(' ');
                }
                folded.append(more);
                continue;
            }
            setFolded(into, folded);
            folded = null;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HTTPException("malformed " + what + " line (" + (colon == 0 ? "empty name" : "no colon")
                        + "): " + Syntax.describe(line));
            }
            for (int i = 0; i < colon; i++) {
                if (!Syntax.isTchar(line.charAt(i))) {
                    throw new HTTPException("invalid character in " + what + " name (RFC 9112 section 5.1 forbids "
                            + "whitespace before the colon): " + Syntax.describe(line));
                }
            }
            if (++count > limits.maxHeaders()) {
                throw new HTTPException("got more than " + limits.maxHeaders() + " " + what + "s");
            }
            // Trim the value in place: one substring instead of two.
            int b = colon + 1;
            int e = line.length();
            while (b < e && Syntax.isOws(line.charAt(b))) {
                b++;
            }
            while (e > b && Syntax.isOws(line.charAt(e - 1))) {
                e--;
            }
            String value = line.substring(b, e);
            checkValue(value, line, what);
            into.add(name(line, colon), value);
        }
    }

    private static void setFolded(HeaderFields into, StringBuilder folded) {
        if (folded != null) {
            into.setLastValue(folded.toString());
        }
    }

    /** Field names most responses carry, returned as constants when received in exactly this case. */
    private static final String[] COMMON_NAMES = {
        "Date", "Server", "Content-Type", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive",
        "Cache-Control", "ETag", "Last-Modified", "Expires", "Vary", "Location", "Set-Cookie", "Accept-Ranges",
        "Content-Encoding", "Age", "Via", "Strict-Transport-Security",
    };

    /** The name before the colon; a shared constant for the common names, so they cost no allocation. */
    private static String name(String line, int colon) {
        for (String known : COMMON_NAMES) {
            if (known.length() == colon && line.startsWith(known)) {
                return known;
            }
        }
        return line.substring(0, colon);
    }

    private static void checkValue(String value, String line, String what) throws HTTPException {
        if (value.indexOf(0) >= 0) {
            throw new HTTPException("NUL in " + what + " value: " + Syntax.describe(line));
        }
    }
}
