package io.httplib.internal.tls;

import java.util.Optional;

/**
 * The private key algorithms recognised in a PKCS#8 {@code AlgorithmIdentifier}, with the JCA
 * {@link java.security.KeyFactory} name for each.
 */
public enum KeyAlgorithm {
    /** rsaEncryption, RFC 8017. */
    RSA("1.2.840.113549.1.1.1", "RSA"),
    /** id-RSASSA-PSS, RFC 4055: an RSA key restricted to PSS signatures. */
    RSASSA_PSS("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    /** id-ecPublicKey, RFC 5480; the curve is in the algorithm parameters. */
    EC("1.2.840.10045.2.1", "EC"),
    /** id-Ed25519, RFC 8410. */
    ED25519("1.3.101.112", "Ed25519"),
    /** id-Ed448, RFC 8410. */
    ED448("1.3.101.113", "Ed448"),
    /** id-dsa, RFC 3279. */
    DSA("1.2.840.10040.4.1", "DSA");

    private final String oid;
    private final String jcaName;

    KeyAlgorithm(String oid, String jcaName) {
        this.oid = oid;
        this.jcaName = jcaName;
    }

    /** @return the dotted object identifier */
    public String oid() {
        return oid;
    }

    /** @return the name to pass to {@link java.security.KeyFactory#getInstance(String)} */
    public String jcaName() {
        return jcaName;
    }

    /**
     * @param oid a dotted object identifier
     * @return the algorithm with that identifier, if known
     */
    public static Optional<KeyAlgorithm> forOid(String oid) {
        for (KeyAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
