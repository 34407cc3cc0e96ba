package io.httplib;

import io.httplib.internal.connect.NoProxy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which requests of an {@link HttplibClient} go through an HTTP proxy: none ({@link #none()}, the
 * default), one fixed proxy, or the JVM's proxy settings ({@link ProxySelector#getDefault()}:
 * {@code http.proxyHost}, {@code https.proxyHost}, {@code http.nonProxyHosts}), with a list of
 * hosts that always go direct ({@link Builder#noProxy}) and the credentials to present
 * ({@link Builder#credentials}, {@link Builder#authenticator}). Immutable and thread-safe.
 *
 * <pre>{@code
 * ProxyConfig proxy = ProxyConfig.builder()
 *         .proxy("proxy.corp.example", 3128)
 *         .credentials("svc-orders", System.getenv("PROXY_PASSWORD"))
 *         .noProxy("localhost", ".corp.example", "10.0.0.0/8")
 *         .build();
 * HTTPConnectionFactory factory = HTTPConnectionFactory.builder().proxy(proxy).build();
 * }</pre>
 *
 * <p>Plain {@code http} requests are sent to the proxy in absolute form with
 * {@code Proxy-Authorization}; {@code https} requests go through a {@code CONNECT} tunnel (the
 * credentials on the CONNECT only) and TLS runs end to end with the origin, whose name is
 * verified — never the proxy's. Connections through different proxies, or none, are pooled apart.
 * SOCKS proxies are not supported: a selector that picks one fails the request.
 */
public final class ProxyConfig {

    private static final ProxyConfig NONE = new ProxyConfig(null, null, false, NoProxy.none(), null);

    private final HttpProxy proxy;
    private final ProxySelector selector;
    private final boolean systemSelector;
    private final NoProxy noProxy;
    private final ProxyAuthenticator authenticator;

    private ProxyConfig(HttpProxy proxy, ProxySelector selector, boolean systemSelector, NoProxy noProxy,
            ProxyAuthenticator authenticator) {
        this.proxy = proxy;
        this.selector = selector;
        this.systemSelector = systemSelector;
        this.noProxy = noProxy;
        this.authenticator = authenticator;
    }

    /** @return the configuration that sends every request directly */
    public static ProxyConfig none() {
        return NONE;
    }

    /**
     * @param host the proxy host
     * @param port the proxy port
     * @return every request through this proxy, without credentials
     */
    public static ProxyConfig of(String host, int port) {
        return builder().proxy(host, port).build();
    }

    /** @return the JVM's proxy settings ({@link ProxySelector#getDefault()}, read at each request) */
    public static ProxyConfig system() {
        return builder().useSystemProxies().build();
    }

    /** @return a builder; without a proxy or selector it builds {@link #none()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether every request goes direct (no proxy, no selector) */
    public boolean isDirect() {
        return proxy == null && selector == null && !systemSelector;
    }

    /**
     * Picks the proxy for one request.
     *
     * @param scheme {@code http} or {@code https}
     * @param host the origin host (no brackets)
     * @param port the origin port
     * @return the proxy, or null to connect directly
     * @throws HTTPException when the JVM's selector picks a SOCKS proxy, which httplib cannot use
     */
    public HttpProxy select(String scheme, String host, int port) throws HTTPException {
        if (isDirect() || noProxy.matches(host)) {
            return null;
        }
        if (proxy != null) {
            return proxy;
        }
        ProxySelector s = systemSelector ? ProxySelector.getDefault() : selector;
        if (s == null) {
            return null;
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        List<Proxy> choices = s.select(URI.create(scheme + "://" + h + ":" + port + "/"));
        if (choices == null || choices.isEmpty() || choices.get(0).type() == Proxy.Type.DIRECT) {
            return null;
        }
        Proxy p = choices.get(0);
        if (p.type() != Proxy.Type.HTTP || !(p.address() instanceof InetSocketAddress a)) {
            throw new HTTPException("the proxy selector chose " + p + " for " + scheme + "://" + h + ":" + port
                    + "; httplib supports HTTP proxies only");
        }
        return new HttpProxy(a.getHostString(), a.getPort());
    }

    /** @return whether the JVM's {@link ProxySelector#getDefault()} picks the proxy per request */
    public boolean usesSystemProxies() {
        return systemSelector;
    }

    /** @return the fixed proxy, or null */
    public HttpProxy proxy() {
        return proxy;
    }

    /** @return the hosts that go direct, as given (comma-separated), or empty */
    public String noProxy() {
        return noProxy.toString();
    }

    /** @return what supplies {@code Proxy-Authorization}, or null for none */
    public ProxyAuthenticator authenticator() {
        return authenticator;
    }

    /** Describes the configuration; never includes credentials. */
    @Override
    public String toString() {
        if (isDirect()) {
            return "ProxyConfig[none]";
        }
        return "ProxyConfig[" + (proxy != null ? proxy : systemSelector ? "system" : "selector " + selector)
                + (noProxy.isEmpty() ? "" : ", noProxy=" + noProxy)
                + (authenticator != null ? ", authenticated" : "") + "]";
    }

    /** Builds a {@link ProxyConfig}. Not thread-safe. */
    public static final class Builder {
        private HttpProxy proxy;
        private ProxySelector selector;
        private boolean systemSelector;
        private List<String> noProxy = List.of();
        private ProxyAuthenticator authenticator;

        private Builder() {}

        /** @param host the proxy host @param port its port @return this */
        public Builder proxy(String host, int port) {
            return proxy(new HttpProxy(host, port));
        }

        /** @param proxy every request not excluded goes through it; null for none @return this */
        public Builder proxy(HttpProxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /** @param selector picks the proxy per request (HTTP proxies only); null for none @return this */
        public Builder selector(ProxySelector selector) {
            this.selector = selector;
            return this;
        }

        /**
         * Uses the JVM's {@link ProxySelector#getDefault()}, looked up at each request:
         * {@code http.proxyHost}/{@code http.proxyPort}, {@code https.proxyHost}/{@code https.proxyPort},
         * {@code http.nonProxyHosts}, or the system's settings with {@code java.net.useSystemProxies}.
         *
         * @return this
         */
        public Builder useSystemProxies() {
            this.systemSelector = true;
            return this;
        }

        /**
         * @param entries hosts that go direct: {@code *}, host names (matching their subdomains
         *     too; a leading {@code .} or {@code *.} is allowed), IP addresses and CIDR ranges, as
         *     curl's {@code NO_PROXY}; an entry may itself be a comma-separated list
         * @return this
         * @throws IllegalArgumentException for an entry that is none of these
         */
        public Builder noProxy(String... entries) {
            return noProxy(Arrays.asList(entries));
        }

        /** @param entries as {@link #noProxy(String...)} @return this */
        public Builder noProxy(List<String> entries) {
            NoProxy.parse(entries); // refuse bad entries now, not at the first request
            this.noProxy = List.copyOf(entries);
            return this;
        }

        /**
         * @param username Basic user name
         * @param password Basic password
         * @return this, with {@link ProxyAuthenticator#basic} as the authenticator
         */
        public Builder credentials(String username, String password) {
            return authenticator(ProxyAuthenticator.basic(username, password));
        }

        /** @param authenticator supplies {@code Proxy-Authorization}; null for none @return this */
        public Builder authenticator(ProxyAuthenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException when both a fixed proxy and a selector are set
         */
        public ProxyConfig build() {
            int sources = (proxy != null ? 1 : 0) + (selector != null ? 1 : 0) + (systemSelector ? 1 : 0);
            if (sources > 1) {
                throw new IllegalArgumentException("set one of proxy, selector and useSystemProxies, not several");
            }
            if (sources == 0 && authenticator == null && noProxy.isEmpty()) {
                return NONE;
            }
            return new ProxyConfig(proxy, selector, systemSelector, NoProxy.parse(noProxy), authenticator);
        }
    }
}
