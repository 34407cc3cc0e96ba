package io.httplib;

/**
 * Raised by {@code putRequest}/{@code request} when a request is already started, or the previous response has not been read to its end or closed.
 */
public class CannotSendRequest extends ImproperConnectionState {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public CannotSendRequest(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public CannotSendRequest(String message, Throwable cause) {
        super(message, cause);
    }
}
