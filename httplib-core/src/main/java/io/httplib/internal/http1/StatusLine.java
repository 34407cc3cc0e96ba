package io.httplib.internal.http1;

import io.httplib.BadStatusLine;
import io.httplib.RemoteDisconnected;
import io.httplib.UnknownProtocol;

/**
 * A parsed status line: RFC 9112 section 4, {@code HTTP-version SP status-code [SP reason]}, read
 * strictly where a lenient reading changes the framing (exactly one SP, exactly three digits) and
 * as CPython's {@code http.client} reads it otherwise:
 * <ul>
 * <li>{@code HTTP/1.0} is 1.0; {@code HTTP/1.1} to {@code HTTP/1.9} are 1.1, since a recipient
 *     treats a higher minor version as the highest one it supports (RFC 9112 section 2.3);</li>
 * <li>any other version after {@code HTTP/} ({@code HTTP/2}, {@code HTTP/3.0}, {@code HTTP/},
 *     {@code HTTP/0.9}, {@code HTTP/1.x}) is an {@link UnknownProtocol}; a line that does not
 *     start with {@code HTTP/}, or whose code or separators are malformed, a {@link BadStatusLine};</li>
 * <li>the reason phrase loses leading and trailing SP and HTAB; control characters in it are refused.</li>
 * </ul>
 *
 * @param version 10 or 11 (9 for a non-strict HTTP/0.9 reply)
 * @param status the three-digit code
 * @param reason the reason phrase without surrounding whitespace, possibly empty
 * @param line the line as received
 */
public record StatusLine(int version, int status, String reason, String line) {

    /** What a non-strict connection makes of a reply without a status line. */
    public static final StatusLine HTTP_09 = new StatusLine(9, 200, "", "");

    /**
     * @param line the first line of a response, terminator removed; null when the peer closed first
     * @return the parsed status line
     */
    public static StatusLine parse(String line) throws BadStatusLine, UnknownProtocol {
        if (line == null) {
            throw new RemoteDisconnected("Remote end closed connection without response");
        }
        if (!line.startsWith("HTTP/")) {
            throw new BadStatusLine(line);
        }
        int sp = line.indexOf(' ');
        // The code first, as CPython does: a malformed code is a bad line whatever the version.
        // Exactly one space, three digits, then the end or one space and the reason.
        if (sp < 0 || line.length() < sp + 4) {
            throw new BadStatusLine(line);
        }
        char a = line.charAt(sp + 1);
        char b = line.charAt(sp + 2);
        char c = line.charAt(sp + 3);
        if (!isDigit(a) || !isDigit(b) || !isDigit(c) || a == '0') {
            throw new BadStatusLine(line);
        }
        int status = (a - '0') * 100 + (b - '0') * 10 + (c - '0');
        int reasonStart = sp + 4;
        if (line.length() > reasonStart && line.charAt(reasonStart) != ' ') {
            throw new BadStatusLine(line);
        }
        // The version is compared in place: no substring for the common case.
        int version;
        if (sp == 8 && line.startsWith("HTTP/1.") && isDigit(line.charAt(7))) {
            version = line.charAt(7) == '0' ? 10 : 11;
        } else {
            throw new UnknownProtocol(line.substring(0, sp));
        }
        return new StatusLine(version, status, reason(line, reasonStart), line);
    }

    /** The reason phrase after the code, without surrounding SP/HTAB; refuses control characters. */
    private static String reason(String line, int from) throws BadStatusLine {
        int end = line.length();
        if (end - from == 3 && line.endsWith(" OK")) {
            return "OK"; // the common case costs no substring
        }
        for (int i = from; i < end; i++) {
            char r = line.charAt(i);
            if ((r < 0x20 && r != '\t') || r == 0x7f) {
                throw new BadStatusLine(line);
            }
        }
        int start = from;
        while (start < end && Syntax.isOws(line.charAt(start))) {
            start++;
        }
        while (end > start && Syntax.isOws(line.charAt(end - 1))) {
            end--;
        }
        return start == end ? "" : line.substring(start, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
