package io.httplib;

/**
 * Raised when the proxy answers a {@code CONNECT} (see {@link HTTPConnection#setTunnel}) with a
 * status other than 2xx; {@link ProxyAuthenticationRequired} for 407, also when a proxy refuses a
 * plain request for want of credentials.
 */
public class TunnelRefused extends HTTPException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    /**
     * @param target the host:port the tunnel was asked for
     * @param status the proxy's status code
     * @param reason the proxy's reason phrase
     */
    public TunnelRefused(String target, int status, String reason) {
        this(status, reason, "Tunnel connection to " + target + " failed: " + status + " " + reason);
    }

    /**
     * @param status the proxy's status code
     * @param reason the proxy's reason phrase
     * @param message the whole message
     */
    protected TunnelRefused(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    /** @return the proxy's status code */
    public int getStatus() {
        return status;
    }

    /** @return the proxy's reason phrase */
    public String getReason() {
        return reason;
    }
}
