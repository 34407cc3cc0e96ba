package io.httplib.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The settings of one httplib client: the top level of {@code httplib.*} configures the default
 * client, and each {@code httplib.clients.<name>.*} entry configures a named client with the same
 * keys. A named client inherits every setting it leaves unset from the top level.
 *
 * <p>Only {@link HttplibPropertiesMapper} reads these values; it turns them into the core's
 * immutable settings ({@code HTTPConnectionFactory}, {@code ConnectionPool}, {@code TlsConfig}).
 */
public class HttplibClientProperties {

    /**
     * Base URL that relative request URIs are resolved against, for example
     * "https://api.example.com/v1". Unset: every request must give an absolute URI.
     */
    private String baseUrl;

    /**
     * Time allowed to open the TCP connection. Zero waits as long as the operating system does.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * Time allowed between two reads from the socket (the socket timeout) once connected. Zero
     * waits for ever.
     */
    private Duration readTimeout = Duration.ofSeconds(30);

    /**
     * Deadline for a whole call: waiting for a connection, sending the request and reading the
     * response, redirects and retries included. Must be positive. Unset (or empty): no deadline
     * beyond the other timeouts.
     */
    private Duration requestTimeout;

    /**
     * Whether to reject responses that bend HTTP/1.1 (for example an HTTP/0.9 reply or a header
     * line without a colon) instead of tolerating them.
     */
    private boolean strict = true;

    /**
     * Debug level as in Python's http.client: 0 is silent, 1 or more logs the request and
     * response lines and headers (credentials redacted) at INFO on the logger io.httplib.wire.
     * That logger at DEBUG (logging.level.io.httplib.wire=debug) logs them at any level.
     */
    private int debugLevel = 0;

    /**
     * TLS settings for https URLs.
     */
    @NestedConfigurationProperty
    private Ssl ssl = new Ssl();

    /**
     * Connection pool settings.
     */
    @NestedConfigurationProperty
    private Pool pool = new Pool();

    /**
     * Compressed responses: asking for gzip and deflate, decoding them, and the bounds on what
     * they may expand to.
     */
    @NestedConfigurationProperty
    private Compression compression = new Compression();

    /**
     * Redirect handling of the HttplibClient beans (RestClient follows
     * spring.http.clients.redirects instead).
     */
    @NestedConfigurationProperty
    private Redirects redirects = new Redirects();

