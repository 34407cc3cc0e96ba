package io.httplib.internal.http1;

import io.httplib.HTTPLimits;
import io.httplib.InvalidURL;
import io.httplib.RequestHeadTooLarge;
import java.util.Map;

/**
 * What one request will look like on the wire, decided and checked before any connection is used:
 * every caller input validated (method, target, header names and values, sizes), and the body
 * framing chosen from the caller's headers and body. The counterpart of {@link Framing} for
 * requests; a pure function of its inputs, so a client can run it before asking a pool for a
 * connection.
 *
 * @param skipHost the caller gave {@code Host}
 * @param skipAcceptEncoding the caller gave {@code Accept-Encoding}
 * @param mode how the body is framed
 * @param length the body length for {@link Mode#FIXED}
 * @param addLengthHeader httplib adds {@code Content-Length: length}
 * @param addChunkedHeader httplib adds {@code Transfer-Encoding: chunked}
 * @param expectContinue the caller asked for {@code Expect: 100-continue}
 */
public record RequestFraming(boolean skipHost, boolean skipAcceptEncoding, Mode mode, long length,
        boolean addLengthHeader, boolean addChunkedHeader, boolean expectContinue) {

    /** How the request body goes out. */
    public enum Mode {
        /** No body. */
        NONE,
        /** Exactly {@code length} bytes. */
        FIXED,
        /** Chunked. */
        CHUNKED,
        /** A writer of unknown length: Content-Length if it ends within a buffer, else chunked. */
        ADAPTIVE
    }

    /**
     * @param method the method
     * @param target the request target
     * @param headers the caller's headers, or null: each value a {@code String} (one line), or an
     *     {@code Iterable} of {@code String}s (one line per value, in order)
     * @param body the body, or null
     * @param limits bounds on what is sent
     * @return the framing
     * @throws InvalidURL for a target with control characters or spaces, or one too long
     * @throws RequestHeadTooLarge when the request line and the caller's headers already pass
     *     {@link HTTPLimits#maxRequestHeaders()} or {@link HTTPLimits#maxRequestHeadBytes()}
     * @throws IllegalArgumentException for any other invalid input, naming it
     */
    public static RequestFraming decide(String method, String target, Map<String, ?> headers, RequestBody body,
            HTTPLimits limits) throws InvalidURL {
        Syntax.checkMethod(method);
        checkTarget(target);
        checkRequestLine(method, target, limits);
        Scan scan = new Scan(limits, method.length() + 1L + (target == null ? 1 : target.length()) + 11);
        if (headers != null) {
            for (Map.Entry<String, ?> h : headers.entrySet()) {
                String name = h.getKey();
                Syntax.checkHeaderName(name);
                Object value = h.getValue();
                if (value instanceof String v) {
                    scan.field(name, v);
                } else if (value instanceof Iterable<?> values) {
                    int n = 0;
                    for (Object v : values) {
                        if (!(v instanceof String)) {
                            throw new IllegalArgumentException("header " + Syntax.describe(name)
                                    + " has a value that is not a String: " + (v == null ? "null" : v.getClass().getName()));
                        }
                        scan.field(name, (String) v);
                        n++;
                    }
                    if (n == 0) {
                        throw new IllegalArgumentException("header " + Syntax.describe(name) + " has no value");
                    }
                } else {
                    throw new IllegalArgumentException("header " + Syntax.describe(name)
                            + " must have a String or a collection of Strings as its value, got "
                            + (value == null ? "null" : value.getClass().getName()));
                }
            }
        }
        boolean hasHost = scan.hosts > 0;
        boolean hasAcceptEncoding = scan.acceptEncoding;
        boolean hasLength = scan.declaredLength >= 0;
        boolean hasTransferEncoding = scan.transferEncoding;
        boolean expectContinue = scan.expectContinue;
        long declaredLength = scan.declaredLength;
        if (hasLength && hasTransferEncoding) {
            throw new IllegalArgumentException("a request may not have both Content-Length and Transfer-Encoding");
        }
        if (hasTransferEncoding && !scan.chunkedGiven) {
            throw new IllegalArgumentException("the only transfer coding httplib sends is chunked");
        }
        if (hasLength && body != null && body.length() >= 0 && body.length() != declaredLength) {
            throw new IllegalArgumentException("Content-Length header says " + declaredLength
                    + " but the body has " + body.length() + " bytes");
        }
        if (hasLength && body == null && declaredLength != 0) {
            throw new IllegalArgumentException("Content-Length header says " + declaredLength + " but there is no body");
        }
        if (hasLength) {
            return new RequestFraming(hasHost, hasAcceptEncoding, body == null ? Mode.NONE : Mode.FIXED, declaredLength,
                    false, false, expectContinue);
        }
        if (hasTransferEncoding) {
            // Without a body the caller still announced chunked: the last chunk goes out, so the
            // server is not left waiting for one.
            return new RequestFraming(hasHost, hasAcceptEncoding, Mode.CHUNKED, -1, false, false, expectContinue);
        }
        if (body == null) {
            // RFC 9110 section 8.6: a request whose method defines a body says it has none.
            boolean zero = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
            return new RequestFraming(hasHost, hasAcceptEncoding, Mode.NONE, 0, zero, false, expectContinue);
        }
        if (body.length() >= 0) {
            return new RequestFraming(hasHost, hasAcceptEncoding, Mode.FIXED, body.length(), true, false, expectContinue);
        }
        if (body.isWriter() && !expectContinue) {
            return new RequestFraming(hasHost, hasAcceptEncoding, Mode.ADAPTIVE, -1, false, false, false);
        }
        return new RequestFraming(hasHost, hasAcceptEncoding, Mode.CHUNKED, -1, false, true, expectContinue);
    }

    /** What the caller's header lines say, and their count and size against the head limits. */
    private static final class Scan {
        private final HTTPLimits limits;
        private long bytes;
        private int fields;
        int hosts;
        boolean acceptEncoding;
        boolean transferEncoding;
        boolean chunkedGiven;
        boolean expectContinue;
        long declaredLength = -1;

        Scan(HTTPLimits limits, long requestLineBytes) {
            this.limits = limits;
            this.bytes = requestLineBytes + 2; // the empty line that ends the head
        }

        void field(String name, String value) {
            Syntax.checkHeaderValue(name, value);
            checkHeaderLine(name, value.length(), limits);
            fields++;
            bytes += name.length() + 4L + value.length();
            if (fields > limits.maxRequestHeaders()) {
                throw new RequestHeadTooLarge("maxRequestHeaders", limits.maxRequestHeaders(), fields);
            }
            if (bytes > limits.maxRequestHeadBytes()) {
                throw new RequestHeadTooLarge("maxRequestHeadBytes", limits.maxRequestHeadBytes(), bytes);
            }
            if (name.equalsIgnoreCase("Host")) {
                if (++hosts > 1) {
                    // RFC 9112 section 3.2: exactly one Host; two could be read differently by two servers.
                    throw new IllegalArgumentException("a request may carry only one Host header");
                }
            } else if (name.equalsIgnoreCase("Accept-Encoding")) {
                acceptEncoding = true;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                long v = parseDeclaredLength(value);
                if (declaredLength >= 0 && v != declaredLength) {
                    throw new IllegalArgumentException("conflicting Content-Length values " + declaredLength + " and " + v);
                }
                declaredLength = v;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                transferEncoding = true;
                chunkedGiven |= Syntax.listContains(value, "chunked");
            } else if (name.equalsIgnoreCase("Expect")) {
                expectContinue |= value.trim().equalsIgnoreCase("100-continue");
            }
        }
    }

    /**
     * Refuses a target with controls, spaces or characters outside latin-1 (request smuggling,
     * bpo-30458); null (no target) passes.
     */
    public static void checkTarget(String url) throws InvalidURL {
        if (url == null) {
            return;
        }
        int bad = Syntax.badTargetChar(url);
        if (bad >= 0) {
            throw new InvalidURL("URL can't contain control characters, spaces or non-ASCII characters"
                    + " (percent-encode them): " + Syntax.describe(url)
                    + " (found at least " + Syntax.describe(String.valueOf(url.charAt(bad))) + ")");
        }
    }

    /**
     * Refuses a request line (CRLF included) longer than {@link HTTPLimits#maxLineLength()}: what httplib would
     * refuse to read, it does not send (servers answer 414 or drop the connection).
     */
    public static void checkRequestLine(String method, String target, HTTPLimits limits) throws InvalidURL {
        long size = method.length() + 1L + (target == null ? 1 : target.length()) + " HTTP/1.1\r\n".length();
        if (size > limits.maxLineLength()) {
            throw new InvalidURL("request line of " + size + " bytes is longer than the limit of "
                    + limits.maxLineLength() + " (HTTPLimits.maxLineLength)");
        }
    }

    /** Refuses a header line (CRLF included) longer than {@link HTTPLimits#maxLineLength()}, as for responses. */
    public static void checkHeaderLine(String name, long valueLength, HTTPLimits limits) {
        long size = name.length() + 2L + valueLength + 2;
        if (size > limits.maxLineLength()) {
            throw new IllegalArgumentException("header " + Syntax.describe(name) + " line of " + size
                    + " bytes is longer than the limit of " + limits.maxLineLength() + " (HTTPLimits.maxLineLength)");
        }
    }

    private static long parseDeclaredLength(String v) {
        String t = v.trim();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Content-Length must be a decimal number: " + Syntax.describe(v));
        }
        return Long.parseLong(t);
    }
}
