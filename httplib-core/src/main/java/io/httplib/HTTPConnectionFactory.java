package io.httplib;

import io.httplib.event.HttpEventListener;
import io.httplib.internal.Durations;
import io.httplib.internal.http1.Syntax;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Immutable settings for new connections, in one place: timeouts, parser limits, TLS material and
 * event listeners. {@link #create(String, String, int)} makes an unconnected, configured
 * {@link HTTPConnection} (or {@code HTTPSConnection} for {@code https}). Thread-safe.
 *
 * <pre>{@code
 * HTTPConnectionFactory factory = HTTPConnectionFactory.builder()
 *         .connectTimeout(Duration.ofSeconds(2))
 *         .readTimeout(Duration.ofSeconds(10))
 *         .build();
 * try (HTTPConnection conn = factory.create(URI.create("http://localhost:8080/"))) { ... }
 * }</pre>
 *
 * The event listeners set here are used by every {@link HttplibClient} built on this factory
 * (after the client's own); a connection made directly by {@code create} emits no events, since
 * events belong to a call.
 */
public final class HTTPConnectionFactory {

    /** Default connect timeout: long enough for a slow handshake across regions, short enough to fail over. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Default read timeout (per socket read, not per response). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static final HTTPConnectionFactory DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean strict;
    private final TlsConfig tlsConfig;
    private final InetSocketAddress sourceAddress;
    private final int debugLevel;
    private final HTTPLimits limits;
    private final HttpEventListener eventListener;
    private final HttpEventListener.Factory eventListenerFactory;
    private final ProxyConfig proxy;
    /** How the pool makes this factory's connections, made once rather than per lease. */
    final Function<Route, HTTPConnection> poolCreate = this::create;

    private HTTPConnectionFactory(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.strict = b.strict;
        this.tlsConfig = b.tlsConfig;
        this.sourceAddress = b.sourceAddress;
        this.debugLevel = b.debugLevel;
        this.limits = b.limits;
        this.eventListener = b.eventListener;
        this.eventListenerFactory = b.eventListenerFactory;
        this.proxy = b.proxy;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the factory with every default */
    public static HTTPConnectionFactory defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding this factory's settings, to make a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.strict = strict;
        b.tlsConfig = tlsConfig;
        b.sourceAddress = sourceAddress;
        b.debugLevel = debugLevel;
        b.limits = limits;
        b.eventListener = eventListener;
        b.eventListenerFactory = eventListenerFactory;
        b.proxy = proxy;
        return b;
    }

    /**
     * @param scheme {@code http} or {@code https}, any case
     * @param host a host name or address (IPv6 with or without brackets)
     * @param port the port; negative for the scheme's default; 0 is refused like any port outside 1-65535
     * @return a new, unconnected connection with this factory's settings
     * @throws IllegalArgumentException for another scheme or a bad host or port
     */
    public HTTPConnection create(String scheme, String host, int port) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return switch (s) {
            case "http" -> configure(HTTPConnection.builder(h).port(port)).build();
            case "https" -> createSecure(h, port);
            default -> throw new IllegalArgumentException("scheme must be http or https, got " + Syntax.describe(scheme));
        };
    }

    /**
     * @param uri an absolute {@code http} or {@code https} URI; only scheme, host and port are used
     * @return a new, unconnected connection to its host
     * @throws IllegalArgumentException for another scheme, no host, or a port outside 1-65535 (0 included)
     */
    public HTTPConnection create(URI uri) {
        return create(Route.of(uri));
    }

    /**
     * @param route where to connect, possibly through a proxy
     * @return a new, unconnected connection for a pool: to the origin, or to the proxy (for
     *     {@code https} with a CONNECT tunnel to the origin, carrying the proxy credentials); it
     *     never reopens itself (see {@link HTTPConnection#disableAutoOpen})
     */
    HTTPConnection create(Route route) {
        HttpProxy p = route.proxy();
        HTTPConnection c;
        if (p == null) {
            c = create(route.scheme(), route.host(), route.port());
        } else {
            c = create(route.scheme(), p.host(), p.port());
            if (route.scheme().equals("https")) {
                String auth = proxyAuthorization(route);
                c.setTunnel(route.host(), route.port(), auth == null ? null : Map.of("Proxy-Authorization", auth));
            }
        }
        c.disableAutoOpen(this);
        return c;
    }

    /** @return the {@code Proxy-Authorization} value for a request on {@code route}, or null */
    String proxyAuthorization(Route route) {
        ProxyAuthenticator a = proxy.authenticator();
        return a == null || route.proxy() == null ? null : a.authorization(route.proxy(), route);
    }

    private HTTPConnection createSecure(String host, int port) {
        HTTPSConnection.Builder b = HTTPSConnection.builder(host).tlsConfig(tlsConfig());
        configure(b).port(port);
        return b.build();
    }

    /**
     * @param tls other TLS material, e.g. after certificates were renewed
     * @return a copy of this factory with it; combine with {@link ConnectionPool#retireAll()} so
     *     that pooled connections made with the old material are not reused
     */
    public HTTPConnectionFactory withTlsConfig(TlsConfig tls) {
        return toBuilder().tlsConfig(tls).build();
    }

    private HTTPConnection.Builder configure(HTTPConnection.Builder b) {
        // Zero means "no timeout" to HTTPConnection; an unset connect timeout must not fall back to the read timeout.
        return b.timeout(readTimeout)
                .connectTimeout(connectTimeout == null ? Duration.ZERO : connectTimeout)
                .strict(strict)
                .sourceAddress(sourceAddress)
                .debugLevel(debugLevel)
                .limits(limits);
    }

    /** @return the connect timeout; null for none */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the read timeout of each socket read; null for none */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** @return whether status lines must be HTTP/1.0 or 1.1 */
    public boolean strict() {
        return strict;
    }

    /** @return the TLS configuration of {@code https} connections */
    public TlsConfig tlsConfig() {
        return tlsConfig != null ? tlsConfig : TlsConfig.defaults();
    }

    /** @return the local address connections bind to, or null */
    public InetSocketAddress sourceAddress() {
        return sourceAddress;
    }

    /** @return the debug level of new connections */
    public int debugLevel() {
        return debugLevel;
    }

    /** @return the parser limits */
    public HTTPLimits limits() {
        return limits;
    }

    /** @return the listener for every call of clients on this factory; {@link HttpEventListener#NONE} when unset */
    public HttpEventListener eventListener() {
        return eventListener;
    }

    /** @return which requests go through a proxy ({@link ProxyConfig#none()} unless set) */
    public ProxyConfig proxy() {
        return proxy;
    }

    /** @return the per-call listener factory, or null */
    public HttpEventListener.Factory eventListenerFactory() {
        return eventListenerFactory;
    }

    @Override
    public String toString() {
        return "HTTPConnectionFactory[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", strict=" + strict + ", tls=" + (tlsConfig != null ? tlsConfig : "defaults") + ", limits=" + limits
                + (proxy.isDirect() ? "" : ", proxy=" + proxy) + "]";
    }

    /** Settings for an {@link HTTPConnectionFactory}. Not thread-safe. */
    public static final class Builder {
        Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        Duration readTimeout = DEFAULT_READ_TIMEOUT;
        boolean strict = true;
        /** Null: {@link TlsConfig#defaults()}, looked up on first use so plain-HTTP users never load an SSLContext. */
        TlsConfig tlsConfig;
        InetSocketAddress sourceAddress;
        int debugLevel;
        HTTPLimits limits = HTTPLimits.DEFAULT;
        HttpEventListener eventListener = HttpEventListener.NONE;
        HttpEventListener.Factory eventListenerFactory;
        ProxyConfig proxy = ProxyConfig.none();

        Builder() {}

        /** @param timeout connect timeout (default 10 s); null or zero for none; past about 24.8 days none @return this */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checked(timeout, "connectTimeout");
            return this;
        }

        /**
         * @param timeout timeout of each socket read, and of each write (default 30 s); null or zero
         *     for none; past about 24.8 days none
         * @return this
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = checked(timeout, "readTimeout");
            return this;
        }

        /** @param strict see {@link HTTPConnection.Builder#strict(boolean)} (default true) @return this */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** @param tls TLS configuration for {@code https} (default {@link TlsConfig#defaults()}) @return this */
        public Builder tlsConfig(TlsConfig tls) {
            this.tlsConfig = Objects.requireNonNull(tls, "tlsConfig");
            return this;
        }

        /** @param address local address to bind before connecting; null for any @return this */
        public Builder sourceAddress(InetSocketAddress address) {
            this.sourceAddress = address;
            return this;
        }

        /** @param level debug level, see {@link HTTPConnection#setDebugLevel(int)} @return this */
        public Builder debugLevel(int level) {
            this.debugLevel = level;
            return this;
        }

        /** @param limits parser limits @return this */
        public Builder limits(HTTPLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** @param listener listener for every call; null for none @return this */
        public Builder eventListener(HttpEventListener listener) {
            this.eventListener = listener == null ? HttpEventListener.NONE : listener;
            return this;
        }

        /** @param factory makes one listener per call; null for none @return this */
        public Builder eventListenerFactory(HttpEventListener.Factory factory) {
            this.eventListenerFactory = factory;
            return this;
        }

        /**
         * @param proxy which requests of clients on this factory go through an HTTP proxy;
         *     null for none (default)
         * @return this
         */
        public Builder proxy(ProxyConfig proxy) {
            this.proxy = proxy == null ? ProxyConfig.none() : proxy;
            return this;
        }

        /** @return the factory */
        public HTTPConnectionFactory build() {
            return new HTTPConnectionFactory(this);
        }

        private static Duration checked(Duration d, String name) {
            Durations.notNegative(d, name);
            return d == null || d.isZero() ? null : d;
        }
    }
}
