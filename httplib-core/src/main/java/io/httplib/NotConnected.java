package io.httplib;

/**
 * Raised when an operation needs an open connection and there is none, and auto-connect is not possible.
 */
public class NotConnected extends HTTPException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public NotConnected(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public NotConnected(String message, Throwable cause) {
        super(message, cause);
    }
}