    /**
     * HTTP proxy for the client's requests: plain ones in absolute form, HTTPS ones through a
     * CONNECT tunnel (io.httplib.ProxyConfig).
     */
    @NestedConfigurationProperty
    private Proxy proxy = new Proxy();

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return this.readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public boolean isStrict() {
        return this.strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public int getDebugLevel() {
        return this.debugLevel;
    }

    public void setDebugLevel(int debugLevel) {
        this.debugLevel = debugLevel;
    }

    public Ssl getSsl() {
        return this.ssl;
    }

    public void setSsl(Ssl ssl) {
        this.ssl = ssl;
    }

    public Pool getPool() {
        return this.pool;
    }

    public void setPool(Pool pool) {
        this.pool = pool;
    }

    public Compression getCompression() {
        return this.compression;
    }

    public void setCompression(Compression compression) {
        this.compression = compression;
    }

    public Redirects getRedirects() {
        return this.redirects;
    }

    public void setRedirects(Redirects redirects) {
        this.redirects = redirects;
    }

    public Proxy getProxy() {
        return this.proxy;
    }

    public void setProxy(Proxy proxy) {
        this.proxy = proxy;
    }

    /**
     * A deep copy of the client settings: named clients are bound on top of a copy of the
     * top-level settings, which is how they inherit what they leave unset.
     */
    HttplibClientProperties copyClientSettings() {
        HttplibClientProperties copy = new HttplibClientProperties();
        copy.baseUrl = this.baseUrl;
        copy.connectTimeout = this.connectTimeout;
        copy.readTimeout = this.readTimeout;
        copy.requestTimeout = this.requestTimeout;
        copy.strict = this.strict;
        copy.debugLevel = this.debugLevel;
        copy.ssl = this.ssl.copy();
        copy.pool = this.pool.copy();
        copy.compression = this.compression.copy();
        copy.redirects = this.redirects.copy();
        copy.proxy = this.proxy.copy();
        return copy;
    }

    /**
     * TLS settings: either PEM files ({@code key-file}, {@code cert-file}, {@code ca-file}) or the
     * name of a Spring Boot SSL bundle ({@code bundle}), not both.
     */
    public static class Ssl {

        /**
         * PEM file with the client's private key (PKCS#8, PKCS#1 or SEC1; encrypted PKCS#8 needs
         * key-password). Requires cert-file.
         */
        private Resource keyFile;

        /**
         * PEM file with the client's certificate chain, leaf first. Requires key-file.
         */
        private Resource certFile;

        /**
         * Password of an encrypted key-file.
         */
        private String keyPassword;

        /**
         * PEM file with the certificates to trust instead of the JDK's default trust store.
         */
        private Resource caFile;

        /**
         * Whether to check that the server's certificate names the host that was connected to.
         */
        private boolean verifyHostname = true;

        /**
         * TLS protocol versions to enable, for example TLSv1.3. Unset: TLSv1.3 and TLSv1.2.
         */
        private List<String> protocols = new ArrayList<>();

        /**
         * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) supplying the key material,
         * trust material, protocols and ciphers. Reloaded without restart when the bundle has
         * reload-on-update. Cannot be combined with the file settings.
         */
        private String bundle;

        public Resource getKeyFile() {
            return this.keyFile;
        }

        public void setKeyFile(Resource keyFile) {
            this.keyFile = keyFile;
        }

        public Resource getCertFile() {
            return this.certFile;
        }

        public void setCertFile(Resource certFile) {
            this.certFile = certFile;
        }

        public String getKeyPassword() {
            return this.keyPassword;
        }

        public void setKeyPassword(String keyPassword) {
            this.keyPassword = keyPassword;
        }

        public Resource getCaFile() {
            return this.caFile;
        }

        public void setCaFile(Resource caFile) {
            this.caFile = caFile;
        }

        public boolean isVerifyHostname() {
            return this.verifyHostname;
        }

        public void setVerifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
        }

        public List<String> getProtocols() {
            return this.protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        public String getBundle() {
            return this.bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        Ssl copy() {
            Ssl copy = new Ssl();
            copy.keyFile = this.keyFile;
            copy.certFile = this.certFile;
            copy.keyPassword = this.keyPassword;
            copy.caFile = this.caFile;
            copy.verifyHostname = this.verifyHostname;
            copy.protocols = new ArrayList<>(this.protocols);
            copy.bundle = this.bundle;
            return copy;
        }
    }

    /**
     * Connection pool settings.
     */
    public static class Pool {

        /**
         * Maximum connections to one scheme, host and port.
         */
        private int maxPerRoute = 20;

        /**
         * Maximum connections in the pool over all routes.
         */
        private int maxTotal = 100;

        /**
         * Time to wait for a connection when the pool is at its limits (callers are served
         * first come, first served) before failing with PoolTimeoutException. Zero fails at once.
         */
        private Duration acquireTimeout = Duration.ofSeconds(30);

        /**
         * Time after which an unused pooled connection is closed. Zero keeps no idle
         * connection: none is reused.
         */
        private Duration idleTimeout = Duration.ofSeconds(60);

        /**
         * Time after which a connection is closed instead of reused, however busy. Zero or unset:
         * unlimited.
         */
        private Duration maxLifetime;

        /**
         * Idle time after which a pooled connection is probed (for a close or stray bytes from the
         * server) before it is reused; one reused sooner is not probed, saving system calls. Zero
         * probes every reuse.
         */
        private Duration validateAfterInactivity = Duration.ofSeconds(1);

        public int getMaxPerRoute() {
            return this.maxPerRoute;
        }

        public void setMaxPerRoute(int maxPerRoute) {
            this.maxPerRoute = maxPerRoute;
        }

        public int getMaxTotal() {
            return this.maxTotal;
        }

        public void setMaxTotal(int maxTotal) {
            this.maxTotal = maxTotal;
        }

        public Duration getAcquireTimeout() {
            return this.acquireTimeout;
        }

        public void setAcquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
        }

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public Duration getMaxLifetime() {
            return this.maxLifetime;
        }

        public void setMaxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
        }

        public Duration getValidateAfterInactivity() {
            return this.validateAfterInactivity;
        }

        public void setValidateAfterInactivity(Duration validateAfterInactivity) {
            this.validateAfterInactivity = validateAfterInactivity;
        }

        Pool copy() {
            Pool copy = new Pool();
            copy.maxPerRoute = this.maxPerRoute;
            copy.maxTotal = this.maxTotal;
            copy.acquireTimeout = this.acquireTimeout;
            copy.idleTimeout = this.idleTimeout;
            copy.maxLifetime = this.maxLifetime;
            copy.validateAfterInactivity = this.validateAfterInactivity;
            return copy;
        }
    }

