package io.httplib;

/**
 * Raised when the proxy answers a {@code CONNECT} (see {@link HTTPConnection#setTunnel}) with a
 * status other than 2xx, e.g. 407 Proxy Authentication Required.
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
        super("Tunnel connection to " + target + " failed: " + status + " " + reason);
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
