package io.httplib;

import io.httplib.internal.http1.HostAndPort;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP proxy: where requests go when {@link ProxyConfig} routes them through one. Plain
 * {@code http} requests are sent to it in absolute form; {@code https} requests through a
 * {@code CONNECT} tunnel, with TLS end to end with the origin. Immutable.
 */
public final class HttpProxy {

    private final String host;
    private final int port;

    /**
     * @param host the proxy's host name or address (IPv6 with or without brackets)
     * @param port its port, 1 to 65535
     * @throws IllegalArgumentException for an empty host or a port out of range
     */
    public HttpProxy(String host, int port) {
        Objects.requireNonNull(host, "host");
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty()) {
            throw new IllegalArgumentException("proxy host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range 1-65535: " + port);
        }
        this.host = h.toLowerCase(Locale.ROOT);
        this.port = port;
    }

    /** @return the host, lower case, without brackets */
    public String host() {
        return host;
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return {@code host:port}, IPv6 bracketed */
    @Override
    public String toString() {
        return HostAndPort.authority(host, port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpProxy p && port == p.port && host.equals(p.host);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }
}
