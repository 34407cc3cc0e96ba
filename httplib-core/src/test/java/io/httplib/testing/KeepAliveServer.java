package io.httplib.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast keep-alive HTTP/1.1 server on 127.0.0.1 for client tests: one daemon thread per
 * connection, buffered I/O, {@code Content-Length} request bodies. A {@link Handler} turns each
 * request into response bytes. It counts connections, the most open at once, and can close
 * connections that stay idle longer than {@code idleCloseMillis} (as servers do with keep-alive).
 */
public final class KeepAliveServer implements AutoCloseable {

    /** One parsed request. */
    public record Request(int connection, String method, String target, Map<String, String> headers, byte[] body) {
        /** @return a header value by lower-case name, or null */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Makes the response for a request; returning null closes the connection without a reply. */
    @FunctionalInterface
    public interface Handler {
        byte[] handle(Request request) throws Exception;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final int idleCloseMillis;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger openNow = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    private KeepAliveServer(Handler handler, int idleCloseMillis) throws IOException {
        this.handler = handler;
        this.idleCloseMillis = idleCloseMillis;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 200);
        Thread t = new Thread(this::acceptLoop, "keepalive-server-accept");
        t.setDaemon(true);
        t.start();
    }

    /** @return a server answering with {@code handler}, keeping idle connections up to 10 s */
    public static KeepAliveServer start(Handler handler) throws IOException {
        return new KeepAliveServer(handler, 10_000);
    }

    /** @return a server that closes a connection idle for {@code idleCloseMillis} */
    public static KeepAliveServer start(Handler handler, int idleCloseMillis) throws IOException {
        return new KeepAliveServer(handler, idleCloseMillis);
    }

    /** @return an HTTP/1.1 response with a Content-Length body */
    public static byte[] response(int status, String reason, String body, String... headers) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return all;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code http://127.0.0.1:port} */
    public String uri() {
        return "http://127.0.0.1:" + port();
    }

    /** @return connections accepted so far */
    public int connectionCount() {
        return connections.get();
    }

    /** @return the most connections that were open at the same time */
    public int maxOpenConnections() {
        return maxOpen.get();
    }

    /** @return connections open now */
    public int openConnections() {
        return openNow.get();
    }

    /** @return requests answered */
    public int requestCount() {
        return requests.get();
    }

    /** Closes every open connection now (as a server restart would), keeping the listener. */
    public void closeAllConnections() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            int index = connections.getAndIncrement();
            open.add(s);
            int now = openNow.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            Thread t = new Thread(() -> serve(s, index), "keepalive-server-conn-" + index);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s, int index) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(idleCloseMillis);
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            while (!closed) {
                Request r = read(in, index);
                if (r == null) {
                    return;
                }
                byte[] resp = handler.handle(r);
                if (resp == null) {
                    return;
                }
                requests.incrementAndGet();
                out.write(resp);
                out.flush();
                if ("close".equalsIgnoreCase(r.header("connection"))) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            // idle too long: close, as a server's keep-alive timeout does
        } catch (Exception e) {
            // client went away
        } finally {
            open.remove(s);
            openNow.decrementAndGet();
        }
    }

    private static Request read(InputStream in, int index) throws IOException {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String h;
        while ((h = readLine(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        String cl = headers.get("content-length");
        byte[] body = new byte[cl == null ? 0 : Integer.parseInt(cl)];
        int off = 0;
        while (off < body.length) {
            int n = in.read(body, off, body.length - off);
            if (n < 0) {
                throw new IOException("end of stream in body");
            }
            off += n;
        }
        return new Request(index, parts[0], parts[1], headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] a = line.toByteArray();
                int len = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        closeAllConnections();
    }
}
