package io.httplib;

import java.io.IOException;

/**
 * Base class of every error httplib raises about the HTTP exchange itself, as {@code
 * http.client.HTTPException} is in Python. It is an {@link IOException}, so code that already
 * handles I/O failures handles protocol failures too; socket-level failures such as {@link
 * java.net.SocketTimeoutException} and {@link java.net.ConnectException} surface unwrapped.
 */
public class HTTPException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the expected and the actual value where there is one */
    public HTTPException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public HTTPException(String message, Throwable cause) {
        super(message, cause);
    }
}
