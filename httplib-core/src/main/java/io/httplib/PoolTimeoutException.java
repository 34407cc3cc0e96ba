package io.httplib;

/**
 * Raised when no pooled connection became free within the pool's acquire timeout (or the
 * request's deadline, when that is sooner). Nothing was sent.
 */
public class PoolTimeoutException extends HTTPException {
    private static final long serialVersionUID = 1L;

    /** @param message e.g. {@code timed out after 5s waiting for a connection to http://h:80 (leased 20 of 20)} */
    public PoolTimeoutException(String message) {
        super(message);
    }
}
