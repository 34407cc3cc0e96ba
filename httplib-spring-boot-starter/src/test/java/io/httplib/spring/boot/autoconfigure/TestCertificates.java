package io.httplib.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA, server certificate (localhost, 127.0.0.1) and client certificates, generated
 * in memory with BouncyCastle and written as PEM; plus a tiny TLS server that requires a client
 * certificate and answers every request with the client certificate's subject.
 */
final class TestCertificates {

    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    final KeyPair caKey;

    final X509Certificate ca;

    final KeyPair serverKey;

    final X509Certificate server;

    TestCertificates() {
        try {
            this.caKey = keyPair();
            this.ca = sign(new X500Principal("CN=httplib test CA"), this.caKey, this.caKey, new X500Principal("CN=httplib test CA"), true, false);
            this.serverKey = keyPair();
            this.server = sign(new X500Principal("CN=localhost"), this.serverKey, this.caKey, this.ca.getSubjectX500Principal(), false, true);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A client certificate signed by the CA, with its key. */
    Client client(String commonName) {
        try {
            KeyPair key = keyPair();
            X509Certificate cert = sign(new X500Principal("CN=" + commonName), key, this.caKey,
                    this.ca.getSubjectX500Principal(), false, false);
            return new Client(key, cert);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    record Client(KeyPair key, X509Certificate cert) {

        Path writeKey(Path dir, String name) throws IOException {
            return write(dir.resolve(name), pem("PRIVATE KEY", this.key.getPrivate().getEncoded()));
        }

        Path writeCert(Path dir, String name) throws IOException {
            return write(dir.resolve(name), pem("CERTIFICATE", encoded(this.cert)));
        }
    }

    Path writeCa(Path dir) throws IOException {
        return write(dir.resolve("ca.pem"), pem("CERTIFICATE", encoded(this.ca)));
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Principal subject, KeyPair subjectKey, KeyPair issuerKey,
            X500Principal issuer, boolean ca, boolean server) throws Exception {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.getAndIncrement()), new Date(now - 60_000), new Date(now + 86_400_000L),
                subject, subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
        }
        return new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    /** A TLS server on loopback that requires a client certificate signed by the CA. */
    MutualTlsServer startServer() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", (PrivateKey) this.serverKey.getPrivate(), new char[0],
                new X509Certificate[] { this.server, this.ca });
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", this.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setNeedClientAuth(true);
        return new MutualTlsServer(socket);
    }

    static final class MutualTlsServer implements AutoCloseable {

        private final ServerSocket socket;

        private final Thread thread;

        MutualTlsServer(ServerSocket socket) {
            this.socket = socket;
            this.thread = new Thread(this::serve, "mutual-tls-server");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        int port() {
            return this.socket.getLocalPort();
        }

        private void serve() {
            while (!this.socket.isClosed()) {
                try {
                    Socket client = this.socket.accept();
                    Thread handler = new Thread(() -> {
                        try (client) {
                            handle((SSLSocket) client);
                        }
                        catch (IOException ex) {
                            // handshake refused or connection closed
                        }
                    }, "mutual-tls-connection");
                    handler.setDaemon(true);
                    handler.start();
                }
                catch (IOException ex) {
                    // closed
                }
            }
        }

        private static void handle(SSLSocket client) throws IOException {
            client.setSoTimeout(5000);
            client.startHandshake();
            String subject = ((X509Certificate) client.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                .getName();
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                int state = 0;
                int b;
                while (state < 4 && (b = in.read()) >= 0) {
                    state = (b == (state % 2 == 0 ? '\r' : '\n')) ? state + 1 : (b == '\r' ? 1 : 0);
                }
                if (state < 4) {
                    return;
                }
                byte[] body = subject.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }
    }
}
