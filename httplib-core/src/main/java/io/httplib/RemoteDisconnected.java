package io.httplib;

/**
 * Raised when the server closed the connection before sending any byte of a response. On a
 * reused keep-alive connection this usually means the server timed the connection out, so the
 * request can be retried when it is idempotent.
 */
public class RemoteDisconnected extends BadStatusLine {
    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public RemoteDisconnected(String message) {
        super("", message);
    }
}
