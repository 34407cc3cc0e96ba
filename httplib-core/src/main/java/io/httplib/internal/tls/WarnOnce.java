package io.httplib.internal.tls;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/** Logs one warning at most once per instance; the static instances make that once per JVM. */
public final class WarnOnce {

    /** The logger name for TLS warnings. */
    public static final String LOGGER_NAME = "io.httplib.tls";

    /** Warns that {@link io.httplib.TlsConfig#insecure()} is in use. */
    public static final WarnOnce INSECURE = new WarnOnce(System.getLogger(LOGGER_NAME),
            "INSECURE TLS: io.httplib.TlsConfig.insecure() is in use. Certificates and host names are NOT verified; "
                    + "any server, or anyone on the network path, can impersonate the server and read or change the traffic. "
                    + "Never use this in production.");

    /** Warns that a configuration turns host name verification off. */
    public static final WarnOnce NO_HOSTNAME_VERIFICATION = new WarnOnce(System.getLogger(LOGGER_NAME),
            "TLS host name verification is disabled by TlsConfig.Builder.verifyHostname(false): any certificate "
                    + "from a trusted CA is accepted for any host, so another site's certificate can impersonate the server.");

    private final Logger logger;
    private final String message;
    private final AtomicBoolean done = new AtomicBoolean();

    WarnOnce(Logger logger, String message) {
        this.logger = logger;
        this.message = message;
    }

    /**
     * Logs the warning at {@link Level#WARNING} if this instance has not logged it yet.
     *
     * @return whether this call logged it
     */
    public boolean warn() {
        if (done.compareAndSet(false, true)) {
            logger.log(Level.WARNING, message);
            return true;
        }
        return false;
    }
}
