package io.httplib.spring.boot.autoconfigure;

import io.httplib.ConnectionPool;
import io.httplib.Decompression;
import io.httplib.ProxyConfig;
import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import io.httplib.TlsConfig;
import io.httplib.TlsConfigException;
import io.httplib.event.HttpEventListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The one place where {@code httplib.*} properties become the core's immutable settings:
 * {@link TlsConfig}, {@link HTTPConnectionFactory}, {@link ConnectionPool} and
 * {@link HttplibClient}. Nothing else reads the properties.
 *
 * <p>Every value is checked here, before any client exists, and a bad value fails with an
 * {@link InvalidConfigurationPropertyValueException} naming the property (Spring Boot's failure
 * analyzer turns that into a readable startup report).
 */
public final class HttplibPropertiesMapper {

    /** Name of the default (unnamed) client, used as its {@code client.name} tag. */
    public static final String DEFAULT_CLIENT_NAME = "default";

    private final HttplibProperties properties;

    private final Environment environment;

    private final ResourceLoader resourceLoader;

    private final Supplier<SslBundles> sslBundles;

    private final Map<String, HttplibClientProperties> namedClients = new ConcurrentHashMap<>();

    private volatile NamedClientsBinder namedClientsBinder;

    public HttplibPropertiesMapper(HttplibProperties properties, Environment environment,
            ResourceLoader resourceLoader, Supplier<SslBundles> sslBundles) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.environment = environment;
        this.resourceLoader = (resourceLoader != null) ? resourceLoader : new DefaultResourceLoader();
        this.sslBundles = (sslBundles != null) ? sslBundles : () -> null;
    }

    /** The names under {@code httplib.clients}, as written: each is a bean name. */
    static Set<String> clientNames(Environment environment) {
        return new NamedClientsBinder(environment, null).entries().keySet();
    }

    /**
     * The property prefix of a client: {@code httplib}, or {@code httplib.clients.<name>} as the
     * name is written.
     */
    static String prefix(String clientName) {
        return (clientName == null) ? HttplibProperties.PREFIX : NamedClientsBinder.prefix(clientName);
    }

    /**
     * The effective settings of a client: the top level for {@code null}, else the named entry
     * bound on top of a copy of the top level, so that unset keys are inherited (see
     * {@link NamedClientsBinder}). Validated; a bad value names its property.
     */
    HttplibClientProperties clientProperties(String clientName) {
        if (clientName == null) {
            validate(this.properties, HttplibProperties.PREFIX);
            return this.properties;
        }
        return this.namedClients.computeIfAbsent(clientName, (name) -> {
            validate(this.properties, HttplibProperties.PREFIX);
            HttplibClientProperties merged = this.properties.copyClientSettings();
            ConfigurationPropertyName entry = namedClientsBinder().entries().get(name);
            if (entry != null) {
                namedClientsBinder().bind(entry, merged);
            }
            validate(merged, prefix(name));
            return merged;
        });
    }

    private NamedClientsBinder namedClientsBinder() {
        NamedClientsBinder binder = this.namedClientsBinder;
        if (binder == null) {
            binder = new NamedClientsBinder(this.environment, this.resourceLoader);
            this.namedClientsBinder = binder;
        }
        return binder;
    }

    // ---- TLS -------------------------------------------------------------------------------

    /**
     * The TLS settings of a client.
     *
     * @param clientName the client's name, {@code null} for the default client
     * @param poolToRetire the pool whose connections are retired when an SSL bundle is reloaded
     */
    public TlsConfig tlsConfig(String clientName, Supplier<ConnectionPool> poolToRetire) {
        HttplibClientProperties client = clientProperties(clientName);
        String prefix = prefix(clientName) + ".ssl";
        HttplibClientProperties.Ssl ssl = client.getSsl();
        if (hasText(ssl.getBundle())) {
            return tlsConfigFromBundle(ssl, prefix, poolToRetire);
        }
        boolean hasFiles = ssl.getKeyFile() != null || ssl.getCertFile() != null || ssl.getCaFile() != null;
        if (!hasFiles && ssl.isVerifyHostname() && ssl.getProtocols().isEmpty()) {
            return TlsConfig.defaults();
        }
        TlsConfig.Builder builder = TlsConfig.builder().verifyHostname(ssl.isVerifyHostname());
        Path key = null;
        Path cert = null;
        Path ca = null;
        if (ssl.getKeyFile() != null) {
            key = readableFile(prefix + ".key-file", ssl.getKeyFile());
            cert = readableFile(prefix + ".cert-file", ssl.getCertFile());
            builder.keyFile(key).certFile(cert);
            if (hasText(ssl.getKeyPassword())) {
                builder.keyPassword(ssl.getKeyPassword().toCharArray());
            }
        }
        if (ssl.getCaFile() != null) {
            ca = readableFile(prefix + ".ca-file", ssl.getCaFile());
            builder.caFile(ca);
        }
        if (!ssl.getProtocols().isEmpty()) {
            builder.protocols(ssl.getProtocols().toArray(String[]::new));
        }
        try {
            return builder.build();
        }
        catch (TlsConfigException ex) {
            Path file = ex.file().orElse(null);
            String property;
            Object value;
            if (file != null && file.equals(cert)) {
                property = prefix + ".cert-file";
                value = ssl.getCertFile();
            }
            else if (file != null && file.equals(ca)) {
                property = prefix + ".ca-file";
                value = ssl.getCaFile();
            }
            else if (key != null) {
                // A key that does not decrypt or does not match the certificate: the key is at fault.
                property = prefix + ".key-file";
                value = ssl.getKeyFile();
            }
            else {
                property = prefix + ".protocols";
                value = ssl.getProtocols();
            }
            throw new InvalidConfigurationPropertyValueException(property, describe(value), ex.getMessage());
        }
    }

    private TlsConfig tlsConfigFromBundle(HttplibClientProperties.Ssl ssl, String prefix,
            Supplier<ConnectionPool> poolToRetire) {
        SslBundles bundles = this.sslBundles.get();
        String name = ssl.getBundle();
        if (bundles == null) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".bundle", name,
                    "no SslBundles bean is available to look the bundle up");
        }
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        }
        catch (NoSuchSslBundleException ex) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".bundle", name,
                    "no SSL bundle of that name is configured under spring.ssl.bundle (known: "
                            + bundles.getBundleNames() + ")");
        }
        ReloadableSslContext context = new ReloadableSslContext(bundle.createSslContext());
        TlsConfig tls = tlsConfigFromBundle(bundle, context, ssl.isVerifyHostname(), prefix + ".bundle", name);
        bundles.addBundleUpdateHandler(name, (updated) -> {
            // New connections use the new key material from now on; pooled connections that
            // were opened with the old material are retired gracefully (idle ones now, leased
            // ones when they are released).
            context.update(updated.createSslContext());
            ConnectionPool pool = poolToRetire.get();
            if (pool != null) {
                pool.retireAll();
            }
        });
        return tls;
    }

    /**
     * TLS settings from an SSL bundle given by Spring Boot's {@code HttpClientSettings} (used by
     * the {@code RestClient} integration for derived clients); not reloaded.
     */
    static TlsConfig bundleTlsConfig(SslBundle bundle) {
        return tlsConfigFromBundle(bundle, bundle.createSslContext(), true, "spring.http.clients.ssl.bundle",
                bundle.toString());
    }

    private static TlsConfig tlsConfigFromBundle(SslBundle bundle, SSLContext context, boolean verifyHostname,
            String property, String name) {
        TlsConfig.Builder builder = TlsConfig.builder().sslContext(context).verifyHostname(verifyHostname);
        SslOptions options = bundle.getOptions();
        if (options != null && options.getEnabledProtocols() != null) {
            builder.protocols(options.getEnabledProtocols());
        }
        if (options != null && options.getCiphers() != null) {
            builder.cipherSuites(options.getCiphers());
        }
        try {
            return builder.build();
        }
        catch (TlsConfigException ex) {
            throw new InvalidConfigurationPropertyValueException(property, name, ex.getMessage());
        }
    }

    private Path readableFile(String property, Resource resource) {
        if (resource == null) {
            throw new InvalidConfigurationPropertyValueException(property, null,
                    "it is required when " + property.substring(0, property.lastIndexOf('.'))
                            + ".key-file is set (a private key needs its certificate)");
        }
        if (!resource.exists()) {
            throw new InvalidConfigurationPropertyValueException(property, describe(resource),
                    "the file does not exist");
        }
        if (!resource.isReadable()) {
            throw new InvalidConfigurationPropertyValueException(property, describe(resource),
                    "the file is not readable");
        }
        try {
            if (resource.isFile()) {
                File file = resource.getFile();
                if (!file.canRead()) {
                    throw new InvalidConfigurationPropertyValueException(property, describe(resource),
                            "the file is not readable");
                }
                return file.toPath();
            }
            // A resource inside a jar: the core reads files, so copy it out once.
            Path copy = Files.createTempFile("httplib-", "-" + Objects.requireNonNullElse(resource.getFilename(), "pem"));
            copy.toFile().deleteOnExit();
            try (InputStream in = resource.getInputStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        }
        catch (IOException ex) {
            throw new InvalidConfigurationPropertyValueException(property, describe(resource),
                    "the file cannot be read: " + ex.getMessage());
        }
    }

    /** An empty string is no value, as Boot's binder treats it for every other type. */
    private static boolean hasText(String value) {
        return value != null && !value.isEmpty();
    }

    private static String describe(Object value) {
        if (value instanceof Resource resource) {
            return resource.getDescription();
        }
        return String.valueOf(value);
    }

    // ---- connection factory, pool, client --------------------------------------------------

    /** The connection factory of a client. */
    public HTTPConnectionFactory connectionFactory(String clientName, TlsConfig tls) {
        HttplibClientProperties client = clientProperties(clientName);
        HTTPConnectionFactory.Builder builder = HTTPConnectionFactory.builder()
                .strict(client.isStrict())
                .debugLevel(client.getDebugLevel())
                .tlsConfig(tls);
        if (client.getConnectTimeout() != null) {
            builder.connectTimeout(client.getConnectTimeout());
        }
        if (client.getReadTimeout() != null) {
            builder.readTimeout(client.getReadTimeout());
        }
        return builder.proxy(proxyConfig(client.getProxy(), prefix(clientName) + ".proxy")).build();
    }

    // ---- proxy -----------------------------------------------------------------------------

    /** The proxy settings of a client ({@code <prefix>.proxy.*}), checked; never logs the password. */
    static ProxyConfig proxyConfig(HttplibClientProperties.Proxy proxy, String prefix) {
        boolean fixed = hasText(proxy.getHost());
        if (fixed && proxy.isUseSystemProperties()) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".host", proxy.getHost(),
                    "it cannot be combined with " + prefix + ".use-system-properties=true; use one or the other");
        }
        if (fixed && proxy.getPort() == null) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".port", null,
                    "it is required when " + prefix + ".host is set");
        }
        if (!fixed && proxy.getPort() != null) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".host", proxy.getHost(),
                    "it is required when " + prefix + ".port is set");
        }
        if (proxy.getPort() != null && (proxy.getPort() < 1 || proxy.getPort() > 65535)) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".port", proxy.getPort(),
                    "it must be between 1 and 65535");
        }
        boolean user = hasText(proxy.getUsername());
        if (user != (proxy.getPassword() != null)) {
            throw new InvalidConfigurationPropertyValueException(prefix + (user ? ".password" : ".username"), null,
                    "it is required when " + prefix + (user ? ".username" : ".password") + " is set");
        }
        if (user && !fixed && !proxy.isUseSystemProperties()) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".username", proxy.getUsername(),
                    "credentials need a proxy: set " + prefix + ".host and .port, or .use-system-properties=true");
        }
        ProxyConfig.Builder builder = ProxyConfig.builder();
        if (fixed) {
            try {
                builder.proxy(proxy.getHost(), proxy.getPort());
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".host", proxy.getHost(), ex.getMessage());
            }
        }
        else if (proxy.isUseSystemProperties()) {
            builder.useSystemProxies();
        }
        if (user) {
            try {
                builder.credentials(proxy.getUsername(), proxy.getPassword());
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".username", proxy.getUsername(),
                        ex.getMessage());
            }
        }
        try {
            builder.noProxy(proxy.getNonProxyHosts());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".non-proxy-hosts",
                    String.join(",", proxy.getNonProxyHosts()), ex.getMessage());
        }
        return builder.build();
    }

    /** The connection pool of a client. */
    public ConnectionPool connectionPool(String clientName) {
        HttplibClientProperties.Pool pool = clientProperties(clientName).getPool();
        ConnectionPool.Builder builder = ConnectionPool.builder()
                .maxPerRoute(pool.getMaxPerRoute())
                .maxTotal(pool.getMaxTotal());
        if (pool.getAcquireTimeout() != null) {
            builder.acquireTimeout(pool.getAcquireTimeout());
        }
        if (pool.getIdleTimeout() != null) {
            builder.idleTimeout(pool.getIdleTimeout());
        }
        if (pool.getMaxLifetime() != null) {
            builder.maxLifetime(pool.getMaxLifetime());
        }
        if (pool.getValidateAfterInactivity() != null) {
            builder.validateAfterInactivity(pool.getValidateAfterInactivity());
        }
        return builder.build();
    }

    /** The client itself, over the given factory and pool. */
    public HttplibClient client(String clientName, HTTPConnectionFactory factory, ConnectionPool pool,
            HttpEventListener.Factory listeners) {
        HttplibClientProperties client = clientProperties(clientName);
        HttplibClient.Builder builder = HttplibClient.builder()
                .name((clientName != null) ? clientName : DEFAULT_CLIENT_NAME)
                .connectionFactory(factory)
                .pool(pool);
        if (hasText(client.getBaseUrl())) {
            builder.baseUri(client.getBaseUrl());
        }
        if (client.getRequestTimeout() != null) {
            builder.requestTimeout(client.getRequestTimeout());
        }
        builder.followRedirects(client.getRedirects().isFollow()).maxRedirects(client.getRedirects().getMax());
        if (listeners != null) {
            builder.eventListenerFactory(listeners);
        }
        return builder.decompression(decompression(clientName)).build();
    }

    // ---- compression -----------------------------------------------------------------------

    /** How a client asks for and decodes compressed responses ({@code <prefix>.compression.*}). */
    public Decompression decompression(String clientName) {
        HttplibClientProperties.Compression compression = clientProperties(clientName).getCompression();
        return Decompression.builder()
            .enabled(compression.isEnabled())
            .maxDecodedSize(compression.getMaxDecodedSize().toBytes())
            .maxRatio(compression.getMaxRatio())
            .build();
    }

    private static void validateCompression(HttplibClientProperties.Compression compression, String prefix) {
        if (compression.getMaxDecodedSize() == null || compression.getMaxDecodedSize().toBytes() < 1) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".max-decoded-size",
                    compression.getMaxDecodedSize(), "it must be 1B or more");
        }
        atLeastOne(prefix + ".max-ratio", compression.getMaxRatio());
    }

    // ---- validation ------------------------------------------------------------------------

    private static void validate(HttplibClientProperties client, String prefix) {
        notNegative(prefix + ".connect-timeout", client.getConnectTimeout());
        notNegative(prefix + ".read-timeout", client.getReadTimeout());
        positive(prefix + ".request-timeout", client.getRequestTimeout(),
                "leave it unset (or empty) for no deadline");
        if (client.getDebugLevel() < 0) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".debug-level", client.getDebugLevel(),
                    "it must be 0 or more");
        }
        if (hasText(client.getBaseUrl())) {
            validateBaseUrl(prefix + ".base-url", client.getBaseUrl());
        }
        HttplibClientProperties.Pool pool = client.getPool();
        if (client.getRedirects().getMax() < 0) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".redirects.max",
                    client.getRedirects().getMax(), "it must be 0 or more");
        }
        atLeastOne(prefix + ".pool.max-per-route", pool.getMaxPerRoute());
        atLeastOne(prefix + ".pool.max-total", pool.getMaxTotal());
        notNegative(prefix + ".pool.acquire-timeout", pool.getAcquireTimeout());
        notNegative(prefix + ".pool.idle-timeout", pool.getIdleTimeout());
        notNegative(prefix + ".pool.max-lifetime", pool.getMaxLifetime());
        notNegative(prefix + ".pool.validate-after-inactivity", pool.getValidateAfterInactivity());
        validateCompression(client.getCompression(), prefix + ".compression");
        proxyConfig(client.getProxy(), prefix + ".proxy");
        HttplibClientProperties.Ssl ssl = client.getSsl();
        if (hasText(ssl.getBundle())) {
            List<String> files = new ArrayList<>();
            if (ssl.getKeyFile() != null) {
                files.add("key-file");
            }
            if (ssl.getCertFile() != null) {
                files.add("cert-file");
            }
            if (ssl.getCaFile() != null) {
                files.add("ca-file");
            }
            if (!files.isEmpty()) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".ssl.bundle", ssl.getBundle(),
                        "it cannot be combined with " + prefix + ".ssl." + String.join(", ", files)
                                + "; use either an SSL bundle or PEM files");
            }
        }
        if (ssl.getCertFile() != null && ssl.getKeyFile() == null) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".ssl.key-file", null,
                    "it is required when " + prefix + ".ssl.cert-file is set (a certificate needs its private key)");
        }
        if (ssl.getKeyFile() != null && ssl.getCertFile() == null) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".ssl.cert-file", null,
                    "it is required when " + prefix + ".ssl.key-file is set (a private key needs its certificate)");
        }
    }

    private static void notNegative(String property, Duration value) {
        if (value != null && value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "it must not be negative");
        }
    }

    private static void positive(String property, Duration value, String hint) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "it must be positive; " + hint);
        }
    }

    private static void atLeastOne(String property, int value) {
        if (value < 1) {
            throw new InvalidConfigurationPropertyValueException(property, value, "it must be 1 or more");
        }
    }

    private static void validateBaseUrl(String property, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new InvalidConfigurationPropertyValueException(property, value,
                        "it must be an absolute http or https URL such as https://api.example.com/v1");
            }
        }
        catch (URISyntaxException ex) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "it is not a valid URL: " + ex.getMessage());
        }
    }
}
