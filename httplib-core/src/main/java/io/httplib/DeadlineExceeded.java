package io.httplib;

import java.net.SocketTimeoutException;

/**
 * Raised when a request's whole-exchange deadline ({@code HttplibClient.Builder.requestTimeout}
 * or {@code ClientRequest.Builder.timeout}) passes: while waiting for a pooled connection,
 * connecting, sending, waiting for the response or reading its body. The connection is closed.
 * It is a {@link SocketTimeoutException}, so code handling socket timeouts handles it too.
 */
public class DeadlineExceeded extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    /** @param message what timed out, with the deadline */
    public DeadlineExceeded(String message) {
        super(message);
    }
}
