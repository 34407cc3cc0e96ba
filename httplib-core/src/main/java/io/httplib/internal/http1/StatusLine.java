package io.httplib.internal.http1;

import io.httplib.BadStatusLine;
import io.httplib.RemoteDisconnected;
import io.httplib.UnknownProtocol;

/**
 * A parsed status line. Parsing follows RFC 9112 section 4 strictly, because a lenient reading of
 * the first line is where response framing starts to go wrong.
 *
 * @param version 10 or 11 (9 for a non-strict HTTP/0.9 reply)
 * @param status the three-digit code
 * @param reason the reason phrase, possibly empty
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
        // "HTTP/1.1 200" is 12 chars at least.
        if (line.length() < 12 || !line.startsWith("HTTP/")) {
            throw new BadStatusLine(line);
        }
        int sp = line.indexOf(' ');
        if (sp < 0) {
            throw new BadStatusLine(line);
        }
        // The version is compared in place: no substring for the common case.
        int version;
        if (sp == 8 && line.startsWith("HTTP/1.1")) {
            version = 11;
        } else if (sp == 8 && line.startsWith("HTTP/1.0")) {
            version = 10;
        } else if (sp == 8 && Character.isDigit(line.charAt(5)) && line.charAt(6) == '.'
                && Character.isDigit(line.charAt(7))) {
            throw new UnknownProtocol(line.substring(0, sp));
        } else {
            throw new BadStatusLine(line);
        }
        // Exactly one space, three digits, then the end or one space and the reason.
        if (line.length() < 12) {
            throw new BadStatusLine(line);
        }
        char a = line.charAt(9);
        char b = line.charAt(10);
        char c = line.charAt(11);
        if (!isDigit(a) || !isDigit(b) || !isDigit(c)) {
            throw new BadStatusLine(line);
        }
        int status = (a - '0') * 100 + (b - '0') * 10 + (c - '0');
        if (status < 100) {
            throw new BadStatusLine(line);
        }
        String reason;
        if (line.length() == 12) {
            reason = "";
        } else if (line.charAt(12) == ' ') {
            reason = line.length() == 15 && line.endsWith(" OK") ? "OK" : line.substring(13);
            for (int i = 0; i < reason.length(); i++) {
                char r = reason.charAt(i);
                if ((r < 0x20 && r != '\t') || r == 0x7f) {
                    throw new BadStatusLine(line);
                }
            }
        } else {
            throw new BadStatusLine(line);
        }
        return new StatusLine(version, status, reason, line);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
