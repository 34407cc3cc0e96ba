package io.httplib.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away public key infrastructure for TLS tests, generated in memory with BouncyCastle:
 * a root CA, zero or more intermediate CAs, and leaf certificates for servers and clients.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();                                   // root + one intermediate
 * TestPki.Identity server = pki.serverCert("localhost", "127.0.0.1"); // SAN DNS localhost, IP 127.0.0.1
 * TestPki.Identity client = pki.clientCert("client");
 * Path ca = pki.writeCaPem(dir);                                    // the root, for TlsConfig caFile
 * TestPki.PemFiles files = client.writePem(dir);                   // PKCS#8 key + chain
 * try (TestTlsServer tls = TestTlsServer.builder(pki.serverSslContext(server)).clientAuthRequired().start()) {
 *     ... new Socket("127.0.0.1", tls.port()) ...
 * }
 * }</pre>
 *
 * <p>The BouncyCastle provider is passed explicitly where needed and never registered with
 * {@link java.security.Security}, so the code under test sees only the JDK's providers.
 */
public final class TestPki {

    /** The password of keys written with {@link KeyFormat#ENCRYPTED_PKCS8}. */
    public static final String KEY_PASSWORD = "correct horse battery staple";

    /** The key algorithm of a generated identity. */
    public enum KeyType {
        /** ECDSA on P-256 (fast to generate; the default). */
        EC,
        /** RSA 2048. */
        RSA,
        /** Ed25519. */
        ED25519
    }

    /** How {@link Identity#writeKeyPem(Path, KeyFormat)} writes a private key. */
    public enum KeyFormat {
        /** {@code PRIVATE KEY}: unencrypted PKCS#8. */
        PKCS8,
        /** {@code RSA PRIVATE KEY}: PKCS#1, RSA keys only. */
        PKCS1,
        /** {@code EC PRIVATE KEY}: SEC1 with the named curve, EC keys only (as OpenSSL writes it). */
        SEC1,
        /**
         * {@code ENCRYPTED PRIVATE KEY}: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC (the OpenSSL 3
         * default), with {@link #KEY_PASSWORD}.
         */
        ENCRYPTED_PKCS8
    }

    /**
     * A key file and a certificate chain file.
     *
     * @param keyFile the private key
     * @param certFile the certificate chain, leaf first
     */
    public record PemFiles(Path keyFile, Path certFile) {}

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final int id = COUNTER.incrementAndGet();
    private final Identity root;
    private final List<Identity> intermediates;

    private TestPki(int intermediateCount) {
        Instant now = Instant.now();
        this.root = issue(null, "Test Root CA " + id, KeyType.EC, Role.CA, List.of(), now.minus(Duration.ofHours(1)),
                now.plus(VALIDITY));
        List<Identity> cas = new ArrayList<>();
        Identity issuer = root;
        for (int i = 1; i <= intermediateCount; i++) {
            issuer = issue(issuer, "Test Intermediate CA " + id + "." + i, KeyType.EC, Role.CA, List.of(),
                    now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
            cas.add(issuer);
        }
        this.intermediates = List.copyOf(cas);
    }

    /** @return a new PKI: a root CA and one intermediate CA that issues the leaf certificates */
    public static TestPki create() {
        return new TestPki(1);
    }

    /**
     * @param intermediateCount how many intermediate CAs to chain below the root (0 means the root
     *     issues the leaves)
     * @return a new PKI
     */
    public static TestPki create(int intermediateCount) {
        return new TestPki(intermediateCount);
    }

    /** @return the self-signed root CA certificate: the trust anchor of this PKI */
    public X509Certificate rootCertificate() {
        return root.certificate();
    }

    /** @return the root CA identity (key and certificate) */
    public Identity root() {
        return root;
    }

    /** @return the intermediate CAs, the one directly below the root first */
    public List<Identity> intermediates() {
        return intermediates;
    }

    /**
     * A server certificate issued by the last intermediate (or the root).
     *
     * @param names the subject alternative names: IP literals become IP entries, everything else
     *     DNS entries; the first is also the common name
     * @return the identity, with the chain leaf + intermediates
     */
    public Identity serverCert(String... names) {
        return serverCert(KeyType.EC, names);
    }

    /**
     * @param type the key algorithm
     * @param names the subject alternative names (see {@link #serverCert(String...)})
     * @return a server identity
     */
    public Identity serverCert(KeyType type, String... names) {
        Instant now = Instant.now();
        return issue(issuer(), names[0], type, Role.SERVER, List.of(names), now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
    }

    /**
     * @param names the subject alternative names (see {@link #serverCert(String...)})
     * @return a server identity whose certificate expired yesterday
     */
    public Identity expiredServerCert(String... names) {
        Instant now = Instant.now();
        return issue(issuer(), names[0], KeyType.EC, Role.SERVER, List.of(names), now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1)));
    }

    /** @return a valid server identity for {@code wrong-host.example} only, not localhost */
    public Identity wrongHostCert() {
        return serverCert("wrong-host.example");
    }

