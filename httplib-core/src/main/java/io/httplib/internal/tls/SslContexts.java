package io.httplib.internal.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Creates {@code "TLS"} {@link SSLContext}s from key and trust stores. */
public final class SslContexts {

    private SslContexts() {}

    /**
     * @param identity a store with the client key and chain, or {@code null} to present no client
     *     certificate
     * @param identityPassword the password of the key entry in {@code identity}
     * @param trust a store of trusted CA certificates (PKIX validation against exactly these), or
     *     {@code null} for the JDK default trust store ({@code javax.net.ssl.trustStore} or
     *     {@code cacerts})
     * @return an initialised context
     * @throws GeneralSecurityException if the JDK cannot build the managers or the context
     */
    public static SSLContext create(KeyStore identity, char[] identityPassword, KeyStore trust)
            throws GeneralSecurityException {
        KeyManager[] keyManagers = null;
        if (identity != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, identityPassword);
            keyManagers = kmf.getKeyManagers();
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        // A null KeyStore makes the factory load the JDK default trust store.
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * @return a context whose trust manager accepts every certificate; see
     *     {@link InsecureTrustManager}
     * @throws GeneralSecurityException if the JDK has no TLS context
     */
    public static SSLContext insecure() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new InsecureTrustManager()}, null);
        return context;
    }
}
