package io.httplib.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small TLS server on 127.0.0.1 (ephemeral port) for tests. Each connection is handled on its
 * own daemon thread: the server completes the handshake, records a {@link Handshake} (requested
 * SNI names, protocol, cipher suite, client certificates, or the failure), reads the request head
 * up to the blank line, writes a fixed HTTP/1.1 response and closes the connection. Every socket
 * has a read timeout, so nothing can hang.
 *
 * <pre>{@code
 * try (TestTlsServer server = TestTlsServer.builder(pki.serverSslContext(identity)).clientAuthRequired().start()) {
 *     SSLSocket socket = tls.createSocket(new Socket("127.0.0.1", server.port()), "localhost", server.port());
 *     TestTlsServer.Handshake handshake = server.nextHandshake();
 * }
 * }</pre>
 */
public final class TestTlsServer implements AutoCloseable {

    /** The response written when none is configured. */
    public static final String DEFAULT_RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";

    /**
     * What the server saw in one handshake.
     *
     * @param requestedServerNames the SNI host names the client sent (empty when none)
     * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
     * @param cipherSuite the negotiated cipher suite
     * @param clientCertificates the client's certificate chain (empty when none)
     * @param failure the handshake failure, or {@code null} when it succeeded
     */
    public record Handshake(List<String> requestedServerNames, String protocol, String cipherSuite,
            List<X509Certificate> clientCertificates, Exception failure) {

        /** @return whether the handshake completed on the server side */
        public boolean succeeded() {
            return failure == null;
        }
    }

    private final ServerSocket serverSocket;
    private final SSLSocketFactory factory;
    private final String[] protocols;
    private final boolean clientAuthRequired;
    private final String response;
    private final int readTimeoutMillis;
    private final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private TestTlsServer(Builder builder) throws IOException {
        this.factory = builder.context.getSocketFactory();
        this.protocols = builder.protocols;
        this.clientAuthRequired = builder.clientAuthRequired;
        this.response = builder.response;
        this.readTimeoutMillis = (int) builder.readTimeout.toMillis();
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.acceptor = new Thread(this::acceptLoop, "test-tls-server-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param context the server context, e.g. {@link TestPki#serverSslContext(TestPki.Identity)}
     * @return a builder
     */
    public static Builder builder(SSLContext context) {
        return new Builder(context);
    }

    /**
     * @param context the server context
     * @return a started server with the default settings
     * @throws IOException if it cannot listen
     */
    public static TestTlsServer start(SSLContext context) throws IOException {
        return builder(context).start();
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * @return the record of the next handshake, waiting up to 10 seconds for it
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if no connection completed or failed its handshake in time
     */
    public Handshake nextHandshake() throws InterruptedException {
        Handshake handshake = handshakes.poll(10, TimeUnit.SECONDS);
        if (handshake == null) {
            throw new AssertionError("the test TLS server saw no handshake within 10 seconds");
        }
        return handshake;
    }

    /** Stops accepting; connections in progress end on their own read timeout. */
    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket plain;
            try {
                plain = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread handler = new Thread(() -> handle(plain), "test-tls-connection-" + plain.getPort());
            handler.setDaemon(true);
            handler.start();
        }
    }

    /**
     * TLS is layered over the accepted socket without auto-close, so that after a failed handshake
     * the server can close the TCP connection gracefully: JSSE alone would close it at once, with
     * the client's last flight unread, and TCP would reset the connection before the client reads
     * the alert.
     */
    private void handle(Socket plain) {
        try (plain) {
            plain.setSoTimeout(readTimeoutMillis);
            SSLSocket socket = (SSLSocket) factory.createSocket(plain, null, false);
            socket.setUseClientMode(false);
            if (protocols != null) {
                socket.setEnabledProtocols(protocols);
            }
            socket.setNeedClientAuth(clientAuthRequired);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                handshakes.add(new Handshake(List.of(), null, null, List.of(), e));
                closeGracefully(plain);
                return;
            }
            SSLSession session = socket.getSession();
            handshakes.add(new Handshake(serverNames(session), session.getProtocol(), session.getCipherSuite(),
                    clientCertificates(session), null));
            readRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.close();
        } catch (SocketException ignored) {
            // The client went away; nothing to answer.
        } catch (IOException ignored) {
            // Read timeout or a failure after the handshake; the test sees it on its side.
        }
    }

    /** Sends FIN, then reads what the client still sends until it closes too (bounded by the timeout). */
    private static void closeGracefully(Socket plain) {
        try {
            plain.shutdownOutput();
            plain.setSoTimeout(2_000);
            plain.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // Closed or timed out: either way the connection ends now.
        }
    }

    private static List<String> serverNames(SSLSession session) {
        List<String> names = new ArrayList<>();
        if (session instanceof ExtendedSSLSession) {
            for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                names.add(name instanceof SNIHostName ? ((SNIHostName) name).getAsciiName() : name.toString());
            }
        }
        return List.copyOf(names);
    }

    private static List<X509Certificate> clientCertificates(SSLSession session) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** Reads up to the end of the request head (a blank line) or end of stream, at most 64 KiB. */
    private static void readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] terminator = {'\r', '\n', '\r', '\n'};
        while (head.size() < 65_536) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
            matched = b == terminator[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == terminator.length) {
                return;
            }
        }
    }

    /** Configures a {@link TestTlsServer}. */
    public static final class Builder {

        private final SSLContext context;
        private String[] protocols;
        private boolean clientAuthRequired;
        private String response = DEFAULT_RESPONSE;
        private Duration readTimeout = Duration.ofSeconds(5);

        private Builder(SSLContext context) {
            this.context = Objects.requireNonNull(context);
        }

        /**
         * @param protocols the only protocols the server enables
         * @return this builder
         */
        public Builder protocols(String... protocols) {
            this.protocols = protocols.clone();
            return this;
        }

        /**
         * Makes the server require a client certificate that its context trusts.
         *
         * @return this builder
         */
        public Builder clientAuthRequired() {
            this.clientAuthRequired = true;
            return this;
        }

        /**
         * @param rawResponse the bytes (ISO-8859-1) written after the request head
         * @return this builder
         */
        public Builder response(String rawResponse) {
            this.response = Objects.requireNonNull(rawResponse);
            return this;
        }

        /**
         * @param readTimeout the read timeout of each connection, handshake included (default 5 s)
         * @return this builder
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * @return the listening server
         * @throws IOException if it cannot listen
         */
        public TestTlsServer start() throws IOException {
            return new TestTlsServer(this);
        }
    }
}
