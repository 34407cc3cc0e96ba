package io.httplib.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback TCP relay in front of another local server (WireMock, {@link ScriptedServer}),
 * counting the TCP connections clients open, so tests can assert that requests shared one
 * connection. {@link #tlsTerminating} makes it a TLS server in front of a plain one, so that a
 * plain recording server sees what a client sent inside TLS.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final int targetPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public TcpRelay(int targetPort) throws IOException {
        this(targetPort, new ServerSocket());
    }

    private TcpRelay(int targetPort, ServerSocket serverSocket) throws IOException {
        this.targetPort = targetPort;
        this.serverSocket = serverSocket;
        this.serverSocket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread accept = new Thread(this::acceptLoop, "tcp-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * @param server the server's TLS context (its certificate)
     * @param targetPort the plain server behind
     * @return a relay that accepts TLS and forwards the plaintext
     */
    public static TcpRelay tlsTerminating(SSLContext server, int targetPort) throws IOException {
        return new TcpRelay(targetPort, server.getServerSocketFactory().createServerSocket());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** TCP connections accepted from clients so far. */
    public int connectionCount() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = serverSocket.accept();
                connections.incrementAndGet();
                Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
                client.setSoTimeout(ScriptedServer.SOCKET_TIMEOUT_MILLIS);
                upstream.setSoTimeout(ScriptedServer.SOCKET_TIMEOUT_MILLIS);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "tcp-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