    /**
     * @param commonName the subject common name
     * @return a client identity (extended key usage clientAuth)
     */
    public Identity clientCert(String commonName) {
        return clientCert(KeyType.EC, commonName);
    }

    /**
     * @param type the key algorithm
     * @param commonName the subject common name
     * @return a client identity
     */
    public Identity clientCert(KeyType type, String commonName) {
        Instant now = Instant.now();
        return issue(issuer(), commonName, type, Role.CLIENT, List.of(), now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
    }

    /**
     * @param names the subject alternative names (see {@link #serverCert(String...)})
     * @return a self-signed server identity that belongs to no PKI
     */
    public static Identity selfSignedCert(String... names) {
        Instant now = Instant.now();
        return issue(null, names[0], KeyType.EC, Role.SERVER, List.of(names), now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
    }

    /**
     * Writes the root certificate, for {@code TlsConfig.Builder.caFile}.
     *
     * @param dir an existing directory
     * @return the written file
     */
    public Path writeCaPem(Path dir) {
        return write(dir.resolve("ca-" + id + ".pem"), pem("CERTIFICATE", encoded(root.certificate())));
    }

    /** @return a PKCS#12 trust store holding the root certificate */
    public KeyStore trustStore() {
        return trustStore(root.certificate());
    }

    /** @return a client context that trusts this PKI's root and presents no certificate */
    public SSLContext clientSslContext() {
        return sslContext(null, root.certificate());
    }

    /**
     * @param client the identity to present
     * @return a client context that trusts this PKI's root and presents {@code client}
     */
    public SSLContext clientSslContext(Identity client) {
        return sslContext(client, root.certificate());
    }

    /**
     * A server context that presents {@code server}'s chain and, when the server asks for client
     * certificates, trusts those issued by this PKI.
     *
     * @param server the identity to present
     * @return the context
     */
    public SSLContext serverSslContext(Identity server) {
        return sslContext(server, root.certificate());
    }

    /**
     * @param identity the identity to present, or {@code null} for none
     * @param trusted the certificates to trust (none: trust nothing)
     * @return a TLS context built from exactly these
     */
    public static SSLContext sslContext(Identity identity, X509Certificate... trusted) {
        try {
            KeyManager[] keyManagers = null;
            if (identity != null) {
                char[] password = "test".toCharArray();
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity.keyStore(password), password);
                keyManagers = kmf.getKeyManagers();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(trusted));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Identity issuer() {
        return intermediates.isEmpty() ? root : intermediates.get(intermediates.size() - 1);
    }

    private static KeyStore trustStore(X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Role { CA, SERVER, CLIENT }

    private static Identity issue(Identity issuer, String commonName, KeyType type, Role role, List<String> names,
            Instant notBefore, Instant notAfter) {
        try {
            KeyPair keyPair = generate(type);
            X500Name subject = new X500Name("CN=" + commonName + ",O=httplib tests");
            PrivateKey signingKey = issuer == null ? keyPair.getPrivate() : issuer.privateKey();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = issuer == null
                    ? new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore), Date.from(notAfter), subject,
                            keyPair.getPublic())
                    : new JcaX509v3CertificateBuilder(issuer.certificate(), serial(), Date.from(notBefore),
                            Date.from(notAfter), subject, keyPair.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keyPair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuer == null
                    ? ext.createAuthorityKeyIdentifier(keyPair.getPublic())
                    : ext.createAuthorityKeyIdentifier(issuer.certificate()));
            if (role == Role.CA) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                int usage = type == KeyType.RSA ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        role == Role.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            }
            if (!names.isEmpty()) {
                List<GeneralName> sans = new ArrayList<>();
                for (String name : names) {
                    sans.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            if (issuer != null && !issuer.isRoot()) {
                chain.addAll(issuer.chain());
            }
            String fileStem = role.name().toLowerCase() + "-" + commonName.replaceAll("[^A-Za-z0-9.-]", "_") + "-"
                    + COUNTER.incrementAndGet();
            return new Identity(fileStem, type, keyPair, chain, issuer == null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate for " + commonName, e);
        }
    }

    private static KeyPair generate(KeyType type) throws GeneralSecurityException {
        switch (type) {
            case RSA: {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            case ED25519:
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default: {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            default:
                return "Ed25519";
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    private static byte[] encoded(Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param type the PEM label
     * @param der the contents
     * @return the PEM text of one block, with 64-character lines
     */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key pair with its certificate chain. */
    public static final class Identity {

        private final String name;
        private final KeyType type;
        private final KeyPair keyPair;
        private final List<X509Certificate> chain;
        private final boolean selfSigned;

        private Identity(String name, KeyType type, KeyPair keyPair, List<X509Certificate> chain, boolean selfSigned) {
            this.name = name;
            this.type = type;
            this.keyPair = keyPair;
            this.chain = List.copyOf(chain);
            this.selfSigned = selfSigned;
        }

        /** @return a unique name, used for file names */
        public String name() {
            return name;
        }

        /** @return the key algorithm */
        public KeyType keyType() {
            return type;
        }

        /** @return the private key */
        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }

        /** @return the public key */
        public PublicKey publicKey() {
            return keyPair.getPublic();
        }

        /** @return this identity's own certificate */
        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** @return the certificate chain as a server or client presents it: leaf, then intermediates, no root */
        public List<X509Certificate> chain() {
            return chain;
        }

        boolean isRoot() {
            return selfSigned;
        }

        /**
         * @param password the entry and store password
         * @return a PKCS#12 key store with this identity under the alias {@code identity}
         */
        public KeyStore keyStore(char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("identity", keyPair.getPrivate(), password, chain.toArray(new Certificate[0]));
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * A server context presenting this identity and trusting nothing else; for servers that
         * do not ask for client certificates. Use {@link TestPki#serverSslContext(Identity)} for
         * client authentication.
         *
         * @return the context
         */
        public SSLContext serverSslContext() {
            return sslContext(this);
        }

        /**
         * Writes the PKCS#8 key and the certificate chain.
         *
         * @param dir an existing directory
         * @return the two files
         */
        public PemFiles writePem(Path dir) {
            return new PemFiles(writeKeyPem(dir, KeyFormat.PKCS8), writeCertPem(dir));
        }

        /**
         * @param dir an existing directory
         * @return a file with the certificate chain, leaf first
         */
        public Path writeCertPem(Path dir) {
            return write(dir.resolve(name + ".crt.pem"), chainPem());
        }

        /**
         * @param dir an existing directory
         * @param format the key format
         * @return a file with the private key only
         */
        public Path writeKeyPem(Path dir, KeyFormat format) {
            return write(dir.resolve(name + "." + format.name().toLowerCase() + ".key.pem"), keyPem(format));
        }

        /**
         * @param dir an existing directory
         * @param format the key format
         * @return one file with the private key followed by the certificate chain
         */
        public Path writeCombinedPem(Path dir, KeyFormat format) {
            return write(dir.resolve(name + "." + format.name().toLowerCase() + ".combined.pem"), keyPem(format) + chainPem());
        }

        /**
         * @param format the key format
         * @return the PEM text of the private key
         */
        public String keyPem(KeyFormat format) {
            byte[] pkcs8 = keyPair.getPrivate().getEncoded();
            switch (format) {
                case PKCS8:
                    return pem("PRIVATE KEY", pkcs8);
                case PKCS1:
                    if (type != KeyType.RSA) {
                        throw new IllegalArgumentException("PKCS#1 needs an RSA key, not " + type);
                    }
                    return pem("RSA PRIVATE KEY", pkcs1(pkcs8));
                case SEC1:
                    if (type != KeyType.EC) {
                        throw new IllegalArgumentException("SEC1 needs an EC key, not " + type);
                    }
                    return pem("EC PRIVATE KEY", sec1(pkcs8));
                case ENCRYPTED_PKCS8:
                    return pem("ENCRYPTED PRIVATE KEY", encryptedPkcs8(keyPair.getPrivate(), KEY_PASSWORD.toCharArray(),
                            PKCS8Generator.AES_256_CBC, PKCS8Generator.PRF_HMACSHA256));
                default:
                    throw new IllegalArgumentException(format.name());
            }
        }

        /** @return the PEM text of the chain, leaf first */
        public String chainPem() {
            StringBuilder out = new StringBuilder();
            for (X509Certificate certificate : chain) {
                out.append(pem("CERTIFICATE", encoded(certificate)));
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return "Identity[" + name + ", " + certificate().getSubjectX500Principal() + "]";
        }

        private static byte[] pkcs1(byte[] pkcs8) {
            try {
                return PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SEC1 as OpenSSL writes it: with the named curve [0] and the public key [1]. */
        private byte[] sec1(byte[] pkcs8) {
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
                ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
                SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
                BigInteger d = ((ECPrivateKey) keyPair.getPrivate()).getS();
                return new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, new DERBitString(spki.getPublicKeyData().getBytes()), curve)
                        .getEncoded();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Encrypts a key into a DER {@code EncryptedPrivateKeyInfo} with BouncyCastle, as OpenSSL
     * would.
     *
     * @param key the key
     * @param password the password
     * @param cipher a PBES2 cipher such as {@link PKCS8Generator#AES_256_CBC}, or a PBES1/PKCS#12
     *     scheme such as {@link PKCS8Generator#PBE_SHA1_3DES}
     * @param prf the PBKDF2 PRF such as {@link PKCS8Generator#PRF_HMACSHA256}; ignored for
     *     non-PBES2 schemes
     * @return the DER encoding
     */
    public static byte[] encryptedPkcs8(PrivateKey key, char[] password, ASN1ObjectIdentifier cipher, AlgorithmIdentifier prf) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(cipher)
                    .setProvider(new BouncyCastleProvider())
                    .setPRF(prf)
                    .setPassword(password)
                    .build();
            return new PKCS8Generator(PrivateKeyInfo.getInstance(key.getEncoded()), encryptor).generate().getContent();
        } catch (Exception e) {
            throw new IllegalStateException("cannot encrypt a test key", e);
        }
    }
}
