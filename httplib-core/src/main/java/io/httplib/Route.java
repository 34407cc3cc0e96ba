package io.httplib;

import io.httplib.internal.http1.HostAndPort;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where pooled connections go: connections are shared only between requests of the same route,
 * the proxy they go through included.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host the host, lower case, without brackets for IPv6 literals
 * @param port the port, 1 to 65535
 * @param proxy the HTTP proxy requests go through, or null for a direct connection
 */
public record Route(String scheme, String host, int port, HttpProxy proxy) {

    /**
     * A direct route.
     *
     * @param scheme {@code http} or {@code https}
     * @param host the host
     * @param port the port, 1 to 65535
     */
    public Route(String scheme, String host, int port) {
        this(scheme, host, port, null);
    }


    /** Normalizes scheme and host to lower case and checks the values. */
    public Route {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https, got " + scheme);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /**
     * @param uri an absolute {@code http} or {@code https} URI
     * @return its route; the port defaults to the scheme's
     * @throws IllegalArgumentException for a relative URI, another scheme or no host
     */
    public static Route of(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null) {
            throw new IllegalArgumentException("URI must be absolute with a host: " + uri);
        }
        return new Route(scheme, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : defaultPort(scheme));
    }

    static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : HTTPConnection.HTTP_PORT;
    }

    /**
     * @param proxy the proxy, or null
     * @return this route through {@code proxy}
     */
    public Route via(HttpProxy proxy) {
        return Objects.equals(proxy, this.proxy) ? this : new Route(scheme, host, port, proxy);
    }

    /** @return whether {@code other} has the same scheme, host and port, whatever the proxy */
    public boolean sameOrigin(Route other) {
        return port == other.port && host.equals(other.host) && scheme.equals(other.scheme);
    }

    /** @return e.g. {@code http://example.com:80}, or {@code https://example.com:443 via proxy:3128} */
    @Override
    public String toString() {
        String origin = scheme + "://" + HostAndPort.authority(host, port);
        return proxy == null ? origin : origin + " via " + proxy;
    }

    // Written out rather than generated: a record's generated equals/hashCode bootstrap through
    // invokedynamic on first use, which the pool would pay at every cold start.
    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && port == r.port && host.equals(r.host) && scheme.equals(r.scheme)
                && (proxy == null ? r.proxy == null : proxy.equals(r.proxy));
    }

    @Override
    public int hashCode() {
        return ((scheme.hashCode() * 31 + host.hashCode()) * 31 + port) * 31 + (proxy == null ? 0 : proxy.hashCode());
    }

}
