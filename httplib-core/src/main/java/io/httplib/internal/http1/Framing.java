package io.httplib.internal.http1;

import io.httplib.HTTPException;
import io.httplib.UnknownTransferEncoding;

/**
 * How a response body is delimited and whether the connection survives it: RFC 9112 section 6.3
 * applied in order, refusing every combination that two parsers could read differently
 * (the basis of response smuggling).
 *
 * @param kind the framing
 * @param length the body length for {@link Kind#FIXED}
 * @param keepAlive whether the connection may carry another request after this body
 */
public record Framing(Kind kind, long length, boolean keepAlive) {

    /** The four ways a response body can be delimited. */
    public enum Kind { EMPTY, FIXED, CHUNKED, UNTIL_CLOSE }

    /** More digits than this overflow a long; refuse before parsing. */
    private static final int MAX_LENGTH_DIGITS = 18;

    /**
     * @param requestMethod the method of the request this answers
     * @param status the status line
     * @param headers the response headers
     * @return the framing
     */
    public static Framing decide(String requestMethod, StatusLine status, HeaderFields headers) throws HTTPException {
        int code = status.status();
        boolean keepAlive = keepAlive(status.version(), headers);
        if (status.version() == 9) {
            return new Framing(Kind.UNTIL_CLOSE, -1, false);
        }
        if (code == 101) {
            // The connection now speaks another protocol; it is never reused for HTTP/1.1.
            return new Framing(Kind.EMPTY, 0, false);
        }
        String te = null;
        boolean hasLength = false;
        String[] names = headers.names();
        for (int i = 0; i < headers.size(); i++) {
            if (names[i].equalsIgnoreCase("Transfer-Encoding")) {
                te = te == null ? headers.values()[i] : te + "," + headers.values()[i];
            } else if (names[i].equalsIgnoreCase("Content-Length")) {
                hasLength = true;
            }
        }
        long length = hasLength ? contentLength(headers) : -1;
        if (te != null && hasLength) {
            throw new HTTPException("response has both Transfer-Encoding and Content-Length"
                    + " (RFC 9112 section 6.3 item 3; refused as a response-smuggling vector)");
        }
        boolean noBody = requestMethod.equals("HEAD") || code == 204 || code == 304 || (code >= 100 && code < 200);
        if (noBody) {
            return new Framing(Kind.EMPTY, 0, keepAlive);
        }
        if (te != null) {
            checkChunkedLast(te);
            // HTTP/1.0 has no chunked coding: RFC 9112 section 6.1 says read it, then close.
            return new Framing(Kind.CHUNKED, -1, keepAlive && status.version() == 11);
        }
        if (hasLength) {
            return new Framing(length == 0 ? Kind.EMPTY : Kind.FIXED, length, keepAlive);
        }
        return new Framing(Kind.UNTIL_CLOSE, -1, false);
    }

    private static boolean keepAlive(int version, HeaderFields headers) {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        if (version == 11) {
            return true;
        }
        // HTTP/1.0 keeps the connection only when the server says so.
        return version == 10 && (headers.hasToken("Connection", "keep-alive") || headers.first("Keep-Alive") != null);
    }

    /** Transfer-Encoding is a list (RFC 9112 section 6.1); chunked must be last and the only coding we know. */
    private static void checkChunkedLast(String te) throws HTTPException {
        String[] codings = te.split(",", -1);
        int n = 0;
        for (int i = 0; i < codings.length; i++) {
            String c = Syntax.trimOws(codings[i]);
            if (c.isEmpty()) {
                continue;
            }
            n++;
            if (!c.equalsIgnoreCase("chunked")) {
                throw new UnknownTransferEncoding("unsupported transfer coding " + Syntax.describe(c)
                        + " in Transfer-Encoding: " + Syntax.describe(te) + " (only chunked is supported)");
            }
        }
        if (n != 1) {
            throw new UnknownTransferEncoding(n == 0 ? "empty Transfer-Encoding"
                    : "chunked applied more than once in Transfer-Encoding: " + Syntax.describe(te));
        }
    }

    /** Digits only; repeated identical values collapse (RFC 9110 section 8.6); anything else is refused. */
    private static long contentLength(HeaderFields headers) throws HTTPException {
        long value = -1;
        String[] names = headers.names();
        for (int i = 0; i < headers.size(); i++) {
            if (!names[i].equalsIgnoreCase("Content-Length")) {
                continue;
            }
            String raw = headers.values()[i];
            // A single value (the usual case) is parsed as it is, without splitting.
            String[] parts = raw.indexOf(',') < 0 ? null : raw.split(",", -1);
            for (int k = 0; k < (parts == null ? 1 : parts.length); k++) {
                String p = Syntax.trimOws(parts == null ? raw : parts[k]);
                long v = parseDigits(p, raw);
                if (value >= 0 && v != value) {
                    throw new HTTPException("conflicting Content-Length values: " + Syntax.describe(raw)
                            + " (refused as a response-smuggling vector)");
                }
                value = v;
            }
        }
        return value;
    }

    private static long parseDigits(String p, String raw) throws HTTPException {
        if (p.isEmpty() || p.length() > MAX_LENGTH_DIGITS) {
            throw new HTTPException("invalid Content-Length: " + Syntax.describe(raw));
        }
        long v = 0;
        for (int k = 0; k < p.length(); k++) {
            char c = p.charAt(k);
            if (c < '0' || c > '9') {
                throw new HTTPException("invalid Content-Length: " + Syntax.describe(raw));
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
