package io.httplib.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw loopback HTTP server for tests: every accepted connection runs a {@link Script} that
 * reads requests and writes arbitrary (possibly malformed) bytes.
 *
 * <p>Every byte received is recorded per connection, so a test can assert what went over the
 * wire, including that nothing at all was sent. All threads are daemons and every socket has
 * a read timeout, so a misbehaving client cannot hang the build.
 */
public final class ScriptedServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void run(Exchange exchange) throws Exception;
    }

    /** Read timeout of every server-side socket. */
    public static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket serverSocket;
    private final List<Script> scripts;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Throwable> scriptErrors = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> signals = new ConcurrentHashMap<>();
    private final Thread acceptThread;
    private volatile boolean closed;

    private ScriptedServer(InetAddress address, List<Script> scripts) throws IOException {
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("at least one script is needed");
        }
        this.scripts = List.copyOf(scripts);
        this.serverSocket = new ServerSocket();
        this.serverSocket.bind(new InetSocketAddress(address, 0), 50);
        this.acceptThread = new Thread(this::acceptLoop, "scripted-server-accept-" + port());
        this.acceptThread.setDaemon(true);
        this.acceptThread.start();
    }

    /**
     * Starts a server on 127.0.0.1. Connection {@code i} runs {@code scripts[i]}; connections
     * beyond the last script run the last script again.
     */
    public static ScriptedServer start(Script... scripts) throws IOException {
        return new ScriptedServer(InetAddress.getByName("127.0.0.1"), List.of(scripts));
    }

    /** Like {@link #start(Script...)} but on the IPv6 loopback {@code ::1}; fails if it cannot bind. */
    public static ScriptedServer startIPv6(Script... scripts) throws IOException {
        return new ScriptedServer(InetAddress.getByName("::1"), List.of(scripts));
    }

    // ----------------------------------------------------------------------------------------
    // Ready-made scripts

    /**
     * For each given response: reads one request (head and body) and writes the response bytes
     * (ISO-8859-1). Then keeps the connection open until the client closes it.
     */
    public static Script replies(String... responses) {
        return ex -> {
            for (String response : responses) {
                if (ex.readRequest() == null) {
                    return;
                }
                ex.write(response);
            }
            ex.awaitClientClose();
        };
    }

    /** Reads one request, writes the response bytes, then closes the connection. */
    public static Script replyAndClose(String response) {
        return ex -> {
            if (ex.readRequest() == null) {
                return;
            }
            ex.write(response);
            ex.close();
        };
    }

    /** Reads one request, then closes the connection without writing anything. */
    public static Script closeWithoutReply() {
        return ex -> {
            ex.readRequest();
            ex.close();
        };
    }

    /** Reads requests but never answers; waits until the client goes away. */
    public static Script silent() {
        return Exchange::awaitClientClose;
    }

    // ----------------------------------------------------------------------------------------
    // Inspection

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return exchanges.size();
    }

    /** Requests read by the scripts so far, in the order they were read. */
    public List<Request> receivedRequests() {
        return List.copyOf(requests);
    }

    /** The request with the given index; fails if the scripts did not read that many. */
    public Request request(int index) {
        List<Request> all = receivedRequests();
        if (index >= all.size()) {
            throw new AssertionError("the server read only " + all.size() + " request(s): " + all);
        }
        return all.get(index);
    }

    /** All bytes received on connection {@code connection}, as they came off the wire. */
    public byte[] receivedBytes(int connection) {
        return exchanges.get(connection).received();
    }

    /** All bytes received on connection {@code connection}, decoded as ISO-8859-1. */
    public String received(int connection) {
        return new String(receivedBytes(connection), StandardCharsets.ISO_8859_1);
    }

    /** Bytes received over all connections. */
    public long totalBytesReceived() {
        long total = 0;
        for (Exchange exchange : exchanges) {
            total += exchange.received().length;
        }
        return total;
    }

    /** Errors thrown by scripts (client disconnects show up here too). */
    public List<Throwable> scriptErrors() {
        return List.copyOf(scriptErrors);
    }

    /**
     * Waits until connection {@code connection} has been accepted and its client closed it (the
     * server read end of stream), so that {@link #receivedBytes(int)} is final.
     */
    public void awaitClientClose(int connection, Duration timeout) throws InterruptedException {
        Exchange exchange = awaitConnection(connection, timeout);
        if (!exchange.clientClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("client did not close connection " + connection + " within " + timeout);
        }
    }

    /** Waits until connection {@code connection} is accepted. */
    public Exchange awaitConnection(int connection, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (exchanges.size() <= connection) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connection " + connection + " was not accepted within " + timeout);
            }
            Thread.sleep(5);
        }
        return exchanges.get(connection);
    }

    /** Waits until the script of connection {@code connection} has closed its socket. */
    public void awaitServerClose(int connection, Duration timeout) throws InterruptedException {
        Exchange exchange = awaitConnection(connection, timeout);
        if (!exchange.serverClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server did not close connection " + connection + " within " + timeout);
        }
    }

    /** Waits until a script called {@link Exchange#signal(String)} with this name. */
    public void awaitSignal(String name, Duration timeout) throws InterruptedException {
        if (!latch(name).await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("signal '" + name + "' not raised within " + timeout);
        }
    }

    /**
     * Gives connections that a client may have opened time to be accepted and finish, for
     * assertions that nothing was sent: waits a short while for pending accepts, then for
     * every accepted client to close.
     */
    public void settle() throws InterruptedException {
        Thread.sleep(150);
        for (int i = 0; i < exchanges.size(); i++) {
            exchanges.get(i).clientClosed.await(2, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Exchange exchange : exchanges) {
            exchange.closeQuietly();
        }
    }

    private CountDownLatch latch(String name) {
        return signals.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            int index = exchanges.size();
            Script script = scripts.get(Math.min(index, scripts.size() - 1));
            Exchange exchange;
            try {
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                exchange = new Exchange(index, socket);
            } catch (IOException e) {
                scriptErrors.add(e);
                closeQuietly(socket);
                continue;
            }
            exchanges.add(exchange);
            Thread worker = new Thread(() -> {
                try {
                    script.run(exchange);
                } catch (Throwable t) {
                    scriptErrors.add(t);
                } finally {
                    exchange.closeQuietly();
                }
            }, "scripted-server-conn-" + index);
            worker.setDaemon(true);
            worker.start();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    // ----------------------------------------------------------------------------------------

    /** The server side of one accepted connection. */
    public final class Exchange {
        private final int index;
        private final Socket socket;
        private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        private final InputStream in;
        private final OutputStream out;
        private final CountDownLatch clientClosed = new CountDownLatch(1);
        private final CountDownLatch serverClosed = new CountDownLatch(1);

        Exchange(int index, Socket socket) throws IOException {
            this.index = index;
            this.socket = socket;
            this.in = new RecordingInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Index of this connection, 0 for the first accepted one. */
        public int index() {
            return index;
        }

        byte[] received() {
            synchronized (recorded) {
                return recorded.toByteArray();
            }
        }

        /** Reads a request head and its body (by Content-Length or chunked); null at end of stream. */
        public Request readRequest() throws IOException {
            Request head = readRequestHead();
            if (head == null) {
                return null;
            }
            return readBody(head);
        }

        /** Reads a request head only (no body); null if the client closed before sending a byte. */
        public Request readRequestHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0; // matches \r\n\r\n
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new EOFException("end of stream inside request head: " + latin1(head.toByteArray()));
                }
                head.write(b);
                if (b == '\r' && (state == 0 || state == 2)) {
                    state++;
                } else if (b == '\n' && (state == 1 || state == 3)) {
                    state++;
                    if (state == 4) {
                        break;
                    }
                } else {
                    state = b == '\r' ? 1 : 0;
                }
            }
            Request request = Request.parseHead(index, head.toByteArray());
            return request;
        }

        /** Reads the body announced by {@code head} and records the complete request. */
        public Request readBody(Request head) throws IOException {
            String length = head.header("Content-Length");
            String transferEncoding = head.header("Transfer-Encoding");
            Request complete;
            if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                while (true) {
                    String sizeLine = readLine(raw);
                    String size = sizeLine.strip();
                    int semicolon = size.indexOf(';');
                    if (semicolon >= 0) {
                        size = size.substring(0, semicolon);
                    }
                    int n = Integer.parseInt(size.strip(), 16);
                    if (n == 0) {
                        String trailer;
                        do {
                            trailer = readLine(raw);
                        } while (!trailer.isEmpty());
                        break;
                    }
                    byte[] data = readExactly(n);
                    raw.write(data);
                    body.write(data);
                    String crlf = readLine(raw);
                    if (!crlf.isEmpty()) {
                        throw new IOException("chunk data not followed by CRLF but by " + crlf);
                    }
                }
                complete = head.withBody(body.toByteArray(), raw.toByteArray());
            } else if (length != null) {
                byte[] body = readExactly(Integer.parseInt(length.strip()));
                complete = head.withBody(body, body);
            } else {
                complete = head.withBody(new byte[0], new byte[0]);
            }
            requests.add(complete);
            return complete;
        }

        /** Reads exactly {@code n} bytes. */
        public byte[] readExactly(int n) throws IOException {
            byte[] data = in.readNBytes(n);
            if (data.length < n) {
                throw new EOFException("expected " + n + " bytes, got " + data.length);
            }
            return data;
        }

        /** Reads a CRLF-terminated line, returning it without the CRLF; raw bytes go to {@code raw}. */
        private String readLine(ByteArrayOutputStream raw) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("end of stream inside a line: " + latin1(line.toByteArray()));
                }
                raw.write(b);
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int len = bytes.length;
                    if (len > 0 && bytes[len - 1] == '\r') {
                        len--;
                    }
                    return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
        }

        /** Writes bytes given as an ISO-8859-1 string (each char is one byte). */
        public void write(String latin1) throws IOException {
            write(latin1.getBytes(StandardCharsets.ISO_8859_1));
        }

        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Writes one byte at a time, pausing between bytes. */
        public void writeSlowly(String latin1, long pauseMillis) throws IOException, InterruptedException {
            for (byte b : latin1.getBytes(StandardCharsets.ISO_8859_1)) {
                out.write(b);
                out.flush();
                Thread.sleep(pauseMillis);
            }
        }

        public void pause(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }

        /** Lets tests wait on {@link ScriptedServer#awaitSignal(String, Duration)}. */
        public void signal(String name) {
            latch(name).countDown();
        }

        /** Closes the write side only (FIN), keeps reading. */
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        /** Closes the connection normally. */
        public void close() throws IOException {
            socket.close();
            serverClosed.countDown();
        }

        /** Closes the connection with a TCP reset. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
            serverClosed.countDown();
        }

        /**
         * Reads (and records) everything the client still sends until it closes the connection or
         * the socket timeout passes.
         */
        public void awaitClientClose() throws IOException {
            byte[] buffer = new byte[8192];
            try {
                while (in.read(buffer) >= 0) {
                    // recorded by the stream
                }
            } catch (SocketTimeoutException | SocketException e) {
                // timeout or reset: give up waiting
            }
        }

        /**
         * Reads whatever the client sends within {@code millis} and returns how many bytes
         * arrived (-1 if the client closed before sending any).
         */
        public int readFor(long millis) throws IOException {
            int previous = socket.getSoTimeout();
            socket.setSoTimeout((int) Math.max(1, millis));
            int total = 0;
            try {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                }
                return total == 0 ? -1 : total;
            } catch (SocketTimeoutException e) {
                return total;
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(previous);
                }
            }
        }

        /** The recording input stream of this connection, for custom scripts. */
        public InputStream in() {
            return in;
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            serverClosed.countDown();
        }

        private final class RecordingInputStream extends FilterInputStream {
            RecordingInputStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    clientClosed.countDown();
                } else {
                    synchronized (recorded) {
                        recorded.write(b);
                    }
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    clientClosed.countDown();
                } else {
                    synchronized (recorded) {
                        recorded.write(b, off, n);
                    }
                }
                return n;
            }
        }
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    // ----------------------------------------------------------------------------------------

    /** A request as read by a script. */
    public static final class Request {
        private final int connection;
        private final String head;
        private final String requestLine;
        private final List<Map.Entry<String, String>> headers;
        private final byte[] body;
        private final byte[] rawBody;

        private Request(int connection, String head, String requestLine,
                        List<Map.Entry<String, String>> headers, byte[] body, byte[] rawBody) {
            this.connection = connection;
            this.head = head;
            this.requestLine = requestLine;
            this.headers = headers;
            this.body = body;
            this.rawBody = rawBody;
        }

        static Request parseHead(int connection, byte[] bytes) {
            String head = latin1(bytes);
            String[] lines = head.split("\r\n", -1);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty()) {
                    continue;
                }
                if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                    Map.Entry<String, String> last = headers.remove(headers.size() - 1);
                    headers.add(Map.entry(last.getKey(), last.getValue() + " " + line.strip()));
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    headers.add(Map.entry(line, ""));
                } else {
                    headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
                }
            }
            return new Request(connection, head, lines[0], List.copyOf(headers), new byte[0], new byte[0]);
        }

        Request withBody(byte[] body, byte[] rawBody) {
            return new Request(connection, head, requestLine, headers, body, rawBody);
        }

        /** Index of the connection the request came on. */
        public int connection() {
            return connection;
        }

        /** The raw head: request line, header lines and the empty line, CRLFs included. */
        public String head() {
            return head;
        }

        public String requestLine() {
            return requestLine;
        }

        public String method() {
            return requestLine.split(" ", -1)[0];
        }

        public String target() {
            String[] parts = requestLine.split(" ", -1);
            return parts.length > 1 ? parts[1] : "";
        }

        /** Header fields in received order (continuation lines joined with a space). */
        public List<Map.Entry<String, String>> headers() {
            return headers;
        }

        /** First value of the named header (case-insensitive), or null. */
        public String header(String name) {
            for (Map.Entry<String, String> e : headers) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }

        /** All values of the named header (case-insensitive). */
        public List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> e : headers) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    values.add(e.getValue());
                }
            }
            return values;
        }

        /** The decoded body. */
        public byte[] body() {
            return body.clone();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body bytes as they were on the wire (chunk framing included). */
        public byte[] rawBody() {
            return rawBody.clone();
        }

        public String rawBodyText() {
            return latin1(rawBody);
        }

        @Override
        public String toString() {
            return "Request[conn=" + connection + ", " + head.replace("\r\n", "\\r\\n") + "]";
        }
    }
}
