package io.httplib.internal.http1;

/**
 * A host and port as parsed from httplib's host strings: {@code "host"}, {@code "host:port"},
 * {@code "[v6addr]"}, {@code "[v6addr]:port"}, or a bare IPv6 literal.
 *
 * @param host the host, without brackets
 * @param port the port, 1 to 65535
 */
public record HostAndPort(String host, int port) {

    /**
     * @param hostString the host string
     * @param port an explicit port; negative to take it from the host string or the default; 0 is
     *     refused like any port outside 1-65535
     * @param defaultPort the scheme's port
     * @throws IllegalArgumentException for an empty host, control characters, or a bad port
     */
    public static HostAndPort parse(String hostString, int port, int defaultPort) {
        if (hostString == null || hostString.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        String h = hostString;
        int p = port;
        if (p > 65535 || p == 0) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
        int colon = h.lastIndexOf(':');
        int bracket = h.lastIndexOf(']');
        boolean bareV6 = bracket < 0 && colon >= 0 && h.indexOf(':') != colon;
        if (colon > bracket && !bareV6) {
            String ps = h.substring(colon + 1);
            h = h.substring(0, colon);
            if (p <= 0) {
                p = ps.isEmpty() ? defaultPort : parsePort(ps, hostString);
            }
        }
        if (p <= 0) {
            p = defaultPort;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        } else if (h.indexOf('[') >= 0 || h.indexOf(']') >= 0) {
            throw new IllegalArgumentException("unbalanced brackets in host: " + Syntax.describe(hostString));
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty: " + Syntax.describe(hostString));
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '/' || c == '?' || c == '#' || c == '@') {
                throw new IllegalArgumentException("invalid character in host: " + Syntax.describe(hostString));
            }
        }
        return new HostAndPort(h, p);
    }

    private static int parsePort(String ps, String hostString) {
        if (ps.length() > 5 || !ps.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("nonnumeric port: " + Syntax.describe(ps) + " in host " + Syntax.describe(hostString));
        }
        int v = Integer.parseInt(ps);
        if (v < 1 || v > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + ps + " in host " + Syntax.describe(hostString));
        }
        return v;
    }

    /** @return the host, bracketed when it is an IPv6 literal */
    public static String bracket(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** @return {@code host:port}, the host bracketed when it is an IPv6 literal */
    public static String authority(String host, int port) {
        return bracket(host) + ":" + port;
    }
}
