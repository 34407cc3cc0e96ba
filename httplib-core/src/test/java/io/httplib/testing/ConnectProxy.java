package io.httplib.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP proxy that understands only {@code CONNECT}: it records each CONNECT request head,
 * optionally demands a {@code Proxy-Authorization} value (answering 407 otherwise), connects to the
 * target on loopback and relays bytes both ways. Every socket has a timeout.
 */
public final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String requiredAuthorization;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final AtomicInteger originsEnded = new AtomicInteger();
    private volatile boolean closed;

    private ConnectProxy(String requiredAuthorization) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "connect-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** @return a proxy that tunnels every CONNECT */
    public static ConnectProxy open() throws IOException {
        return new ConnectProxy(null);
    }

    /** @param authorization the Proxy-Authorization value to demand @return a proxy that answers 407 without it */
    public static ConnectProxy requiring(String authorization) throws IOException {
        return new ConnectProxy(authorization);
    }

    /** @return the proxy's port on 127.0.0.1 */
    public int port() {
        return server.getLocalPort();
    }

    /** @return every CONNECT request head received, as text */
    public List<String> heads() {
        return heads;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> handle(client), "connect-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Waits until the proxy has passed the end of {@code n} target connections on to its clients
     * (their FIN is on its way), at most {@code millis}.
     */
    public void awaitTargetsEnded(int n, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (originsEnded.get() < n) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("only " + originsEnded.get() + " of " + n + " target connections ended after "
                        + millis + " ms");
            }
            Thread.sleep(5);
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            heads.add(head);
            String[] first = head.split("\r\n", 2)[0].split(" ");
            OutputStream out = client.getOutputStream();
            if (!first[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            if (requiredAuthorization != null
                    && !head.contains("\r\nProxy-Authorization: " + requiredAuthorization + "\r\n")) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String authority = first[1];
            int colon = authority.lastIndexOf(':');
            int port = Integer.parseInt(authority.substring(colon + 1));
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
                target.setSoTimeout(10_000);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread up = new Thread(() -> pump(in, target), "connect-proxy-up");
                up.setDaemon(true);
                up.start();
                pump(target.getInputStream(), client);
                originsEnded.incrementAndGet();
                up.join(10_000);
            }
        } catch (IOException | InterruptedException e) {
            // the tunnel ends when either side closes or times out
        }
    }

    private static void pump(InputStream from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = from.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
