package io.httplib;

/**
 * Raised by {@code putHeader}/{@code endHeaders} outside the Request-started state.
 */
public class CannotSendHeader extends ImproperConnectionState {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public CannotSendHeader(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public CannotSendHeader(String message, Throwable cause) {
        super(message, cause);
    }
}
