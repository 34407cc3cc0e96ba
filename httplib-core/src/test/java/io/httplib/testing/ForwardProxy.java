package io.httplib.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP forward proxy on loopback for tests: plain requests in absolute form are forwarded to
 * the origin in origin form (without {@code Proxy-Authorization}), {@code CONNECT} opens a tunnel.
 * Every target host is reached on 127.0.0.1 at the requested port, so tests can use made-up
 * names. It records every request head it receives, can demand credentials (407 otherwise,
 * with a {@code Proxy-Authenticate} challenge), and can misbehave on purpose ({@link Fault}).
 * Responses are relayed by their {@code Content-Length} (or up to the origin's close). Every
 * socket has a read timeout; all threads are daemons.
 */
public final class ForwardProxy implements AutoCloseable {

    /** How the proxy misbehaves after reading a request head. */
    public enum Fault {
        /** Behaves. */
        NONE,
        /** Resets the connection (RST). */
        RESET,
        /** Never answers. */
        STALL,
        /** Answers with bytes that are not HTTP, then closes. */
        GARBAGE
    }

    private static final int TIMEOUT_MILLIS = 10_000;

    private final ServerSocket server;
    private final String requiredAuthorization;
    private final Fault fault;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private ForwardProxy(String requiredAuthorization, Fault fault) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.fault = fault;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "forward-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** @return a proxy that forwards everything */
    public static ForwardProxy open() throws IOException {
        return new ForwardProxy(null, Fault.NONE);
    }

    /** @param authorization the Proxy-Authorization value to demand @return a proxy answering 407 without it */
    public static ForwardProxy requiring(String authorization) throws IOException {
        return new ForwardProxy(authorization, Fault.NONE);
    }

    /** @param fault how to misbehave @return a proxy that misbehaves on every request */
    public static ForwardProxy faulty(Fault fault) throws IOException {
        return new ForwardProxy(null, fault);
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return server.getLocalPort();
    }

    /** @return every request head received (CONNECT or absolute form), as text */
    public List<String> heads() {
        return heads;
    }

    /** @return client connections accepted */
    public int connectionCount() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                sockets.add(client);
                Thread t = new Thread(() -> handle(client), "forward-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                switch (fault) {
                    case RESET -> {
                        client.setSoLinger(true, 0);
                        return;
                    }
                    case STALL -> {
                        in.transferTo(OutputStream.nullOutputStream());
                        return;
                    }
                    case GARBAGE -> {
                        out.write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        return;
                    }
                    default -> {
                    }
                }
                String[] line = head.substring(0, head.indexOf("\r\n")).split(" ");
                if (requiredAuthorization != null
                        && !head.contains("\r\nProxy-Authorization: " + requiredAuthorization + "\r\n")) {
                    skipBody(in, head);
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                if (line[0].equals("CONNECT")) {
                    tunnel(client, in, out, line[1]);
                    return;
                }
                if (!forward(in, out, line, head)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client or the origin went away, or a timeout
        }
    }

    private static void tunnel(Socket client, InputStream in, OutputStream out, String authority)
            throws IOException, InterruptedException {
        int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
        try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
            target.setSoTimeout(TIMEOUT_MILLIS);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread up = new Thread(() -> pump(in, target), "forward-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(target.getInputStream(), client);
            up.join(TIMEOUT_MILLIS);
        }
    }

    /** Forwards one absolute-form request; returns whether the client connection may carry another. */
    private static boolean forward(InputStream in, OutputStream out, String[] line, String head) throws IOException {
        URI uri = URI.create(line[1]);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder forwarded = new StringBuilder(line[0] + " " + target + " " + line[2] + "\r\n");
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String h = lines[i];
            String name = h.substring(0, Math.max(0, h.indexOf(':'))).toLowerCase(Locale.ROOT);
            if (!h.isEmpty() && !name.equals("proxy-authorization") && !name.equals("proxy-connection")) {
                forwarded.append(h).append("\r\n");
            }
        }
        forwarded.append("\r\n");
        try (Socket origin = new Socket(InetAddress.getLoopbackAddress(), port)) {
            origin.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream up = origin.getOutputStream();
            up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            copyBody(in, up, head);
            up.flush();
            InputStream down = origin.getInputStream();
            String responseHead = readHead(down);
            if (responseHead == null) {
                return false;
            }
            out.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
            long length = contentLength(responseHead);
            if (line[0].equals("HEAD") || length == 0) {
                out.flush();
            } else if (length > 0) {
                copyExactly(down, out, length);
            } else {
                down.transferTo(out);
                out.flush();
                return false;
            }
            out.flush();
            return !head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n");
        }
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        copyBody(in, OutputStream.nullOutputStream(), head);
    }

    /** Copies a request body by Content-Length or chunked framing, as raw bytes. */
    private static void copyBody(InputStream in, OutputStream out, String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("\r\ntransfer-encoding: chunked\r\n")) {
            while (true) {
                String size = readLine(in);
                out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in);
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return;
                }
                copyExactly(in, out, n);
                out.write((readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        long length = contentLength(head);
        if (length > 0) {
            copyExactly(in, out, length);
        }
    }

    private static long contentLength(String head) {
        for (String h : head.split("\r\n")) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(h.substring(15).trim());
            }
        }
        return -1;
    }

    private static void copyExactly(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException(n + " bytes missing");
            }
            out.write(buf, 0, r);
            n -= r;
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

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** @return the head up to and including the blank line, or null at end of stream before any byte */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) {
                    return null;
                }
                throw new EOFException("end of stream in a head");
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
                    : c == '\r' ? 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
