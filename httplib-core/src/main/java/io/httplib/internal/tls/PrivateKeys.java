package io.httplib.internal.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * Turns a private key PEM block into a {@link PrivateKey}. Accepted labels:
 *
 * <ul>
 *   <li>{@code PRIVATE KEY}: PKCS#8 (RFC 5208), RSA, RSASSA-PSS, EC, Ed25519, Ed448 or DSA;
 *   <li>{@code ENCRYPTED PRIVATE KEY}: encrypted PKCS#8, including PBES2 (RFC 8018) with
 *       PBKDF2-HMAC-SHA256 and AES-256-CBC, the default of OpenSSL 3;
 *   <li>{@code RSA PRIVATE KEY}: PKCS#1 (RFC 8017), unencrypted;
 *   <li>{@code EC PRIVATE KEY}: SEC1 (RFC 5915) with a named curve, unencrypted.
 * </ul>
 */
public final class PrivateKeys {

    private PrivateKeys() {}

    /**
     * @param block a block for which {@link PemBlock#isPrivateKey()} is true
     * @param password the password for an encrypted key; ignored for unencrypted keys; may be
     *     {@code null}
     * @return the key
     * @throws PemException if the format is unsupported, the key is malformed, or the password is
     *     missing or wrong
     */
    public static PrivateKey fromPem(PemBlock block, char[] password) throws PemException {
        if (block.headers().containsKey("DEK-Info")
                || block.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED")) {
            // Pre-PKCS#8 OpenSSL encryption (RFC 1421 headers, MD5-based key derivation).
            throw new PemException("legacy OpenSSL-encrypted '" + block.type() + "' keys (Proc-Type/DEK-Info headers) "
                    + "are not supported; convert with 'openssl pkcs8 -topk8' to an ENCRYPTED PRIVATE KEY");
        }
        switch (block.type()) {
            case "PRIVATE KEY":
                return fromPkcs8(block.der());
            case "RSA PRIVATE KEY":
                return fromPkcs8(Pkcs8.fromPkcs1(block.der()));
            case "EC PRIVATE KEY":
                return fromPkcs8(Pkcs8.fromSec1(block.der()));
            case "ENCRYPTED PRIVATE KEY":
                byte[] plain = EncryptedPkcs8.decrypt(block.der(), password);
                try {
                    return fromPkcs8(plain);
                } catch (PemException e) {
                    // Some wrong passwords still yield valid CBC padding and decrypt to garbage.
                    throw new PemException("cannot decrypt the private key (wrong keyPassword?)", e);
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            default:
                throw new PemException("unsupported private key format '" + block.type()
                        + "'; use PKCS#8 (PRIVATE KEY or ENCRYPTED PRIVATE KEY), RSA PRIVATE KEY or EC PRIVATE KEY");
        }
    }

    /**
     * @param pkcs8 a DER PKCS#8 PrivateKeyInfo
     * @return the key, loaded with the JDK {@link KeyFactory} for its algorithm
     * @throws PemException if the algorithm is unknown or the key is malformed
     */
    public static PrivateKey fromPkcs8(byte[] pkcs8) throws PemException {
        String oid = Pkcs8.algorithmOid(pkcs8);
        KeyAlgorithm algorithm = KeyAlgorithm.forOid(oid)
                .orElseThrow(() -> new PemException("unsupported private key algorithm (OID " + oid + ")"));
        try {
            return KeyFactory.getInstance(algorithm.jcaName()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (NoSuchAlgorithmException e) {
            throw new PemException("this JDK cannot load " + algorithm.jcaName() + " private keys", e);
        } catch (GeneralSecurityException e) {
            throw new PemException("malformed " + algorithm.jcaName() + " private key: " + e.getMessage(), e);
        }
    }
}
