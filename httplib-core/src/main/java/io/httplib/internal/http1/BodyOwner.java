package io.httplib.internal.http1;

/**
 * Told by a body stream how the body ended, so the connection can be kept or closed. Body streams
 * never close the socket themselves.
 */
public interface BodyOwner {

    /** The body was read to its end; framing is intact. */
    void bodyComplete(long bytes);

    /** Reading failed or the body was abandoned before its end; the connection cannot be reused. */
    void bodyBroken(long bytes, Exception cause);
}
