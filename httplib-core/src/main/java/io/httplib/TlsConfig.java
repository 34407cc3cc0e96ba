package io.httplib;

import io.httplib.internal.tls.HostNames;
import io.httplib.internal.tls.KeyStores;
import io.httplib.internal.tls.PemFiles;
import io.httplib.internal.tls.SslContexts;
import io.httplib.internal.tls.WarnOnce;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * How httplib sets up TLS: which certificates to trust, which client certificate to present,
 * whether to verify the server's host name, and which protocol versions and cipher suites to
 * enable.
 *
 * <p>A {@code TlsConfig} is immutable and thread-safe. All file reading and parsing happens once,
 * in {@link Builder#build()}; the resulting {@link SSLContext} is then shared by every connection
 * that uses this configuration (which also lets connections resume TLS sessions), and
 * {@link #createSocket(Socket, String, int)} touches no file.
 *
 * <p>By default ({@link #defaults()}): the server's certificate chain is validated against the
 * JDK's default trust store, the server's host name is checked against the certificate's subject
 * alternative names (DNS names and IP addresses), only TLSv1.3 and TLSv1.2 are enabled, and the
 * JDK's default cipher suites are used. Certificate verification can be switched off only with
 * {@link #insecure()}.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder()
 *         .caFile(Path.of("/etc/app/ca.pem"))
 *         .keyFile(Path.of("/etc/app/client.key"))
 *         .certFile(Path.of("/etc/app/client.crt"))
 *         .build();   // throws TlsConfigException naming the file at fault
 * }</pre>
 */
public final class TlsConfig {

    /** TLS 1.3 and 1.2, preferred in that order; nothing older is ever enabled. */
    private static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Set<String> ALLOWED_PROTOCOLS = Set.copyOf(DEFAULT_PROTOCOLS);

    /** Built on the first call of {@link #defaults()}. */
    private static volatile TlsConfig defaults;

    private final SSLContext sslContext;
    private final SSLSocketFactory socketFactory;
    private final boolean verifyHostname;
    private final boolean insecure;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final String description;

    private TlsConfig(SSLContext sslContext, boolean verifyHostname, boolean insecure, List<String> protocols,
            List<String> cipherSuites, String description) {
        this.sslContext = sslContext;
        this.socketFactory = sslContext.getSocketFactory();
        this.verifyHostname = verifyHostname;
        this.insecure = insecure;
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = List.copyOf(cipherSuites);
        this.description = description;
    }

    /**
     * The default configuration: the JDK default trust store (the {@code javax.net.ssl.trustStore}
     * system property, else the JDK's {@code cacerts}), host name verification on, TLSv1.3 and
     * TLSv1.2 only, the JDK's default cipher suites, no client certificate.
     *
     * <p>The configuration is created on first use and shared afterwards.
     *
     * @return the shared default configuration
     * @throws TlsConfigException if the JDK default trust store cannot be loaded
     */
    public static TlsConfig defaults() {
        TlsConfig result = defaults;
        if (result == null) {
            synchronized (TlsConfig.class) {
                result = defaults;
                if (result == null) {
                    // Not a holder class: a failure here must be retryable, not a NoClassDefFoundError.
                    defaults = result = builder().build();
                }
            }
        }
        return result;
    }

    /**
     * A configuration that trusts <b>every</b> certificate and does not verify host names: anyone
     * on the network path can impersonate the server. Meant only for tests and local development
     * against servers with self-signed certificates; prefer {@link Builder#caFile(Path)} with the
     * server's certificate.
     *
     * <p>This is the only way to turn certificate verification off. The first call in a JVM logs a
     * warning at {@link System.Logger.Level#WARNING} on the {@code io.httplib.tls} logger.
     * TLSv1.3 and TLSv1.2 remain the only protocols.
     *
     * @return the shared insecure configuration
     */
    public static TlsConfig insecure() {
        WarnOnce.INSECURE.warn();
        return InsecureHolder.INSECURE;
    }

    /**
     * Starts a custom configuration. Without any setter call, {@link Builder#build()} gives the
     * same behaviour as {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return whether the server's host name is checked against its certificate (JDK endpoint
     *     identification algorithm {@code HTTPS}, RFC 2818/RFC 6125); false only for
     *     {@link #insecure()} and {@link Builder#verifyHostname(boolean) verifyHostname(false)}
     */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /**
     * @return the protocol versions enabled on every socket, a non-empty, unmodifiable subset of
     *     {@code TLSv1.3} and {@code TLSv1.2}
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * @return the cipher suites enabled on every socket, unmodifiable; empty means the JDK's
     *     default suites for the enabled protocols
     */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /**
     * @return the context that creates this configuration's sockets: the one given to
     *     {@link Builder#sslContext(SSLContext)}, or the one built from the files or defaults
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    /**
     * @return whether this is the {@link #insecure()} configuration, which verifies nothing
     */
    public boolean isInsecure() {
        return insecure;
    }

    /**
     * Layers TLS over an already connected socket and completes the handshake.
     *
     * <p>{@code plain} may be connected directly to the server or to a proxy that has already
     * answered a {@code CONNECT} request; in both cases {@code host} and {@code port} are those of
     * the target server, as written in the request URL, not the proxy's. The caller should set
     * {@link Socket#setSoTimeout(int)} on {@code plain} first: it also bounds every read of the
     * handshake.
     *
     * <p>On the returned socket: SNI ({@link SNIHostName}) carries {@code host} when it is a host
     * name and is left out for IPv4 and IPv6 literals (RFC 6066); the enabled protocols are
     * {@link #protocols()}, and the cipher suites {@link #cipherSuites()} when given; when
     * {@link #verifyHostname()} is true the JDK checks {@code host} against the certificate's DNS
     * and IP subject alternative names during the handshake. Closing the returned socket closes
     * {@code plain}.
     *
     * <p>With TLSv1.3 a server that rejects the client certificate does so after the client's
     * side of the handshake has finished, so that refusal surfaces as an {@link
     * javax.net.ssl.SSLException} on the first read from the returned socket.
     *
     * @param plain a connected socket; owned by the returned socket from now on
     * @param host the target host name or IP literal (IPv6 with or without brackets)
     * @param port the target port
     * @return the connected TLS socket with the handshake completed
     * @throws javax.net.ssl.SSLHandshakeException if the handshake fails, for example because the
     *     certificate is untrusted, expired or for another host, or no protocol is shared; the
     *     JDK's message is kept and {@code plain} is closed
     * @throws IOException for any other I/O failure, after closing {@code plain}
     */
    public SSLSocket createSocket(Socket plain, String host, int port) throws IOException {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(host, "host");
        String target = HostNames.stripBrackets(host);
        SSLSocket socket;
        try {
            socket = (SSLSocket) socketFactory.createSocket(plain, target, port, true);
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain, e);
            throw e;
        }
        try {
            SSLParameters params = socket.getSSLParameters();
            // Always set explicitly: the JDK by itself sends no SNI for dotless names like "localhost".
            List<SNIServerName> serverNames = new ArrayList<>(1);
            HostNames.sniName(target).ifPresent(serverNames::add);
            params.setServerNames(serverNames);
            params.setProtocols(protocols.toArray(new String[0]));
            if (!cipherSuites.isEmpty()) {
                params.setCipherSuites(cipherSuites.toArray(new String[0]));
            }
            params.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
            socket.setSSLParameters(params);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket, e);
            throw e;
        }
    }

    private static void closeQuietly(Socket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    /**
     * Describes the configuration: trust source, client certificate files, host name
     * verification, protocols and cipher suites. Never includes a password or key material.
     */
    @Override
    public String toString() {
        return "TlsConfig[" + description + ", verifyHostname=" + verifyHostname + ", protocols=" + protocols
                + ", cipherSuites=" + (cipherSuites.isEmpty() ? "JDK default" : cipherSuites) + "]";
    }

    /**
     * Builds a {@link TlsConfig}. Setters only record values; {@link #build()} reads the files and
     * reports every problem. A builder is not thread-safe, and may be reused to build several
     * configurations.
     */
    public static final class Builder {

        private Path keyFile;
        private Path certFile;
        private char[] keyPassword;
        private Path caFile;
        private SSLContext sslContext;
        private boolean verifyHostname = true;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = List.of();

        private Builder() {}

        /**
         * The client's private key, in PEM: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
         * ({@code ENCRYPTED PRIVATE KEY}, see {@link #keyPassword(char[])}), PKCS#1 ({@code RSA
         * PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). The file may also hold the certificate
         * chain, in which case {@link #certFile(Path)} is not needed.
         *
         * @param keyFile the key file, or {@code null} for none
         * @return this builder
         */
        public Builder keyFile(Path keyFile) {
            this.keyFile = keyFile;
            return this;
        }

        /**
         * The client's certificate chain in PEM: the client certificate first, then the
         * intermediate CAs that issued it. The file may also hold the private key, in which case
         * {@link #keyFile(Path)} is not needed.
         *
         * @param certFile the certificate file, or {@code null} for none
         * @return this builder
         */
        public Builder certFile(Path certFile) {
            this.certFile = certFile;
            return this;
        }

        /**
         * The password of an encrypted private key. The builder keeps its own copy; the caller may
         * clear the array afterwards. Ignored for unencrypted keys. The built configuration does
         * not keep the password.
         *
         * @param keyPassword the password, or {@code null} for none
         * @return this builder
         */
        public Builder keyPassword(char[] keyPassword) {
            if (this.keyPassword != null) {
                Arrays.fill(this.keyPassword, '\0');
            }
            this.keyPassword = keyPassword == null ? null : keyPassword.clone();
            return this;
        }

        /**
         * The CA certificates to trust, in PEM (one or more {@code CERTIFICATE} blocks). They
         * <b>replace</b> the JDK default trust store: only servers whose chain leads to one of these
         * certificates are accepted.
         *
         * @param caFile the CA file, or {@code null} for the JDK default trust store
         * @return this builder
         */
        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        /**
         * A ready-made context to use instead of the key, certificate and CA files, which are then
         * not read. Host name verification, protocols and cipher suites still apply.
         *
         * @param sslContext an initialised context, or {@code null} to build one from the files
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Whether to check the server's host name against its certificate; on by default. Turning
         * it off still validates the certificate chain, but accepts a trusted certificate issued
         * for any other host, and logs a warning once per JVM.
         *
         * @param verifyHostname false to skip the host name check
         * @return this builder
         */
        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /**
         * The protocol versions to enable, from {@code TLSv1.3} and {@code TLSv1.2} (the default is
         * both). Older versions are refused by {@link #build()}.
         *
         * @param protocols one or more protocol names
         * @return this builder
         */
        public Builder protocols(String... protocols) {
            this.protocols = List.of(protocols);
            return this;
        }

        /**
         * The cipher suites to enable, by their JSSE names such as {@code
         * TLS_AES_128_GCM_SHA256}. By default, and when called with no arguments, the JDK's
         * default suites are used.
         *
         * @param cipherSuites cipher suite names
         * @return this builder
         */
        public Builder cipherSuites(String... cipherSuites) {
            this.cipherSuites = List.of(cipherSuites);
            return this;
        }

        /**
         * Reads and checks everything and builds the configuration: parses the PEM files, checks
         * that the private key matches the certificate, decrypts an encrypted key, builds the
         * in-memory key and trust stores and the {@link SSLContext}, and checks the protocols and
         * cipher suites.
         *
         * @return the configuration
         * @throws TlsConfigException if a file is missing, unreadable, not PEM or of an
         *     unsupported format; if a key file has no certificate and no certificate file was
         *     given; if the private key does not match the certificate; if the key password is
         *     missing or wrong; or if a protocol or cipher suite is not allowed or not supported.
         *     The message names the file at fault.
         */
        public TlsConfig build() {
            if (protocols.isEmpty()) {
                throw new TlsConfigException("protocols: at least one of " + DEFAULT_PROTOCOLS + " is required");
            }
            for (String protocol : protocols) {
                if (!ALLOWED_PROTOCOLS.contains(protocol)) {
                    throw new TlsConfigException("protocols: '" + protocol + "' is not allowed; httplib enables only "
                            + DEFAULT_PROTOCOLS);
                }
            }
            SSLContext context;
            String description;
            if (sslContext != null) {
                context = sslContext;
                description = "sslContext=" + sslContext.getProtocol() + "/" + sslContext.getProvider().getName();
            } else {
                context = buildContext();
                description = describeFiles();
            }
            checkSupported(context);
            if (!verifyHostname) {
                WarnOnce.NO_HOSTNAME_VERIFICATION.warn();
            }
            return new TlsConfig(context, verifyHostname, false, protocols, cipherSuites, description);
        }

        private SSLContext buildContext() {
            KeyStore identityStore = null;
            char[] storePassword = null;
            try {
                if (keyFile != null || certFile != null) {
                    PemFiles.Identity identity = PemFiles.loadIdentity(keyFile, certFile, keyPassword);
                    storePassword = randomPassword();
                    identityStore = KeyStores.identity(identity.key(), identity.chain(), storePassword);
                }
                KeyStore trustStore = caFile == null ? null : KeyStores.trust(PemFiles.loadTrustedCertificates(caFile));
                return SslContexts.create(identityStore, storePassword, trustStore);
            } catch (GeneralSecurityException e) {
                throw new TlsConfigException("cannot build the TLS context: " + e.getMessage(), e);
            } finally {
                if (storePassword != null) {
                    Arrays.fill(storePassword, '\0');
                }
            }
        }

        private void checkSupported(SSLContext context) {
            SSLParameters supported = context.getSupportedSSLParameters();
            Set<String> supportedProtocols = Set.of(supported.getProtocols());
            for (String protocol : protocols) {
                if (!supportedProtocols.contains(protocol)) {
                    throw new TlsConfigException("protocols: '" + protocol + "' is not supported by this SSLContext");
                }
            }
            if (!cipherSuites.isEmpty()) {
                Set<String> supportedSuites = Set.of(supported.getCipherSuites());
                List<String> unknown = new ArrayList<>();
                for (String suite : cipherSuites) {
                    if (!supportedSuites.contains(suite)) {
                        unknown.add(suite);
                    }
                }
                if (!unknown.isEmpty()) {
                    throw new TlsConfigException("cipherSuites: not supported by this JDK: " + unknown);
                }
            }
        }

        private String describeFiles() {
            StringBuilder out = new StringBuilder("trust=").append(caFile == null ? "JDK default" : "caFile " + caFile);
            if (keyFile != null) {
                out.append(", keyFile=").append(keyFile);
            }
            if (certFile != null) {
                out.append(", certFile=").append(certFile);
            }
            return out.toString();
        }

        /** The in-memory key store needs a password; it never leaves this builder call. */
        private static char[] randomPassword() {
            SecureRandom random = new SecureRandom();
            char[] password = new char[24];
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) ('a' + random.nextInt(26));
            }
            return password;
        }
    }

    /** Lazily builds the insecure configuration on first use. */
    private static final class InsecureHolder {
        static final TlsConfig INSECURE = createInsecure();

        private static TlsConfig createInsecure() {
            try {
                return new TlsConfig(SslContexts.insecure(), false, true, DEFAULT_PROTOCOLS, List.of(),
                        "INSECURE: trusts every certificate");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK has no TLS SSLContext", e);
            }
        }
    }
}
