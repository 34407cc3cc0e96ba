package io.httplib.bench.restclient;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The upload server, over plain HTTP and over TLS: reads each request's whole body
 * (Content-Length or chunked), discarding it, and only then answers {@code 200} with the 2-byte
 * body {@code ok}. Keep-alive, one thread per connection, answers {@code Expect: 100-continue}.
 * {@code GET /stats} (on either port) answers its counters: connections that carried an upload,
 * requests and body bytes, for the benchmark's correctness check.
 *
 * <p>Arguments: {@code plainPort tlsPort keystore.p12 password}. Runs until killed.
 */
public final class UploadSink {

    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static final AtomicLong connections = new AtomicLong();

    private static final AtomicLong requests = new AtomicLong();

    private static final AtomicLong bytes = new AtomicLong();

    private UploadSink() {
    }

    public static void main(String[] args) throws Exception {
        int plainPort = Integer.parseInt(args[0]);
        int tlsPort = Integer.parseInt(args[1]);
        char[] password = args[3].toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[2])) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        ServerSocket plain = bind(new ServerSocket(), plainPort);
        ServerSocket secure = bind(tls.getServerSocketFactory().createServerSocket(), tlsPort);
        System.out.println("upload sink on " + plain.getLocalSocketAddress() + " and " + secure.getLocalSocketAddress()
                + " (TLS)");
        System.out.flush();
        Thread t = new Thread(() -> accept(secure), "sink-accept-tls");
        t.start();
        accept(plain);
    }

    private static ServerSocket bind(ServerSocket server, int port) throws IOException {
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        return server;
    }

    private static void accept(ServerSocket server) {
        while (true) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "sink-conn");
                t.setDaemon(true);
                t.start();
            }
            catch (IOException ex) {
                System.out.println("accept failed: " + ex);
            }
        }
    }

    private static void serve(Socket s) {
        boolean counted = false;
        try (s) {
            s.setTcpNoDelay(true);
            s.setReceiveBufferSize(4 * 1024 * 1024);
            Reader r = new Reader(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String line = r.line();
                if (line == null) {
                    return;
                }
                if (line.isEmpty()) {
                    continue;
                }
                long length = 0;
                boolean chunked = false;
                boolean expectContinue = false;
                boolean close = line.endsWith("HTTP/1.0");
                String h;
                while (!(h = r.line()).isEmpty()) {
                    int colon = h.indexOf(':');
                    String name = h.substring(0, colon).trim();
                    String value = h.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Long.parseLong(value);
                    }
                    else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        chunked = value.toLowerCase().contains("chunked");
                    }
                    else if (name.equalsIgnoreCase("Expect")) {
                        expectContinue = value.equalsIgnoreCase("100-continue");
                    }
                    else if (name.equalsIgnoreCase("Connection")) {
                        close = value.equalsIgnoreCase("close");
                    }
                }
                if (line.startsWith("GET /stats ")) {
                    byte[] body = ("connections=" + connections.get() + " requests=" + requests.get() + " bytes="
                            + bytes.get() + "\n").getBytes(StandardCharsets.ISO_8859_1);
                    out.write(("HTTP/1.0 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    return;
                }
                if (!counted) {
                    connections.incrementAndGet();
                    counted = true;
                }
                if (expectContinue) {
                    out.write(CONTINUE);
                    out.flush();
                }
                long received = 0;
                if (chunked) {
                    while (true) {
                        String size = r.line();
                        int semi = size.indexOf(';');
                        long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                        if (n == 0) {
                            while (!r.line().isEmpty()) {
                                // trailers
                            }
                            break;
                        }
                        r.skip(n);
                        received += n;
                        r.line();
                    }
                }
                else {
                    r.skip(length);
                    received = length;
                }
                bytes.addAndGet(received);
                requests.incrementAndGet();
                out.write(OK);
                out.flush();
                if (close) {
                    return;
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // the client went away; nothing to do
        }
    }

    /** A buffered reader of lines and bytes to skip. */
    private static final class Reader {

        private final InputStream in;

        private final byte[] buf = new byte[256 * 1024];

        private int pos;

        private int lim;

        Reader(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (this.pos == this.lim) {
                this.pos = 0;
                this.lim = 0;
            }
            int n = this.in.read(this.buf, this.lim, this.buf.length - this.lim);
            if (n < 0) {
                return false;
            }
            this.lim += n;
            return true;
        }

        String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (this.pos == this.lim && !fill()) {
                    return sb.length() == 0 ? null : sb.toString();
                }
                byte b = this.buf[this.pos++];
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        void skip(long n) throws IOException {
            while (n > 0) {
                if (this.pos == this.lim && !fill()) {
                    throw new IOException("body ended early");
                }
                int k = (int) Math.min(n, this.lim - this.pos);
                this.pos += k;
                n -= k;
            }
        }
    }
}
