package io.httplib.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose key and trust material can be replaced while it is in use: every
 * socket or engine is created from the context current at that moment. The core's
 * {@code TlsConfig} holds one of these for a client configured from an SSL bundle, so a bundle
 * reload reaches new connections without rebuilding the client.
 */
final class ReloadableSslContext extends SSLContext {

    private final Spi spi;

    ReloadableSslContext(SSLContext initial) {
        this(new Spi(initial));
    }

    private ReloadableSslContext(Spi spi) {
        super(spi, initial(spi).getProvider(), initial(spi).getProtocol());
        this.spi = spi;
    }

    private static SSLContext initial(Spi spi) {
        return spi.current;
    }

    /** Makes {@code next} the context for every socket created from now on. */
    void update(SSLContext next) {
        this.spi.current = Objects.requireNonNull(next, "next");
    }

    SSLContext current() {
        return this.spi.current;
    }

    private static final class Spi extends SSLContextSpi {

        private volatile SSLContext current;

        Spi(SSLContext initial) {
            this.current = Objects.requireNonNull(initial, "initial");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("already initialized from an SSL bundle");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new SocketFactory(this);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return this.current.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return this.current.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return this.current.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return this.current.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return this.current.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return this.current.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return this.current.getSupportedSSLParameters();
        }
    }

    /** Looks the current context up for every socket, so a cached factory still follows reloads. */
    private static final class SocketFactory extends SSLSocketFactory {

        private final Spi spi;

        SocketFactory(Spi spi) {
            this.spi = spi;
        }

        private SSLSocketFactory delegate() {
            return this.spi.current.getSocketFactory();
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate().getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate().getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return delegate().createSocket();
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return delegate().createSocket(socket, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return delegate().createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return delegate().createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return delegate().createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return delegate().createSocket(address, port, localAddress, localPort);
        }
    }
}
