package io.httplib.internal.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Checks that a private key belongs to a certificate's public key, so that a mismatched key and
 * certificate pair fails when the configuration is built rather than in every handshake.
 */
public final class KeyMatch {

    private static final byte[] PROBE = "httplib key/certificate match probe".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {}

    /**
     * @param privateKey the private key
     * @param publicKey the certificate's public key
     * @return whether they form a key pair; RSA keys are compared by modulus, other keys by signing
     *     a probe with the private key and verifying it with the public key
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAKey && publicKey instanceof RSAPublicKey) {
            RSAPublicKey pub = (RSAPublicKey) publicKey;
            boolean modulus = ((RSAKey) privateKey).getModulus().equals(pub.getModulus());
            if (privateKey instanceof RSAPrivateCrtKey) {
                return modulus && ((RSAPrivateCrtKey) privateKey).getPublicExponent().equals(pub.getPublicExponent());
            }
            return modulus;
        }
        String family = family(privateKey.getAlgorithm());
        if (!family.equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        String signature;
        switch (family) {
            case "EC":
                signature = "SHA256withECDSA";
                break;
            case "EdDSA":
                signature = "EdDSA";
                break;
            case "DSA":
                signature = "SHA256withDSA";
                break;
            default:
                // No probe for this algorithm; the TLS handshake will still catch a mismatch.
                return true;
        }
        try {
            Signature signer = Signature.getInstance(signature);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            // E.g. keys on different curves: they cannot be a pair.
            return false;
        }
    }

    private static String family(String algorithm) {
        switch (algorithm) {
            case "Ed25519":
            case "Ed448":
            case "EdDSA":
                return "EdDSA";
            default:
                return algorithm;
        }
    }
}
