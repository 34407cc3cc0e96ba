package io.httplib.internal.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every certificate chain without any check. Used only by
 * {@link io.httplib.TlsConfig#insecure()}.
 *
 * <p>It extends {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain
 * {@link javax.net.ssl.X509TrustManager} in a checker that adds its own endpoint identification
 * and algorithm checks, which would defeat the purpose.
 */
public final class InsecureTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    /** Creates the trust manager. */
    public InsecureTrustManager() {}

    /** Accepts the chain. */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    /** Accepts the chain. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    /** Accepts the chain. */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    /** Accepts the chain. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    /** Accepts the chain. */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    /** Accepts the chain. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    /** @return no issuers: there is nothing to advertise */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