    /**
     * Compressed responses (io.httplib.Decompression): the client sends "Accept-Encoding: gzip,
     * deflate" unless a request sets its own, and decodes gzip and deflate bodies as they are read,
     * dropping Content-Encoding and Content-Length from the headers it shows.
     */
    public static class Compression {

        /**
         * Whether to ask for gzip and deflate and decode them. When off, requests say
         * "Accept-Encoding: identity" and bodies pass through as received.
         */
        private boolean enabled = true;

        /**
         * Most decoded bytes of one response body; a body that decodes to more fails with
         * DecompressionLimitExceeded before the byte past the bound reaches the caller.
         */
        private DataSize maxDecodedSize = DataSize.ofMegabytes(128);

        /**
         * Most decoded bytes per compressed byte, checked once more than 1MB was decoded; a body
         * that expands more (a decompression bomb) fails with DecompressionLimitExceeded.
         */
        private int maxRatio = 100;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public DataSize getMaxDecodedSize() {
            return this.maxDecodedSize;
        }

        public void setMaxDecodedSize(DataSize maxDecodedSize) {
            this.maxDecodedSize = maxDecodedSize;
        }

        public int getMaxRatio() {
            return this.maxRatio;
        }

        public void setMaxRatio(int maxRatio) {
            this.maxRatio = maxRatio;
        }

        Compression copy() {
            Compression copy = new Compression();
            copy.enabled = this.enabled;
            copy.maxDecodedSize = this.maxDecodedSize;
            copy.maxRatio = this.maxRatio;
            return copy;
        }

    }

    /**
     * Redirect handling of an HttplibClient.
     */
    public static class Redirects {

        /**
         * Whether calls follow 301, 302, 303, 307 and 308 redirects (a ClientRequest can still
         * choose for itself).
         */
        private boolean follow = false;

        /**
         * The most redirects one call follows; one more fails the call with "too many redirects".
         * Zero fails at the first redirect.
         */
        private int max = 5;

        public boolean isFollow() {
            return this.follow;
        }

        public void setFollow(boolean follow) {
            this.follow = follow;
        }

        public int getMax() {
            return this.max;
        }

        public void setMax(int max) {
            this.max = max;
        }

        Redirects copy() {
            Redirects copy = new Redirects();
            copy.follow = this.follow;
            copy.max = this.max;
            return copy;
        }
    }

    /**
     * The HTTP proxy of a client (io.httplib.ProxyConfig).
     */
    public static class Proxy {

        /**
         * Host of the HTTP proxy every request goes through, except the non-proxy hosts; unset
         * (default) for direct connections.
         */
        private String host;

        /**
         * Port of the proxy; required with host.
         */
        private Integer port;

        /**
         * User name for Basic authentication to the proxy (sent to the proxy only, never to an
         * origin).
         */
        private String username;

        /**
         * Password for Basic authentication to the proxy; never logged.
         */
        private String password;

        /**
         * Hosts that go direct, as curl's NO_PROXY: host names (matching their subdomains too; a
         * leading '.' or '*.' is allowed), IP addresses, CIDR ranges such as 10.0.0.0/8, or '*'.
         */
        private List<String> nonProxyHosts = new ArrayList<>();

        /**
         * Whether to use the JVM's proxy settings (http.proxyHost, https.proxyHost,
         * http.nonProxyHosts, or the system's with java.net.useSystemProxies) instead of host and
         * port.
         */
        private boolean useSystemProperties = false;

        public String getHost() {
            return this.host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return this.port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public String getUsername() {
            return this.username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return this.password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getNonProxyHosts() {
            return this.nonProxyHosts;
        }

        public void setNonProxyHosts(List<String> nonProxyHosts) {
            this.nonProxyHosts = nonProxyHosts;
        }

        public boolean isUseSystemProperties() {
            return this.useSystemProperties;
        }

        public void setUseSystemProperties(boolean useSystemProperties) {
            this.useSystemProperties = useSystemProperties;
        }

        Proxy copy() {
            Proxy copy = new Proxy();
            copy.host = this.host;
            copy.port = this.port;
            copy.username = this.username;
            copy.password = this.password;
            copy.nonProxyHosts = new ArrayList<>(this.nonProxyHosts);
            copy.useSystemProperties = this.useSystemProperties;
            return copy;
        }
    }
}
