package io.httplib.internal.tls;

import java.util.Map;

/**
 * One {@code -----BEGIN type----- ... -----END type-----} block of a PEM file (RFC 7468),
 * with its decoded DER bytes and any RFC 1421 style headers (such as {@code Proc-Type}).
 *
 * @param type the label, e.g. {@code CERTIFICATE} or {@code PRIVATE KEY}
 * @param headers the {@code Name: value} lines before the base64 body, usually empty
 * @param der the decoded body
 */
public record PemBlock(String type, Map<String, String> headers, byte[] der) {

    /**
     * Copies the headers so they cannot change.
     *
     * @param type the label
     * @param headers the header lines
     * @param der the decoded body
     */
    public PemBlock {
        headers = Map.copyOf(headers);
    }

    /**
     * @return whether this block holds a private key in any of the supported or unsupported
     *     {@code ... PRIVATE KEY} forms
     */
    public boolean isPrivateKey() {
        return type.endsWith("PRIVATE KEY");
    }

    /** @return whether this block holds an X.509 certificate */
    public boolean isCertificate() {
        return type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE");
    }

    /** Never prints the DER bytes: they may be a private key. */
    @Override
    public String toString() {
        return "PemBlock[" + type + ", " + der.length + " bytes]";
    }
}
