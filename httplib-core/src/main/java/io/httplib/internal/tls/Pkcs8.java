package io.httplib.internal.tls;

import java.util.List;

/**
 * PKCS#8 {@code PrivateKeyInfo} (RFC 5208 / RFC 5958) handling: reading the key algorithm, and
 * wrapping the two "traditional" OpenSSL key formats, PKCS#1 RSA and SEC1 EC, into PKCS#8 so that
 * the JDK's {@link java.security.KeyFactory} can load them.
 *
 * <pre>
 * PrivateKeyInfo ::= SEQUENCE {
 *   version             INTEGER,            -- 0 (v1) or 1 (v2, RFC 5958)
 *   privateKeyAlgorithm AlgorithmIdentifier,
 *   privateKey          OCTET STRING,       -- e.g. a PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey
 *   ... }
 * </pre>
 */
public final class Pkcs8 {

    private Pkcs8() {}

    /**
     * @param pkcs8 a DER {@code PrivateKeyInfo}
     * @return the object identifier of its {@code privateKeyAlgorithm}
     * @throws PemException if the structure is not a PrivateKeyInfo
     */
    public static String algorithmOid(byte[] pkcs8) throws PemException {
        try {
            List<DerReader.Element> fields = DerReader.read(pkcs8).children();
            if (fields.size() < 3) {
                throw new PemException("not a PKCS#8 PrivateKeyInfo: too few fields");
            }
            fields.get(0).integer();
            return fields.get(1).children().get(0).oid();
        } catch (PemException e) {
            throw new PemException("not a valid PKCS#8 private key: " + e.getMessage(), e);
        } catch (IndexOutOfBoundsException e) {
            throw new PemException("not a valid PKCS#8 private key: empty AlgorithmIdentifier", e);
        }
    }

    /**
     * Wraps a PKCS#1 {@code RSAPrivateKey} (RFC 8017 appendix A.1.2, PEM label {@code RSA PRIVATE
     * KEY}) into a PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm and NULL parameters.
     *
     * @param pkcs1 the DER RSAPrivateKey
     * @return the DER PrivateKeyInfo
     * @throws PemException if the input is not a DER SEQUENCE
     */
    public static byte[] fromPkcs1(byte[] pkcs1) throws PemException {
        DerReader.read(pkcs1).expect(DerWriter.SEQUENCE);
        return DerWriter.sequence(
                DerWriter.integer(0),
                DerWriter.sequence(DerWriter.oid(KeyAlgorithm.RSA.oid()), DerWriter.nullValue()),
                DerWriter.octetString(pkcs1));
    }

    /**
     * Wraps a SEC1 {@code ECPrivateKey} (RFC 5915, PEM label {@code EC PRIVATE KEY}) into a PKCS#8
     * PrivateKeyInfo. PKCS#8 keeps the curve in the AlgorithmIdentifier, so the named-curve OID is
     * taken from the SEC1 {@code parameters [0]} field.
     *
     * <pre>
     * ECPrivateKey ::= SEQUENCE {
     *   version        INTEGER { ecPrivkeyVer1(1) },
     *   privateKey     OCTET STRING,
     *   parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
     *   publicKey  [1] BIT STRING OPTIONAL }
     * </pre>
     *
     * @param sec1 the DER ECPrivateKey
     * @return the DER PrivateKeyInfo
     * @throws PemException if the structure is malformed, names no curve or uses explicit curve
     *     parameters
     */
    public static byte[] fromSec1(byte[] sec1) throws PemException {
        List<DerReader.Element> fields = DerReader.read(sec1).children();
        if (fields.size() < 2 || !fields.get(0).integer().equals(java.math.BigInteger.ONE)) {
            throw new PemException("not a SEC1 EC private key (expected version 1)");
        }
        fields.get(1).expect(DerWriter.OCTET_STRING);
        String curveOid = null;
        for (DerReader.Element field : fields.subList(2, fields.size())) {
            if (field.tag() == DerReader.CONTEXT_0) {
                List<DerReader.Element> params = field.children();
                if (params.size() != 1 || params.get(0).tag() != DerWriter.OID) {
                    throw new PemException("SEC1 EC private key uses explicit curve parameters; only named curves are supported");
                }
                curveOid = params.get(0).oid();
            }
        }
        if (curveOid == null) {
            throw new PemException("SEC1 EC private key does not name its curve (no parameters field)");
        }
        return DerWriter.sequence(
                DerWriter.integer(0),
                DerWriter.sequence(DerWriter.oid(KeyAlgorithm.EC.oid()), DerWriter.oid(curveOid)),
                DerWriter.octetString(sec1));
    }
}
