package io.httplib.internal.tls;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Decrypts an {@code EncryptedPrivateKeyInfo} (PKCS#8, RFC 5208 section 6) with JDK providers.
 *
 * <p>For PBES2 (RFC 8018) the outer algorithm name is just {@code PBES2}, which no JDK
 * {@link SecretKeyFactory} accepts; the JDK's PBES2 {@link AlgorithmParameters} name the full
 * scheme in their {@code toString()}, e.g. {@code PBEWithHmacSHA256AndAES_256}, and that name
 * works for both the key factory and the cipher. PBES1 and PKCS#12 schemes such as
 * {@code PBEWithSHA1AndDESede} are named directly.
 */
final class EncryptedPkcs8 {

    private static final String PBES2_OID = "1.2.840.113549.1.5.13";

    private static final String REENCRYPT = "supported are PBES2 with PBKDF2-HMAC-SHA1/SHA-2 and AES-128-CBC or "
            + "AES-256-CBC, and PKCS#12 PBE schemes; re-encrypt with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'";

    private EncryptedPkcs8() {}

    /**
     * @param der the DER EncryptedPrivateKeyInfo
     * @param password the password; must not be {@code null} or empty
     * @return the DER PrivateKeyInfo; the caller should clear it after use
     * @throws PemException if the password is missing or wrong, or the scheme is unsupported
     */
    static byte[] decrypt(byte[] der, char[] password) throws PemException {
        if (password == null || password.length == 0) {
            throw new PemException("the private key is encrypted and no keyPassword was given");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            // The JDK parses the scheme's parameters here, so an unsupported scheme also ends up here.
            throw new PemException("unsupported or malformed private key encryption (" + e.getMessage() + "); " + REENCRYPT, e);
        }
        AlgorithmParameters params = info.getAlgParameters();
        String scheme = info.getAlgName();
        if (params != null && (scheme.equalsIgnoreCase("PBES2") || scheme.equals(PBES2_OID))) {
            scheme = params.toString();
        }
        SecretKey key;
        Cipher cipher;
        try {
            PBEKeySpec spec = new PBEKeySpec(password);
            try {
                key = SecretKeyFactory.getInstance(scheme).generateSecret(spec);
            } finally {
                spec.clearPassword();
            }
            cipher = Cipher.getInstance(scheme);
        } catch (NoSuchAlgorithmException | javax.crypto.NoSuchPaddingException e) {
            throw new PemException("unsupported private key encryption '" + scheme + "'; " + REENCRYPT, e);
        } catch (GeneralSecurityException e) {
            throw new PemException("cannot use private key encryption '" + scheme + "': " + e.getMessage(), e);
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, params);
            return cipher.doFinal(info.getEncryptedData());
        } catch (BadPaddingException e) {
            throw new PemException("cannot decrypt the private key (wrong keyPassword?)", e);
        } catch (GeneralSecurityException e) {
            throw new PemException("cannot decrypt the private key with '" + scheme + "': " + e.getMessage(), e);
        } finally {
            try {
                if (key != null && !key.isDestroyed()) {
                    key.destroy();
                }
            } catch (javax.security.auth.DestroyFailedException ignored) {
                // JDK PBE keys do not support destroy(); they clear themselves when collected.
            }
        }
    }
}
