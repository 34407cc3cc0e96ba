package io.httplib.internal.connect;

import io.httplib.HTTPLimits;
import io.httplib.TlsConfig;
import java.net.InetSocketAddress;

/**
 * Everything establishment needs to open one connection, fixed when the connection is configured.
 *
 * @param host the host to open TCP to: the origin, or the proxy when {@code tunnel} is set
 * @param port its port
 * @param tunnel the CONNECT tunnel to open through the proxy, or null
 * @param tls the TLS configuration for the origin, or null for plain HTTP
 * @param connectTimeoutMillis bound of the TCP connect, and of each read of the CONNECT exchange
 *     and the TLS handshake; 0 for none (then reads use {@code readTimeoutMillis})
 * @param readTimeoutMillis the read timeout of the established connection, 0 for none
 * @param sourceAddress the local address to bind, or null
 * @param limits the parser limits, for the CONNECT reply
 */
public record ConnectSpec(String host, int port, Tunnel tunnel, TlsConfig tls, int connectTimeoutMillis,
        int readTimeoutMillis, InetSocketAddress sourceAddress, HTTPLimits limits) {

    /** @return the host TLS verifies and SNI names: the tunnel's target, else the host */
    public String originHost() {
        return tunnel != null ? tunnel.host() : host;
    }

    /** @return the port of {@link #originHost()} */
    public int originPort() {
        return tunnel != null ? tunnel.port() : port;
    }

    /** @return the per-read bound of the CONNECT exchange and the TLS handshake, 0 for none */
    int handshakeTimeoutMillis() {
        return connectTimeoutMillis > 0 ? connectTimeoutMillis : readTimeoutMillis;
    }
}
