package io.httplib.internal.tls;

import java.util.Optional;
import javax.net.ssl.SNIHostName;

/** Host name handling for SNI (RFC 6066 section 3) without any DNS lookup. */
public final class HostNames {

    private HostNames() {}

    /**
     * @param host a host as written in a URL, possibly a bracketed IPv6 literal
     * @return the host without the brackets of an IPv6 literal
     */
    public static String stripBrackets(String host) {
        if (host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    /**
     * @param host a host without brackets
     * @return whether it is an IPv4 or IPv6 literal; anything with a colon is IPv6 (a DNS name
     *     cannot hold one), and a name of only digits and dots is treated as IPv4 (a DNS name's
     *     last label cannot be all-numeric)
     */
    public static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 6066: the SNI HostName is a DNS name without a trailing dot; IP literals are not
     * permitted.
     *
     * @param host a host without brackets
     * @return the SNI name to send, or empty for IP literals and names that are not valid
     *     (IDNA/STD3) DNS names
     */
    public static Optional<SNIHostName> sniName(String host) {
        if (isIpLiteral(host)) {
            return Optional.empty();
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            // E.g. an underscore: not a valid DNS host name, so send no SNI rather than fail.
            return Optional.empty();
        }
    }
}
