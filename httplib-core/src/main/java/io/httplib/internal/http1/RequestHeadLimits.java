package io.httplib.internal.http1;

import io.httplib.HTTPLimits;
import io.httplib.RequestHeadTooLarge;

/**
 * The request-side bounds of {@link HTTPLimits} on a {@link RequestHead} being built: checked as
 * each field is added, so neither the buffer nor the socket ever sees a head over them.
 */
public final class RequestHeadLimits {
    private RequestHeadLimits() {}

    /** CRLF: the empty line that ends every head. */
    private static final int END_OF_HEAD = 2;

    /**
     * Checks that one more field line of {@code lineBytes} bytes (CRLF included) fits.
     *
     * @throws RequestHeadTooLarge when it does not
     */
    public static void checkField(HTTPLimits limits, RequestHead head, long lineBytes) {
        check(limits, head.fields() + 1, head.length() + lineBytes + END_OF_HEAD);
    }

    /**
     * Checks the head as built so far (request line and fields), with its final CRLF.
     *
     * @throws RequestHeadTooLarge when it is over a limit
     */
    public static void checkHead(HTTPLimits limits, RequestHead head) {
        check(limits, head.fields(), head.length() + (long) END_OF_HEAD);
    }

    private static void check(HTTPLimits limits, int fields, long bytes) {
        if (fields > limits.maxRequestHeaders()) {
            throw new RequestHeadTooLarge("maxRequestHeaders", limits.maxRequestHeaders(), fields);
        }
        if (bytes > limits.maxRequestHeadBytes()) {
            throw new RequestHeadTooLarge("maxRequestHeadBytes", limits.maxRequestHeadBytes(), bytes);
        }
    }
}
