package io.httplib;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 connection over TLS, as Python's {@code http.client.HTTPSConnection}, but secure by
 * default: the server's certificate chain is verified against the JDK's trust store (or a given CA
 * file) and its host name against the certificate's subject alternative names; only TLS 1.3 and
 * 1.2 are offered. Turning verification off takes {@link TlsConfig#insecure()}, by name.
 *
 * <pre>{@code
 * HTTPSConnection conn = HTTPSConnection.builder("internal.example:8443")
 *         .caFile(Path.of("/etc/pki/internal-ca.pem"))
 *         .keyFile(Path.of("client.key")).certFile(Path.of("client.pem"))   // mutual TLS
 *         .build();
 * }</pre>
 *
 * Configuration errors (a missing or unreadable PEM file, a wrong password, a key that does not
 * match its certificate) are raised by {@link Builder#build()}, naming the file. Through an HTTP
 * proxy, {@link #setTunnel} opens a CONNECT tunnel and TLS runs end to end with the target.
 */
public class HTTPSConnection extends HTTPConnection {

    /** The default port of {@code https}. */
    public static final int HTTPS_PORT = 443;

    private final TlsConfig tls;

    /** @param host {@code "host"}, {@code "host:port"}, {@code "[v6addr]"} or {@code "[v6addr]:port"} */
    public HTTPSConnection(String host) {
        this(host, -1, null);
    }

    /**
     * @param host a host name or address, optionally with {@code :port}
     * @param port the port; when negative it is taken from the host string, else 443; 0 is refused
     */
    public HTTPSConnection(String host, int port) {
        this(host, port, null);
    }

    /**
     * @param host a host name or address, optionally with {@code :port}
     * @param port the port; when negative it is taken from the host string, else 443; 0 is refused
     * @param timeout connect and read timeout; null for none
     */
    public HTTPSConnection(String host, int port, Duration timeout) {
        this(builder(host).port(port).timeout(timeout));
    }

    HTTPSConnection(Builder b) {
        super(b);
        this.tls = b.resolveTls();
    }

    /**
     * @param host as for {@link #HTTPSConnection(String)}
     * @return a builder with the TLS settings besides those of {@link HTTPConnection.Builder}
     */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    @Override
    protected int defaultPort() {
        return HTTPS_PORT;
    }

    /** @return the TLS configuration in use */
    public TlsConfig getTlsConfig() {
        return tls;
    }

    @Override
    TlsConfig tls() {
        return tls;
    }

    /**
     * Settings for an {@link HTTPSConnection}: everything {@link HTTPConnection.Builder} has, plus
     * TLS. Either a shared {@link TlsConfig} ({@link #tlsConfig}) or the individual file settings,
     * which are read when {@link #build()} is called.
     */
    public static final class Builder extends HTTPConnection.Builder {
        private TlsConfig tlsConfig;
        private final TlsConfig.Builder tlsBuilder = TlsConfig.builder();
        private boolean tlsSettingsUsed;

        Builder(String host) {
            super(host);
        }

        /** @param tlsConfig a prepared, shareable TLS configuration; overrides the file settings @return this */
        public Builder tlsConfig(TlsConfig tlsConfig) {
            this.tlsConfig = Objects.requireNonNull(tlsConfig, "tlsConfig");
            return this;
        }

        /** @param keyFile PEM private key for a client certificate (mutual TLS) @return this */
        public Builder keyFile(Path keyFile) {
            tlsBuilder.keyFile(keyFile);
            tlsSettingsUsed = true;
            return this;
        }

        /** @param certFile PEM client certificate chain (mutual TLS) @return this */
        public Builder certFile(Path certFile) {
            tlsBuilder.certFile(certFile);
            tlsSettingsUsed = true;
            return this;
        }

        /** @param keyPassword password of an encrypted PKCS#8 key @return this */
        public Builder keyPassword(char[] keyPassword) {
            tlsBuilder.keyPassword(keyPassword);
            tlsSettingsUsed = true;
            return this;
        }

        /** @param caFile PEM bundle of trusted CA certificates (default: the JDK's trust store) @return this */
        public Builder caFile(Path caFile) {
            tlsBuilder.caFile(caFile);
            tlsSettingsUsed = true;
            return this;
        }

        /** @param sslContext a fully configured context; overrides the files @return this */
        public Builder sslContext(SSLContext sslContext) {
            tlsBuilder.sslContext(sslContext);
            tlsSettingsUsed = true;
            return this;
        }

        /** @param verify whether to check the host name against the certificate (default true) @return this */
        public Builder verifyHostname(boolean verify) {
            tlsBuilder.verifyHostname(verify);
            tlsSettingsUsed = true;
            return this;
        }

        /** @param protocols TLS protocol versions to enable (default TLSv1.3, TLSv1.2) @return this */
        public Builder protocols(String... protocols) {
            tlsBuilder.protocols(protocols);
            tlsSettingsUsed = true;
            return this;
        }

        /** @param cipherSuites cipher suites to enable (default: the JDK's) @return this */
        public Builder cipherSuites(String... cipherSuites) {
            tlsBuilder.cipherSuites(cipherSuites);
            tlsSettingsUsed = true;
            return this;
        }

        TlsConfig resolveTls() {
            if (tlsConfig != null) {
                return tlsConfig;
            }
            return tlsSettingsUsed ? tlsBuilder.build() : TlsConfig.defaults();
        }

        @Override
        public Builder port(int port) {
            super.port(port);
            return this;
        }

        @Override
        public Builder timeout(Duration timeout) {
            super.timeout(timeout);
            return this;
        }

        @Override
        public Builder connectTimeout(Duration connectTimeout) {
            super.connectTimeout(connectTimeout);
            return this;
        }

        @Override
        public Builder strict(boolean strict) {
            super.strict(strict);
            return this;
        }

        @Override
        public Builder sourceAddress(InetSocketAddress sourceAddress) {
            super.sourceAddress(sourceAddress);
            return this;
        }

        @Override
        public Builder limits(HTTPLimits limits) {
            super.limits(limits);
            return this;
        }

        @Override
        public Builder continueTimeout(Duration continueTimeout) {
            super.continueTimeout(continueTimeout);
            return this;
        }

        @Override
        public Builder debugLevel(int level) {
            super.debugLevel(level);
            return this;
        }

        @Override
        public Builder debugOutput(PrintStream out) {
            super.debugOutput(out);
            return this;
        }

        /**
         * @return a new, unconnected connection
         * @throws TlsConfigException when a PEM file is missing or unreadable, the password is
         *     wrong, or the key does not match the certificate
         */
        @Override
        public HTTPSConnection build() {
            return new HTTPSConnection(this);
        }
    }
}
