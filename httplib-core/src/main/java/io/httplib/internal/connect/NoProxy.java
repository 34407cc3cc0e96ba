package io.httplib.internal.connect;

import io.httplib.internal.tls.HostNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts that bypass the proxy, as curl's {@code NO_PROXY}: a comma- (or space-) separated list
 * of {@code *} (every host), host names that match themselves and every subdomain (a leading
 * {@code .} or {@code *.} is allowed and means the same), IP literals, and CIDR ranges
 * ({@code 10.0.0.0/8}, {@code fd00::/8}). Matching is on the host as written in the URL; no name is
 * resolved. Immutable.
 */
public final class NoProxy {

    private static final NoProxy NONE = new NoProxy(List.of(), List.of(), false, "");

    private final List<String> domains;
    private final List<Cidr> ranges;
    private final boolean all;
    private final String text;

    private NoProxy(List<String> domains, List<Cidr> ranges, boolean all, String text) {
        this.domains = domains;
        this.ranges = ranges;
        this.all = all;
        this.text = text;
    }

    /** @return a list that matches nothing */
    public static NoProxy none() {
        return NONE;
    }

    /**
     * @param entries the entries, each a list item as described above (items may also be comma-separated)
     * @return the list
     * @throws IllegalArgumentException for an entry that is neither a host name, an IP literal
     *     nor a valid CIDR range, naming it
     */
    public static NoProxy parse(List<String> entries) {
        List<String> domains = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        boolean all = false;
        List<String> kept = new ArrayList<>();
        for (String entry : entries) {
            for (String raw : entry.split("[,\\s]+")) {
                String e = raw.trim().toLowerCase(Locale.ROOT);
                if (e.isEmpty()) {
                    continue;
                }
                kept.add(e);
                if (e.equals("*")) {
                    all = true;
                } else if (e.indexOf('/') >= 0) {
                    ranges.add(Cidr.parse(e));
                } else {
                    String h = HostNames.stripBrackets(e);
                    if (h.startsWith("*.")) {
                        h = h.substring(2);
                    } else if (h.startsWith(".")) {
                        h = h.substring(1);
                    }
                    if (h.endsWith(".")) {
                        h = h.substring(0, h.length() - 1);
                    }
                    if (h.isEmpty() || h.indexOf('*') >= 0) {
                        throw new IllegalArgumentException("invalid no-proxy entry '" + raw
                                + "': expected *, a host name, a domain, an IP address or a CIDR range");
                    }
                    if (HostNames.isIpLiteral(h)) {
                        InetAddress a = literal(h, raw);
                        ranges.add(new Cidr(a.getAddress(), a.getAddress().length * 8));
                    } else {
                        domains.add(h);
                    }
                }
            }
        }
        if (kept.isEmpty()) {
            return NONE;
        }
        return new NoProxy(List.copyOf(domains), List.copyOf(ranges), all, String.join(",", kept));
    }

    /**
     * @param host the host as written in the URL (brackets allowed)
     * @return whether requests to it go direct
     */
    public boolean matches(String host) {
        if (all) {
            return true;
        }
        String h = HostNames.stripBrackets(host).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!ranges.isEmpty() && HostNames.isIpLiteral(h)) {
            byte[] address;
            try {
                address = literal(h, host).getAddress();
            } catch (IllegalArgumentException e) {
                return false;
            }
            for (Cidr c : ranges) {
                if (c.contains(address)) {
                    return true;
                }
            }
            return false;
        }
        for (String d : domains) {
            if (h.equals(d) || (h.length() > d.length() && h.endsWith(d) && h.charAt(h.length() - d.length() - 1) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the list is empty */
    public boolean isEmpty() {
        return !all && domains.isEmpty() && ranges.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * An IP literal, parsed without any lookup: IPv4 strictly as a dotted quad here (the JDK would
     * take a malformed one for a host name and resolve it), IPv6 by the JDK in brackets.
     */
    private static InetAddress literal(String h, String raw) {
        try {
            if (h.indexOf(':') >= 0) {
                return InetAddress.getByName("[" + h + "]");
            }
            String[] parts = h.split("\\.", -1);
            if (parts.length != 4) {
                throw new UnknownHostException(h);
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3) {
                    throw new UnknownHostException(h);
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    throw new UnknownHostException(h);
                }
                b[i] = (byte) v;
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException("invalid IP address in no-proxy entry '" + raw + "'");
        }
    }

    /** An address range: the first {@code bits} bits of {@code network}. */
    private record Cidr(byte[] network, int bits) {

        static Cidr parse(String e) {
            int slash = e.indexOf('/');
            String addr = HostNames.stripBrackets(e.substring(0, slash));
            String len = e.substring(slash + 1);
            if (!HostNames.isIpLiteral(addr) || len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid CIDR range in no-proxy entry '" + e + "'");
            }
            byte[] network = literal(addr, e).getAddress();
            int bits = Integer.parseInt(len);
            if (bits > network.length * 8) {
                throw new IllegalArgumentException("prefix length " + bits + " too long for the address in no-proxy entry '"
                        + e + "'");
            }
            return new Cidr(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
