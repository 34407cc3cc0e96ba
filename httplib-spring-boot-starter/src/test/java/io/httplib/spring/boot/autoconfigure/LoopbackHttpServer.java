package io.httplib.spring.boot.autoconfigure;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw HTTP/1.1 server on loopback for tests: it records every request as it arrived (header
 * lines in order, exact framing, body) and answers with the bytes a route writes, so a test can
 * send a reason phrase of its own, an interim response, or cut a response short. Keep-alive is
 * supported; every thread is a daemon and every socket has a read timeout.
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** Bounds a stalled client: no test waits longer than this for bytes. */
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    /** Bounds what one request may hold, so a broken client cannot exhaust the heap. */
    private static final int MAX_BODY = 8 * 1024 * 1024;

    /** Writes the response to one request; returns whether the connection may be kept. */
    @FunctionalInterface
    interface Route {

        boolean respond(Request request, OutputStream out) throws IOException;

    }

    /** A request as it arrived. */
    record Request(String method, String target, List<String[]> headerLines, byte[] body, boolean chunked) {

        /** Every value of a header, in order, one per line received. */
        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String[] line : this.headerLines) {
                if (line[0].equalsIgnoreCase(name)) {
                    values.add(line[1]);
                }
            }
            return values;
        }

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        String path() {
            int query = this.target.indexOf('?');
            return (query < 0) ? this.target : this.target.substring(0, query);
        }
    }

    private final ServerSocket serverSocket;

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile boolean closed;

    LoopbackHttpServer() throws IOException {
        this.serverSocket = new ServerSocket();
        this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread acceptor = new Thread(this::acceptLoop, "loopback-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return this.serverSocket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers requests whose path starts with {@code prefix}; the longest prefix wins. */
    LoopbackHttpServer route(String prefix, Route route) {
        this.routes.put(prefix, route);
        return this;
    }

    /** The requests received so far for a path, in order. */
    List<Request> requests(String path) {
        return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
    }

    /** The one request received for a path. */
    Request request(String path) {
        List<Request> found = requests(path);
        if (found.size() != 1) {
            throw new AssertionError("expected one request to " + path + ", got " + found.size());
        }
        return found.get(0);
    }

    private void acceptLoop() {
        while (!this.closed) {
            try {
                Socket socket = this.serverSocket.accept();
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                this.sockets.add(socket);
                Thread worker = new Thread(() -> serve(socket), "loopback-http-" + socket.getPort());
                worker.setDaemon(true);
                worker.start();
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = read(in);
                if (request == null) {
                    return;
                }
                this.requests.add(request);
                boolean keep = route(request.path()).respond(request, out);
                out.flush();
                if (!keep) {
                    return;
                }
            }
        }
        catch (SocketException | EOFException ex) {
            // The client went away: nothing to answer.
        }
        catch (IOException ex) {
            // A test that needs the exchange asserts on what was recorded.
        }
    }

    private Route route(String path) {
        String best = null;
        for (String prefix : this.routes.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return (request, out) -> {
                respond(out, "404 Not Found", "no route");
                return true;
            };
        }
        return this.routes.get(best);
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", 3);
        if (parts.length != 3) {
            throw new IOException("bad request line: " + requestLine);
        }
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[] { line.substring(0, colon), line.substring(colon + 1).trim() });
        }
        Request head = new Request(parts[0], parts[1], headers, new byte[0], false);
        String transferEncoding = head.header("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Request(parts[0], parts[1], headers, chunkedBody(in), true);
        }
        String length = head.header("Content-Length");
        if (length != null) {
            int n = Integer.parseInt(length);
            if (n > MAX_BODY) {
                throw new IOException("body over " + MAX_BODY + " bytes");
            }
            return new Request(parts[0], parts[1], headers, in.readNBytes(n), false);
        }
        return head;
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new EOFException("end of stream inside a chunked body");
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0) ? size.trim() : size.substring(0, semicolon).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not recorded
                }
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY) {
                throw new IOException("body over " + MAX_BODY + " bytes");
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One CRLF (or LF) terminated line in latin-1, or {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 65536) {
                throw new IOException("line too long");
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** Writes a complete response with a Content-Length. */
    static void respond(OutputStream out, String status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
    }

    /** Writes raw bytes, latin-1. */
    static void raw(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        this.closed = true;
        this.serverSocket.close();
        for (Socket socket : this.sockets) {
            socket.close();
        }
    }
}
