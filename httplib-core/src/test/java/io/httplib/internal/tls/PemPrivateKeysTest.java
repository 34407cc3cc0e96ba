package io.httplib.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every supported private key PEM format loads into the same JDK key. */
class PemPrivateKeysTest {

    static TestPki pki;
    static TestPki.Identity rsa;
    static TestPki.Identity ec;

    @BeforeAll
    static void createKeys() {
        pki = TestPki.create(0);
        rsa = pki.clientCert(TestPki.KeyType.RSA, "rsa");
        ec = pki.clientCert(TestPki.KeyType.EC, "ec");
    }

    private static PrivateKey load(String pem, String password) throws Exception {
        List<PemBlock> blocks = PemReader.parse(pem);
        PemBlock key = blocks.stream().filter(PemBlock::isPrivateKey).findFirst().orElseThrow();
        return PrivateKeys.fromPem(key, password == null ? null : password.toCharArray());
    }

    @Test
    void wrapsPkcs1IntoTheSamePkcs8AsTheJdkWrites() throws Exception {
        byte[] pkcs1 = PemReader.parse(rsa.keyPem(TestPki.KeyFormat.PKCS1)).get(0).der();

        assertThat(Pkcs8.fromPkcs1(pkcs1)).containsExactly(rsa.privateKey().getEncoded());
    }

