package io.httplib;

/**
 * Kept for parity with Python's {@code http.client}; httplib never raises it itself.
 */
public class UnimplementedFileMode extends HTTPException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public UnimplementedFileMode(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public UnimplementedFileMode(String message, Throwable cause) {
        super(message, cause);
    }
}
