package io.httplib;

import java.time.Duration;

/**
 * Raised when a caller's turn for a pooled connection did not come within the pool's acquire
 * timeout (or the request's deadline, when that is sooner). Nothing was sent. The caller left the
 * queue: it is never given a connection afterwards.
 */
public class PoolTimeoutException extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final Duration waited;
    private final int queueLength;

    /**
     * @param message e.g. {@code timed out after 5.001s waiting for a connection to http://h:80 (queue: 12 for the
     *     route, 12 in the pool; leased 20 of 20 for the route, 20 of 100 in total)}
     * @param waited how long the caller waited
     * @param queueLength how many callers were still waiting for the same route when it gave up
     */
    public PoolTimeoutException(String message, Duration waited, int queueLength) {
        super(message);
        this.waited = waited;
        this.queueLength = queueLength;
    }

    /** @param message the message; {@link #waited()} is zero and {@link #queueLength()} 0 */
    public PoolTimeoutException(String message) {
        this(message, Duration.ZERO, 0);
    }

    /** @return how long the caller waited for its turn */
    public Duration waited() {
        return waited;
    }

    /** @return how many callers were still waiting for the same route when this one gave up */
    public int queueLength() {
        return queueLength;
    }
}
