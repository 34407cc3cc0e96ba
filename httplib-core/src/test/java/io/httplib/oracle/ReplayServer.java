package io.httplib.oracle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loopback server of one oracle run: connection {@code i} replays script {@code i} of the
 * case; a connection beyond the scripts reads one request and closes. Every byte the server reads
 * is recorded per connection.
 *
 * <p>{@link #finish()} accepts whatever connections are still queued (a client may connect and
 * give up before the accept thread ran), waits for every script to end, and only then reports:
 * the record is complete and does not depend on thread timing.
 */
final class ReplayServer implements AutoCloseable {

    /** How long a script waits for the client, and {@link #finish()} for a script. */
    static final int WAIT_MILLIS = 5_000;

    private final List<List<ServerAction>> scripts;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread acceptor;
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean stopping;

    ReplayServer(List<List<ServerAction>> scripts) throws IOException {
        this.scripts = scripts;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.configureBlocking(false);
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.acceptor = new Thread(this::acceptLoop, "oracle-replay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (!stopping) {
                selector.select(100);
                selector.selectedKeys().clear();
                acceptPending();
            }
            acceptPending();
        } catch (IOException e) {
            // the server is being closed
        }
    }

    private void acceptPending() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(true);
            Socket s = ch.socket();
            s.setSoTimeout(WAIT_MILLIS);
            s.setTcpNoDelay(true);
            int index;
            synchronized (connections) {
                index = connections.size();
            }
            List<ServerAction> script = index < scripts.size() ? scripts.get(index)
                    : List.of(ServerAction.recv(), ServerAction.close());
            Connection c = new Connection(s, script);
            synchronized (connections) {
                connections.add(c);
            }
            c.thread.start();
        }
    }

    /**
     * Stops accepting, waits for every script, and returns what each connection received.
     *
     * @return the bytes received, one entry per accepted connection in accept order
     */
    List<byte[]> finish() throws InterruptedException {
        stopping = true;
        selector.wakeup();
        acceptor.join(WAIT_MILLIS);
        List<Connection> all;
        synchronized (connections) {
            all = List.copyOf(connections);
        }
        List<byte[]> received = new ArrayList<>();
        for (Connection c : all) {
            c.thread.join(WAIT_MILLIS);
            received.add(c.received());
        }
        return received;
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        selector.wakeup();
        synchronized (connections) {
            for (Connection c : connections) {
                c.closeQuietly();
            }
        }
        selector.close();
        server.close();
    }

    /** One accepted connection running its script on its own thread. */
    private static final class Connection {
        final Socket socket;
        final Thread thread;
        private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        private InputStream in;

        Connection(Socket socket, List<ServerAction> script) {
            this.socket = socket;
            this.thread = new Thread(() -> run(script), "oracle-replay-conn");
            thread.setDaemon(true);
        }

        byte[] received() {
            synchronized (recorded) {
                return recorded.toByteArray();
            }
        }

        private void run(List<ServerAction> script) {
            try {
                in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (ServerAction a : script) {
                    switch (a.kind()) {
                        case RECV -> {
                            if (!readRequest(true)) {
                                return;
                            }
                        }
                        case RECV_HEAD -> {
                            if (!readRequest(false)) {
                                return;
                            }
                        }
                        case SEND -> {
                            out.write(a.bytes());
                            out.flush();
                        }
                        case PAUSE -> Thread.sleep(a.millis());
                        case SHUTDOWN_OUTPUT -> socket.shutdownOutput();
                        case CLOSE -> {
                            return;
                        }
                        case RESET -> {
                            socket.setSoLinger(true, 0);
                            return;
                        }
                        default -> throw new IllegalStateException(a.toString());
                    }
                }
                // The script is done: record whatever else the client sends until it closes.
                drain();
            } catch (IOException | InterruptedException e) {
                // the client went away or stalled: the record shows how far it got
            } finally {
                closeQuietly();
            }
        }

        private int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                synchronized (recorded) {
                    recorded.write(b);
                }
            }
            return b;
        }

        private void drain() throws IOException {
            try {
                while (read() >= 0) {
                    // recorded
                }
            } catch (SocketTimeoutException e) {
                // the client kept the connection open: nothing more to record
            }
        }

        /**
         * Reads one request head and, when asked, its body (Content-Length or chunked).
         *
         * @return false when the client closed before sending a byte
         */
        private boolean readRequest(boolean body) throws IOException {
            StringBuilder head = new StringBuilder();
            while (true) {
                int b = read();
                if (b < 0) {
                    return head.length() > 0;
                }
                head.append((char) b);
                int n = head.length();
                if (n >= 2 && head.charAt(n - 1) == '\n'
                        && (head.charAt(n - 2) == '\n' || n >= 4 && head.substring(n - 4).equals("\r\n\r\n"))) {
                    break;
                }
            }
            if (!body) {
                return true;
            }
            String h = head.toString().toLowerCase(Locale.ROOT);
            if (h.contains("\ntransfer-encoding: chunked")) {
                readChunked();
            } else {
                int at = h.indexOf("\ncontent-length:");
                if (at >= 0) {
                    int end = h.indexOf('\n', at + 1);
                    long n = Long.parseLong(h.substring(at + 16, end).trim());
                    for (long i = 0; i < n; i++) {
                        if (read() < 0) {
                            return true;
                        }
                    }
                }
            }
            return true;
        }

        private void readChunked() throws IOException {
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                int semi = line.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
                } catch (NumberFormatException e) {
                    return; // not chunked framing after all: the record shows what came
                }
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = readLine();
                    } while (trailer != null && !trailer.isEmpty());
                    return;
                }
                for (long i = 0; i < size + 2; i++) {
                    if (read() < 0) {
                        return;
                    }
                }
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    int n = line.length();
                    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
                }
                line.append((char) b);
            }
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** @return the bytes as a latin-1 string */
    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
