package io.httplib;

/**
 * Raised by {@code getResponse} when no request has been sent, or the previous response is still open.
 */
public class ResponseNotReady extends ImproperConnectionState {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public ResponseNotReady(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ResponseNotReady(String message, Throwable cause) {
        super(message, cause);
    }
}
