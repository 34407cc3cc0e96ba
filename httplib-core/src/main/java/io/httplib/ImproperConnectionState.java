package io.httplib;

/**
 * Raised when a call does not fit the connection's state (see the state table in {@link HTTPConnection}).
 */
public class ImproperConnectionState extends HTTPException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public ImproperConnectionState(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ImproperConnectionState(String message, Throwable cause) {
        super(message, cause);
    }
}
