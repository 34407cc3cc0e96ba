package io.httplib.internal.connect;

import io.httplib.internal.http1.HostAndPort;
import java.util.List;
import java.util.Map;

/**
 * A {@code CONNECT} tunnel through an HTTP proxy: the target it opens and the headers that go to
 * the proxy, and only to the proxy (e.g. {@code Proxy-Authorization}).
 *
 * @param host the target host, without brackets
 * @param port the target port
 * @param headers the extra CONNECT headers, validated, in order
 */
public record Tunnel(String host, int port, List<Map.Entry<String, String>> headers) {

    /** Copies the header list. */
    public Tunnel {
        headers = List.copyOf(headers);
    }

    /** @return {@code host:port}, as the CONNECT request target and its {@code Host} */
    public String authority() {
        return HostAndPort.authority(host, port);
    }
}
