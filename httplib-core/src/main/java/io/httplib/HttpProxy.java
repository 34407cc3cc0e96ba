package io.httplib;

import io.httplib.internal.http1.HostAndPort;
import io.httplib.internal.http1.Syntax;
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
     * @param host the proxy's host name or address (IPv6 with or without brackets), without a port
     * @param port its port, 1 to 65535
     * @throws IllegalArgumentException for an empty host, one with whitespace, control characters,
     *     {@code / ? # @} or a port of its own ({@code proxy:3128}), or a port out of range
     */
    public HttpProxy(String host, int port) {
        Objects.requireNonNull(host, "host");
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty()) {
            throw new IllegalArgumentException("proxy host must not be empty");
        }
        checkHost(h, host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range 1-65535: " + port);
        }
        this.host = h.toLowerCase(Locale.ROOT);
        this.port = port;
    }

    /**
     * Refuses what no host name or address contains, so that a misconfigured proxy fails when it is
     * configured rather than as an unknown host at the first request: a URL, user info, spaces, or
     * {@code host:port} in the host (one colon; an IPv6 literal has two or more).
     */
    private static void checkHost(String h, String given) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '/' || c == '?' || c == '#' || c == '@' || c == '[' || c == ']') {
                throw new IllegalArgumentException("invalid character in proxy host: " + Syntax.describe(given));
            }
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            throw new IllegalArgumentException("proxy host " + Syntax.describe(given)
                    + " has a port: give the host alone and the port apart");
        }
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
