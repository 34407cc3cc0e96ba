package io.httplib.internal.tls;

import io.httplib.TlsConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the key, certificate and CA files of a {@link io.httplib.TlsConfig} and turns every
 * problem into a {@link TlsConfigException} that names the file.
 */
public final class PemFiles {

    /**
     * A private key and its certificate chain.
     *
     * @param key the private key
     * @param chain the certificate chain, leaf (the key's certificate) first
     */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {

        /**
         * Copies the chain so it cannot change.
         *
         * @param key the private key
         * @param chain the certificate chain, leaf first
         */
        public Identity {
            chain = List.copyOf(chain);
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "Identity[" + key.getAlgorithm() + " key, " + chain.get(0).getSubjectX500Principal() + "]";
        }
    }

    private PemFiles() {}

    /**
     * Loads a client identity. The key and certificates may be in one file or two: with only
     * {@code keyFile}, that file must also hold the chain; with only {@code certFile}, that file
     * must also hold the key.
     *
     * @param keyFile the private key file, or {@code null}
     * @param certFile the certificate chain file (leaf first), or {@code null}
     * @param password the password of an encrypted key, or {@code null}
     * @return the key and chain, checked to belong together
     * @throws TlsConfigException naming the file at fault
     */
    public static Identity loadIdentity(Path keyFile, Path certFile, char[] password) {
        if (keyFile == null && certFile == null) {
            throw new IllegalArgumentException("keyFile or certFile is required");
        }
        Path keySource = keyFile != null ? keyFile : certFile;
        Path certSource = certFile != null ? certFile : keyFile;
        List<PemBlock> keyBlocks = readKeyOrCertFile(keySource);
        List<PemBlock> certBlocks = certSource.equals(keySource) ? keyBlocks : readKeyOrCertFile(certSource);

        List<PemBlock> keys = keyBlocks.stream().filter(PemBlock::isPrivateKey).toList();
        if (keys.isEmpty()) {
            throw new TlsConfigException(keySource, keyFile != null
                    ? "holds no private key (expected a '-----BEGIN ... PRIVATE KEY-----' block)"
                    : "certFile was given without keyFile and holds no private key; set keyFile");
        }
        if (keys.size() > 1) {
            throw new TlsConfigException(keySource, "holds " + keys.size() + " private keys; expected exactly one");
        }
        PrivateKey key;
        try {
            key = PrivateKeys.fromPem(keys.get(0), password);
        } catch (PemException e) {
            throw new TlsConfigException(keySource, e.getMessage(), e);
        }

        List<X509Certificate> chain = certificates(certSource, certBlocks);
        if (chain.isEmpty()) {
            throw new TlsConfigException(certSource, certFile == null
                    ? "holds a private key but no certificate; set certFile, or append the certificate chain to the key file"
                    : "holds no certificate (expected '-----BEGIN CERTIFICATE-----' blocks)");
        }
        if (!KeyMatch.matches(key, chain.get(0).getPublicKey())) {
            for (int i = 1; i < chain.size(); i++) {
                if (KeyMatch.matches(key, chain.get(i).getPublicKey())) {
                    throw new TlsConfigException(certSource, "the certificate of the private key in " + keySource
                            + " is certificate #" + (i + 1) + "; the chain must start with it (leaf first, then its issuers)");
                }
            }
            throw new TlsConfigException(keySource, "the private key does not match the public key of the certificate '"
                    + chain.get(0).getSubjectX500Principal().getName() + "' in " + certSource);
        }
        return new Identity(key, chain);
    }

    /**
     * Loads CA certificates to trust.
     *
     * @param caFile a PEM file of one or more {@code CERTIFICATE} blocks
     * @return the certificates, in file order
     * @throws TlsConfigException naming the file if it cannot be read, holds anything but
     *     certificates, or holds none
     */
    public static List<X509Certificate> loadTrustedCertificates(Path caFile) {
        List<PemBlock> blocks = parse(caFile, read(caFile));
        for (PemBlock block : blocks) {
            if (!block.isCertificate()) {
                throw new TlsConfigException(caFile, "holds a '" + block.type()
                        + "' block; a CA file must hold only CERTIFICATE blocks");
            }
        }
        List<X509Certificate> certs = certificates(caFile, blocks);
        if (certs.isEmpty()) {
            throw new TlsConfigException(caFile, "holds no certificate (expected '-----BEGIN CERTIFICATE-----' blocks)");
        }
        return certs;
    }

    private static List<PemBlock> readKeyOrCertFile(Path file) {
        List<PemBlock> blocks = parse(file, read(file));
        for (PemBlock block : blocks) {
            // "EC PARAMETERS" precedes the key in 'openssl ecparam -genkey' output; it adds nothing.
            if (!block.isPrivateKey() && !block.isCertificate() && !block.type().equals("EC PARAMETERS")) {
                throw new TlsConfigException(file, "holds an unexpected '" + block.type()
                        + "' block; expected a private key and CERTIFICATE blocks");
            }
        }
        return blocks;
    }

    private static List<X509Certificate> certificates(Path file, List<PemBlock> blocks) {
        List<X509Certificate> certs = new ArrayList<>();
        for (PemBlock block : blocks) {
            if (block.isCertificate()) {
                try {
                    certs.add(Certificates.fromPem(block));
                } catch (PemException e) {
                    throw new TlsConfigException(file, "certificate #" + (certs.size() + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return certs;
    }

    private static List<PemBlock> parse(Path file, byte[] bytes) {
        List<PemBlock> blocks;
        try {
            // ISO-8859-1 maps every byte, so stray non-ASCII text outside blocks cannot fail decoding.
            blocks = PemReader.parse(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (PemException e) {
            throw new TlsConfigException(file, "not a valid PEM file: " + e.getMessage(), e);
        }
        if (blocks.isEmpty()) {
            throw new TlsConfigException(file, bytes.length > 0 && bytes[0] == 0x30
                    ? "looks like binary DER; only PEM is supported (convert with 'openssl x509 -outform PEM' or 'openssl pkey -outform PEM')"
                    : "holds no PEM block (expected '-----BEGIN ...-----' lines)");
        }
        return blocks;
    }

    private static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new TlsConfigException(file, "is a directory, not a PEM file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigException(file, "cannot read the file (permission denied)", e);
        } catch (IOException e) {
            throw new TlsConfigException(file, "cannot read the file: " + e, e);
        }
    }
}
