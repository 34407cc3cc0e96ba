package io.httplib.internal.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Parses X.509 certificates from PEM blocks with the JDK's {@link CertificateFactory}. */
public final class Certificates {

    private Certificates() {}

    /**
     * @param block a block for which {@link PemBlock#isCertificate()} is true
     * @return the certificate
     * @throws PemException if the DER is not a valid X.509 certificate
     */
    public static X509Certificate fromPem(PemBlock block) throws PemException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der()));
        } catch (CertificateException | ClassCastException e) {
            throw new PemException("malformed certificate: " + e.getMessage(), e);
        }
    }
}
