package io.httplib.internal.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Builds in-memory PKCS#12 {@link KeyStore}s from parsed PEM material: one holding the client
 * identity for a {@link javax.net.ssl.KeyManagerFactory}, one holding trusted CA certificates for
 * a {@link javax.net.ssl.TrustManagerFactory}. Nothing is written to disk.
 */
public final class KeyStores {

    /** The alias of the single key entry in an identity store. */
    public static final String IDENTITY_ALIAS = "identity";

    private KeyStores() {}

    /**
     * @param key the private key
     * @param chain the certificate chain, leaf first
     * @param storePassword the password protecting the entry inside the in-memory store
     * @return a store with one key entry under {@link #IDENTITY_ALIAS}
     * @throws GeneralSecurityException if the JDK refuses the entry
     */
    public static KeyStore identity(PrivateKey key, List<X509Certificate> chain, char[] storePassword)
            throws GeneralSecurityException {
        KeyStore store = empty();
        store.setKeyEntry(IDENTITY_ALIAS, key, storePassword, chain.toArray(new Certificate[0]));
        return store;
    }

    /**
     * @param trusted the CA certificates to trust
     * @return a store with one trusted certificate entry per certificate
     * @throws GeneralSecurityException if the JDK refuses an entry
     */
    public static KeyStore trust(List<X509Certificate> trusted) throws GeneralSecurityException {
        KeyStore store = empty();
        for (int i = 0; i < trusted.size(); i++) {
            store.setCertificateEntry("ca-" + i, trusted.get(i));
        }
        return store;
    }

    private static KeyStore empty() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot initialise an empty PKCS12 key store", e);
        }
        return store;
    }
}
