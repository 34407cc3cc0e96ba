package io.httplib;

/**
 * Raised when a response uses a transfer coding other than {@code chunked}, or puts {@code chunked} anywhere but last (RFC 9112 section 6.1): such a body cannot be framed safely.
 */
public class UnknownTransferEncoding extends HTTPException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public UnknownTransferEncoding(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public UnknownTransferEncoding(String message, Throwable cause) {
        super(message, cause);
    }
}
