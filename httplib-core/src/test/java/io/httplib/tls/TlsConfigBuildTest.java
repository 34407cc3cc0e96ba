package io.httplib.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.httplib.TlsConfig;
import io.httplib.TlsConfigException;
import io.httplib.testing.TestPki;
import io.httplib.testing.TestPki.KeyFormat;
import io.httplib.testing.TestPki.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TlsConfig.Builder#build()} does all the work and reports every problem with the file's path. */
class TlsConfigBuildTest {

    static TestPki pki;
    static TestPki.Identity client;
    static TestPki.Identity otherClient;

    @TempDir
    static Path dir;

    static Path caFile;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
        client = pki.clientCert(KeyType.RSA, "client");
        otherClient = pki.clientCert(KeyType.RSA, "other");
        caFile = pki.writeCaPem(dir);
    }

    @Test
    void defaultsVerifyHostNamesWithTls13And12AndTheJdkCipherSuites() {
        TlsConfig defaults = TlsConfig.defaults();

        assertThat(defaults.verifyHostname()).isTrue();
        assertThat(defaults.isInsecure()).isFalse();
        assertThat(defaults.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(defaults.cipherSuites()).isEmpty();
        assertThat(defaults.sslContext().getProtocol()).isEqualTo("TLS");
        assertThat(TlsConfig.defaults()).isSameAs(defaults);
    }

    @Test
    void insecureVerifiesNothingAndSaysSo() {
        TlsConfig insecure = TlsConfig.insecure();

        assertThat(insecure.isInsecure()).isTrue();
        assertThat(insecure.verifyHostname()).isFalse();
        assertThat(insecure.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(insecure.toString()).contains("INSECURE");
    }

    @Test
    void gettersReturnWhatWasConfiguredAsUnmodifiableLists() {
        TlsConfig config = TlsConfig.builder()
                .protocols("TLSv1.2")
                .cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                .verifyHostname(false)
                .build();

        assertThat(config.protocols()).containsExactly("TLSv1.2");
        assertThat(config.cipherSuites()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(config.verifyHostname()).isFalse();
        assertThat(config.isInsecure()).isFalse();
        assertThatThrownBy(() -> config.protocols().add("TLSv1.3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNamesTheFilesButNeverThePassword() {
        Path key = client.writeKeyPem(dir, KeyFormat.ENCRYPTED_PKCS8);
        Path cert = client.writeCertPem(dir);
        TlsConfig config = TlsConfig.builder()
                .caFile(caFile)
                .keyFile(key)
                .certFile(cert)
                .keyPassword(TestPki.KEY_PASSWORD.toCharArray())
                .build();

        assertThat(config.toString())
                .contains(key.toString(), cert.toString(), caFile.toString(), "verifyHostname=true")
                .doesNotContain(TestPki.KEY_PASSWORD)
                .doesNotContain("horse");
    }

    @Test
    void theBuilderKeepsItsOwnCopyOfThePassword() {
        char[] password = TestPki.KEY_PASSWORD.toCharArray();
        TlsConfig.Builder builder = TlsConfig.builder()
                .keyFile(client.writeCombinedPem(dir, KeyFormat.ENCRYPTED_PKCS8))
                .keyPassword(password);
        java.util.Arrays.fill(password, 'x');

        assertThat(builder.build().sslContext()).isNotNull();
    }

    @Test
    void aMissingKeyFileFailsWithItsPath() {
        Path missing = dir.resolve("no-such-key.pem");

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(missing).certFile(client.writeCertPem(dir)).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessage(missing + ": file not found")
                .satisfies(e -> assertThat(((TlsConfigException) e).file()).contains(missing));
    }

    @Test
    void aMissingCertFileFailsWithItsPath() {
        Path missing = dir.resolve("no-such-cert.pem");

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(client.writeKeyPem(dir, KeyFormat.PKCS8)).certFile(missing).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void aMissingCaFileFailsWithItsPath() {
        Path missing = dir.resolve("no-such-ca.pem");

        assertThatThrownBy(() -> TlsConfig.builder().caFile(missing).build())
                .isInstanceOf(TlsConfigException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void aDirectoryInsteadOfAFileFailsWithItsPath() {
        assertThatThrownBy(() -> TlsConfig.builder().caFile(dir).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessage(dir + ": is a directory, not a PEM file");
    }

    @Test
    void aWrongPasswordFailsWithTheKeyFilePath() {
        Path key = client.writeKeyPem(dir, KeyFormat.ENCRYPTED_PKCS8);

        assertThatThrownBy(() -> TlsConfig.builder()
                        .keyFile(key)
                        .certFile(client.writeCertPem(dir))
                        .keyPassword("wrong password".toCharArray())
                        .build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(key + ": ")
                .hasMessageContaining("wrong keyPassword");
    }

    @Test
    void anEncryptedKeyWithoutAPasswordFailsWithTheKeyFilePath() {
        Path key = client.writeKeyPem(dir, KeyFormat.ENCRYPTED_PKCS8);

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).certFile(client.writeCertPem(dir)).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessage(key + ": the private key is encrypted and no keyPassword was given");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateFailsNamingBothFiles() {
        Path key = client.writeKeyPem(dir, KeyFormat.PKCS8);
        Path cert = otherClient.writeCertPem(dir);

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).certFile(cert).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(key + ": the private key does not match")
                .hasMessageContaining(cert.toString())
                .hasMessageContaining("CN=other");
    }

    @Test
    void anEcKeyForAnRsaCertificateFailsAsAMismatch() {
        Path key = pki.clientCert(KeyType.EC, "ec").writeKeyPem(dir, KeyFormat.SEC1);

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).certFile(client.writeCertPem(dir)).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void anEcKeyForAnotherEcCertificateFailsAsAMismatch() {
        Path key = pki.clientCert(KeyType.EC, "ec-a").writeKeyPem(dir, KeyFormat.PKCS8);
        Path cert = pki.clientCert(KeyType.EC, "ec-b").writeCertPem(dir);

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).certFile(cert).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aChainThatDoesNotStartWithTheKeysCertificateIsExplained() throws Exception {
        Path cert = dir.resolve("reversed-chain.pem");
        Files.writeString(cert, TestPki.pem("CERTIFICATE", pki.intermediates().get(0).certificate().getEncoded())
                + TestPki.pem("CERTIFICATE", client.certificate().getEncoded()));

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(client.writeKeyPem(dir, KeyFormat.PKCS8)).certFile(cert).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(cert + ": ")
                .hasMessageContaining("certificate #2")
                .hasMessageContaining("leaf first");
    }

    @Test
    void aKeyFileWithoutCertificateAndNoCertFileIsAnError() {
        Path key = client.writeKeyPem(dir, KeyFormat.PKCS8);

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(key + ": holds a private key but no certificate");
    }

    @Test
    void aCertFileWithoutKeyAndNoKeyFileIsAnError() {
        Path cert = client.writeCertPem(dir);

        assertThatThrownBy(() -> TlsConfig.builder().certFile(cert).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(cert + ": certFile was given without keyFile");
    }

    @Test
    void aKeyFileWithoutAnyKeyIsAnError() {
        Path notAKey = client.writeCertPem(dir);

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(notAKey).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(notAKey + ": holds no private key");
    }

    @Test
    void anUnsupportedKeyFormatFailsWithTheKeyFilePath() throws Exception {
        Path key = dir.resolve("openssh.key");
        Files.writeString(key, TestPki.pem("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3}) + client.chainPem());

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(key + ": unsupported private key format 'OPENSSH PRIVATE KEY'");
    }

    @Test
    void aLegacyOpenSslEncryptedKeyIsRefusedWithAConversionHint() throws Exception {
        Path key = dir.resolve("legacy-encrypted.key");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + "AAECAwQF\n-----END RSA PRIVATE KEY-----\n" + client.chainPem());

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).keyPassword("x".toCharArray()).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(key + ": legacy OpenSSL-encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void aCorruptKeyFailsWithTheKeyFilePath() throws Exception {
        Path key = dir.resolve("corrupt.key");
        Files.writeString(key, TestPki.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}) + client.chainPem());

        assertThatThrownBy(() -> TlsConfig.builder().keyFile(key).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(key + ": not a valid PKCS#8 private key");
    }

    @Test
    void invalidBase64FailsWithTheFilePath() throws Exception {
        Path ca = dir.resolve("bad-base64.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nMIIB*not base64*\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> TlsConfig.builder().caFile(ca).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessage(ca + ": not a valid PEM file: the CERTIFICATE block is not valid base64");
    }

    @Test
    void aDerFileIsRecognisedAndRefused() throws Exception {
        Path ca = dir.resolve("ca.der");
        Files.write(ca, pki.rootCertificate().getEncoded());

        assertThatThrownBy(() -> TlsConfig.builder().caFile(ca).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(ca + ": looks like binary DER");
    }

    @Test
    void aCaFileWithAPrivateKeyIsRefused() {
        Path combined = client.writeCombinedPem(dir, KeyFormat.PKCS8);

        assertThatThrownBy(() -> TlsConfig.builder().caFile(combined).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessage(combined + ": holds a 'PRIVATE KEY' block; a CA file must hold only CERTIFICATE blocks");
    }

    @Test
    void anEmptyCaFileIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "just text\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> TlsConfig.builder().caFile(empty).build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageStartingWith(empty + ": holds no PEM block");
    }

    @Test
    void aCaFileWithSeveralCertificatesTrustsAllOfThem() throws Exception {
        TestPki other = TestPki.create();
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(caFile) + Files.readString(other.writeCaPem(dir)));

        assertThat(TlsConfig.builder().caFile(bundle).build().sslContext()).isNotNull();
    }

    @Test
    void protocolsOlderThanTls12AreRefused() {
        for (String old : List.of("TLSv1.1", "TLSv1", "SSLv3", "SSLv2Hello")) {
            assertThatThrownBy(() -> TlsConfig.builder().protocols(old).build())
                    .isInstanceOf(TlsConfigException.class)
                    .hasMessageContaining("'" + old + "' is not allowed");
        }
        assertThatThrownBy(() -> TlsConfig.builder().protocols().build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void unknownCipherSuitesAreRefused() {
        assertThatThrownBy(() -> TlsConfig.builder().cipherSuites("TLS_AES_128_GCM_SHA256", "TLS_NO_SUCH_SUITE").build())
                .isInstanceOf(TlsConfigException.class)
                .hasMessage("cipherSuites: not supported by this JDK: [TLS_NO_SUCH_SUITE]");
    }

    @Test
    void aGivenSslContextMeansTheFilesAreNotRead() {
        TlsConfig config = TlsConfig.builder()
                .sslContext(pki.clientSslContext())
                .keyFile(dir.resolve("absent.key"))
                .caFile(dir.resolve("absent-ca.pem"))
                .build();

        assertThat(config.sslContext()).isNotNull();
        assertThat(config.toString()).contains("sslContext=TLS");
    }
}
