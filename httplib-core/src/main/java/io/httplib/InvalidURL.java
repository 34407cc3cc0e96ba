package io.httplib;

/**
 * Raised for a request target that cannot be sent: empty, or containing spaces, control characters, CR, LF or NUL. Nothing has been written to the socket when it is thrown.
 */
public class InvalidURL extends HTTPException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public InvalidURL(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public InvalidURL(String message, Throwable cause) {
        super(message, cause);
    }
}