    @Test
    void loadsAPkcs1RsaKey() throws Exception {
        PrivateKey key = load(rsa.keyPem(TestPki.KeyFormat.PKCS1), null);

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key).isEqualTo(rsa.privateKey());
    }

    @Test
    void loadsASec1EcKeyUsingItsCurve() throws Exception {
        PrivateKey key = load(ec.keyPem(TestPki.KeyFormat.SEC1), null);

        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) ec.privateKey()).getS());
        assertThat(KeyMatch.matches(key, ec.publicKey())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp384r1", "secp521r1"})
    void loadsSec1KeysOnOtherNamedCurves(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair pair = generator.generateKeyPair();
        // The JDK's own PKCS#8 holds a SEC1 key without the [0] curve: add it as OpenSSL does.
        byte[] sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey())
                .getEncoded();
        ASN1ObjectIdentifier curveOid = ASN1ObjectIdentifier.getInstance(
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).getPrivateKeyAlgorithm().getParameters());
        byte[] withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(
                ((ECPrivateKey) pair.getPrivate()).getParams().getOrder().bitLength(),
                ((ECPrivateKey) pair.getPrivate()).getS(), curveOid).getEncoded();

        PrivateKey key = PrivateKeys.fromPem(new PemBlock("EC PRIVATE KEY", Map.of(), withCurve), null);

        assertThat(KeyMatch.matches(key, pair.getPublic())).isTrue();
        assertThatThrownBy(() -> PrivateKeys.fromPem(new PemBlock("EC PRIVATE KEY", Map.of(), sec1), null))
                .isInstanceOf(PemException.class)
                .hasMessage("SEC1 EC private key does not name its curve (no parameters field)");
    }

    @Test
    void refusesSec1KeysWithExplicitCurveParameters() {
        byte[] explicit = DerWriter.sequence(DerWriter.integer(1), DerWriter.octetString(new byte[32]),
                DerWriter.tlv(DerReader.CONTEXT_0, DerWriter.sequence(DerWriter.integer(1))));

        assertThatThrownBy(() -> PrivateKeys.fromPem(new PemBlock("EC PRIVATE KEY", Map.of(), explicit), null))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("explicit curve parameters");
    }

    static Stream<Arguments> encryptionSchemes() {
        return Stream.of(
                Arguments.of("PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC", PKCS8Generator.AES_256_CBC, PKCS8Generator.PRF_HMACSHA256),
                Arguments.of("PBES2 PBKDF2-HMAC-SHA1 AES-128-CBC", PKCS8Generator.AES_128_CBC, PKCS8Generator.PRF_HMACSHA1),
                Arguments.of("PBES2 PBKDF2-HMAC-SHA512 AES-256-CBC", PKCS8Generator.AES_256_CBC, PKCS8Generator.PRF_HMACSHA512),
                Arguments.of("PKCS#12 PBE SHA1 3DES", PKCS8Generator.PBE_SHA1_3DES, PKCS8Generator.PRF_HMACSHA1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptionSchemes")
    void decryptsEncryptedPkcs8(String name, ASN1ObjectIdentifier cipher, AlgorithmIdentifier prf) throws Exception {
        for (TestPki.Identity identity : List.of(rsa, ec)) {
            byte[] der = TestPki.encryptedPkcs8(identity.privateKey(), "pw".toCharArray(), cipher, prf);

            PrivateKey key = PrivateKeys.fromPem(new PemBlock("ENCRYPTED PRIVATE KEY", Map.of(), der), "pw".toCharArray());

            assertThat(KeyMatch.matches(key, identity.publicKey())).isTrue();
        }
    }

    @Test
    void anEncryptionSchemeTheJdkLacksIsReportedWithAHint() {
        // JDK 17 reads PBES2 with AES-128 and AES-256 only.
        byte[] der = TestPki.encryptedPkcs8(ec.privateKey(), "pw".toCharArray(), PKCS8Generator.AES_192_CBC,
                PKCS8Generator.PRF_HMACSHA256);

        assertThatThrownBy(() -> PrivateKeys.fromPem(new PemBlock("ENCRYPTED PRIVATE KEY", Map.of(), der), "pw".toCharArray()))
                .isInstanceOf(PemException.class)
                .hasMessageStartingWith("unsupported or malformed private key encryption")
                .hasMessageContaining("openssl pkcs8 -topk8 -v2 aes-256-cbc");
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        byte[] der = TestPki.encryptedPkcs8(ec.privateKey(), "right".toCharArray(), PKCS8Generator.AES_256_CBC,
                PKCS8Generator.PRF_HMACSHA256);
        PemBlock block = new PemBlock("ENCRYPTED PRIVATE KEY", Map.of(), der);

        for (int attempt = 0; attempt < 20; attempt++) {
            String wrong = "wrong-" + attempt;
            assertThatThrownBy(() -> PrivateKeys.fromPem(block, wrong.toCharArray()))
                    .isInstanceOf(PemException.class)
                    .hasMessage("cannot decrypt the private key (wrong keyPassword?)");
        }
        assertThatThrownBy(() -> PrivateKeys.fromPem(block, null))
                .isInstanceOf(PemException.class)
                .hasMessage("the private key is encrypted and no keyPassword was given");
    }

    @Test
    void detectsTheKeyAlgorithmFromPkcs8() throws Exception {
        assertThat(PrivateKeys.fromPkcs8(rsa.privateKey().getEncoded()).getAlgorithm()).isEqualTo("RSA");
        assertThat(PrivateKeys.fromPkcs8(ec.privateKey().getEncoded()).getAlgorithm()).isEqualTo("EC");
        for (String algorithm : List.of("Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            PrivateKey key = PrivateKeys.fromPkcs8(pair.getPrivate().getEncoded());
            assertThat(key.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
            assertThat(KeyMatch.matches(key, pair.getPublic())).as(algorithm).isTrue();
        }
    }

    @Test
    void refusesAnUnknownKeyAlgorithm() {
        byte[] x25519 = DerWriter.sequence(DerWriter.integer(0), DerWriter.sequence(DerWriter.oid("1.3.101.110")),
                DerWriter.octetString(DerWriter.octetString(new byte[32])));

        assertThatThrownBy(() -> PrivateKeys.fromPkcs8(x25519))
                .isInstanceOf(PemException.class)
                .hasMessage("unsupported private key algorithm (OID 1.3.101.110)");
    }

    @Test
    void keysOfDifferentPairsDoNotMatch() throws Exception {
        TestPki.Identity otherRsa = pki.clientCert(TestPki.KeyType.RSA, "rsa2");
        TestPki.Identity otherEc = pki.clientCert(TestPki.KeyType.EC, "ec2");
        KeyPair p384 = KeyPairGenerator.getInstance("EC").generateKeyPair();

        assertThat(KeyMatch.matches(rsa.privateKey(), otherRsa.publicKey())).isFalse();
        assertThat(KeyMatch.matches(ec.privateKey(), otherEc.publicKey())).isFalse();
        assertThat(KeyMatch.matches(ec.privateKey(), rsa.publicKey())).isFalse();
        assertThat(KeyMatch.matches(rsa.privateKey(), ec.publicKey())).isFalse();
        assertThat(KeyMatch.matches(p384.getPrivate(), ec.publicKey())).isFalse();
    }

    // Files written by OpenSSL 3 (see src/test/resources/io/httplib/internal/tls/openssl/README.md).

    @Test
    void readsOpenSslSec1KeyWithItsEcParametersBlock() throws Exception {
        PrivateKey key = load(resource("ec-sec1-with-params.pem"), null);

        assertThat(KeyMatch.matches(key, publicKey("ec-public.pem", "EC"))).isTrue();
    }

    @Test
    void readsOpenSslDefaultEncryptedPkcs8() throws Exception {
        PrivateKey key = load(resource("ec-pkcs8-encrypted-default.pem"), "openssl-test-password");

        assertThat(KeyMatch.matches(key, publicKey("ec-public.pem", "EC"))).isTrue();
    }

    @Test
    void readsOpenSslPkcs1RsaKey() throws Exception {
        PrivateKey key = load(resource("rsa-pkcs1.pem"), null);

        assertThat(KeyMatch.matches(key, publicKey("rsa-public.pem", "RSA"))).isTrue();
    }

    @Test
    void readsOpenSslEd25519Key() throws Exception {
        PrivateKey key = load(resource("ed25519-pkcs8.pem"), null);

        assertThat(key.getAlgorithm()).isIn("EdDSA", "Ed25519");
        assertThat(KeyMatch.matches(key, publicKey("ed25519-public.pem", "Ed25519"))).isTrue();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PemPrivateKeysTest.class.getResourceAsStream("openssl/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static PublicKey publicKey(String name, String algorithm) throws Exception {
        byte[] spki = PemReader.parse(resource(name)).get(0).der();
        return java.security.KeyFactory.getInstance(algorithm).generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    }
}
