package io.httplib;

import io.httplib.internal.http1.BodyInputStream;
import io.httplib.internal.http1.BodyOwner;
import io.httplib.internal.http1.ChunkedInputStream;
import io.httplib.internal.http1.ChunkedOutputStream;
import io.httplib.internal.http1.DebugLog;
import io.httplib.internal.http1.FixedLengthInputStream;
import io.httplib.internal.http1.FixedLengthOutputStream;
import io.httplib.internal.http1.Framing;
import io.httplib.internal.http1.HeaderFields;
import io.httplib.internal.http1.HeaderParser;
import io.httplib.internal.http1.HostAndPort;
import io.httplib.internal.http1.HttpInputBuffer;
import io.httplib.internal.http1.RequestBody;
import io.httplib.internal.http1.RequestHead;
import io.httplib.internal.http1.RequestHeadLimits;
import io.httplib.internal.http1.StatusLine;
import io.httplib.internal.http1.Syntax;
import io.httplib.internal.http1.UntilCloseInputStream;
import io.httplib.internal.http1.WriteTimeoutOutputStream;
import io.httplib.internal.Durations;
import io.httplib.internal.event.EventDispatcher;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection to one host, as Python's {@code http.client.HTTPConnection}. Not
 * thread-safe: use one per thread, or {@link HttplibClient} for a shared, pooled client.
 *
 * <pre>{@code
 * try (HTTPConnection conn = new HTTPConnection("example.com")) {
 *     conn.request("GET", "/");
 *     HTTPResponse r = conn.getResponse();
 *     System.out.println(r.getStatus() + " " + r.getReason());
 *     byte[] body = r.read();
 * }
 * }</pre>
 *
 * <h2>States</h2>
 * As in CPython, a connection is in one of three states:
 * <pre>
 *     (null)
 *       |  HTTPConnection()
 *       v
 *     Idle
 *       |  putRequest()
 *       v
 *     Request-started
 *       |  ( putHeader() )*  endHeaders()
 *       v
 *     Request-sent
 *       |  getResponse() raises exception --&gt; Idle, socket closed
 *       |  getResponse()
 *       v
 *     Idle (response open until its body is read or it is closed)
 * </pre>
 *
 * <table>
 * <caption>Allowed calls</caption>
 * <tr><th>state</th><th>putRequest</th><th>putHeader</th><th>endHeaders</th><th>getResponse</th></tr>
 * <tr><td>Idle, no open response</td><td>ok</td><td>CannotSendHeader</td><td>CannotSendHeader</td><td>ResponseNotReady</td></tr>
 * <tr><td>Idle, response open</td><td>CannotSendRequest</td><td>CannotSendHeader</td><td>CannotSendHeader</td><td>ResponseNotReady</td></tr>
 * <tr><td>Request-started</td><td>CannotSendRequest</td><td>ok</td><td>ok</td><td>ResponseNotReady</td></tr>
 * <tr><td>Request-sent</td><td>CannotSendRequest</td><td>CannotSendHeader</td><td>CannotSendHeader</td><td>ok</td></tr>
 * </table>
 *
 * <h2>Connections</h2>
 * The socket is opened on the first request (or by {@link #connect()}) and kept alive between
 * requests as the server allows. A kept connection that the server closed while idle, or on which
 * unsolicited bytes arrived, is detected before the next request and replaced. Everything a caller
 * passes in (method, target, header names and values) is checked before any byte is written.
 */
public class HTTPConnection implements Closeable {

    /** The default port of {@code http}. */
    public static final int HTTP_PORT = 80;

    /** Bodies up to this size go out in the same write as the head (one packet, no Nagle delay). */
    private static final int COALESCE_BODY_LIMIT = 8 * 1024;

    /**
     * A {@link BodyWriter} body of unknown length that ends within this many bytes is sent with
     * {@code Content-Length}; a longer one switches to chunked framing as it outgrows the buffer.
     */
    public static final int ADAPTIVE_BODY_BUFFER = 64 * 1024;

    /** How long {@code Expect: 100-continue} waits for the server's 100 before sending anyway (RFC 9110 section 10.1.1). */
    static final Duration DEFAULT_CONTINUE_TIMEOUT = Duration.ofSeconds(1);

    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};

    /** The connection's state, named as in CPython. */
    enum State {
        IDLE("Idle"), REQ_STARTED("Request-started"), REQ_SENT("Request-sent");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final boolean strict;
    private final InetSocketAddress sourceAddress;
    private final HTTPLimits limits;
    private final Duration continueTimeout;
    private int debugLevel;
    private PrintStream debugOut = System.err;

    private String tunnelHost;
    private int tunnelPort;
    private Map<String, String> tunnelHeaders;

    private Socket socket;
    private Socket rawSocket;
    private SocketChannel channel;
    private HttpInputBuffer in;
    private OutputStream out;
    private int socketGeneration;
    private boolean keepSocket;

    private State state = State.IDLE;
    private String method;
    private boolean requestWillClose;
    private HTTPResponse response;
    private PendingHead pendingHead;
    private final RequestHead head = new RequestHead();
    /** The one-byte buffer of the stale-connection probe, reused: a byte it reads condemns the socket anyway. */
    private final ByteBuffer stalenessProbe = ByteBuffer.allocate(1);
    /** The automatic {@code Host} value for origin-form targets; it changes only with {@link #setTunnel}. */
    private String originHostHeader;

    /** The current call's events when a client drives this connection; null (no cost) otherwise. */
    private EventDispatcher events;
    /** Told after this connection handled the end of a response body; null when nobody asked. */
    private BodyOwner bodyObserver;
    /** Set by {@link #checkReusable()}: the pool just probed the socket, skip the second probe. */
    private boolean freshVerified;
    /** Whether any byte of the current request's head was handed to the socket. */
    private boolean headSent;

    /**
     * @param host {@code "host"}, {@code "host:port"}, {@code "[v6addr]"} or {@code "[v6addr]:port"}
     * @throws IllegalArgumentException for an empty host or an invalid port
     */
    public HTTPConnection(String host) {
        this(host, -1, null);
    }

    /**
     * @param host a host name or address, optionally with {@code :port}
     * @param port the port; when negative (e.g. -1) it is taken from the host string, else the default
     *     port; 0 is refused like any port outside 1-65535
     */
    public HTTPConnection(String host, int port) {
        this(host, port, null);
    }

    /**
     * @param host a host name or address, optionally with {@code :port}
     * @param port the port; when negative it is taken from the host string, else the default port; 0 is refused
     * @param timeout connect and read timeout, which also bounds each socket write; null for none (block forever)
     */
    public HTTPConnection(String host, int port, Duration timeout) {
        this(new Builder(host).port(port).timeout(timeout));
    }

    HTTPConnection(Builder b) {
        HostAndPort hp = HostAndPort.parse(b.host, b.port, defaultPort());
        this.host = hp.host();
        this.port = hp.port();
        this.readTimeoutMillis = Durations.socketMillis(b.timeout, "timeout");
        this.connectTimeoutMillis = b.connectTimeout != null ? Durations.socketMillis(b.connectTimeout, "connectTimeout")
                : readTimeoutMillis;
        this.strict = b.strict;
        this.sourceAddress = b.sourceAddress;
        this.limits = b.limits;
        this.continueTimeout = b.continueTimeout;
        this.debugLevel = b.debugLevel;
        if (b.debugOut != null) {
            this.debugOut = b.debugOut;
        }
    }

    /**
     * @param host as for {@link #HTTPConnection(String)}
     * @return a builder for a connection with more settings than the constructors take
     */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** @return the default port of the scheme: 80 here, 443 for {@link HTTPSConnection} */
    protected int defaultPort() {
        return HTTP_PORT;
    }

    /** @return the host (without brackets for IPv6 literals) */
    public String getHost() {
        return host;
    }

    /** @return the port */
    public int getPort() {
        return port;
    }

    /** @return the read timeout in milliseconds, 0 for none */
    public int getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** @return the connect timeout in milliseconds, 0 for none */
    public int getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** @return whether the status line must be HTTP/1.0 or HTTP/1.1 (HTTP/0.9 replies refused) */
    public boolean isStrict() {
        return strict;
    }

    /** @return the parser limits */
    public HTTPLimits getLimits() {
        return limits;
    }

    /**
     * Sets the debug level: above 0, the request head ({@code send:}), the status line
     * ({@code reply:}) and each response header ({@code header:}) are printed to the debug output
     * (standard error unless set). Credentials are redacted.
     *
     * @param level 0 for silence
     */
    public void setDebugLevel(int level) {
        this.debugLevel = level;
    }

    /** @param out where debug lines go (default {@code System.err}) */
    public void setDebugOutput(PrintStream out) {
        this.debugOut = Objects.requireNonNull(out, "out");
    }

    /**
     * Sends requests through an HTTP proxy tunnel: the connection's own host and port are the
     * proxy's, and on connect a {@code CONNECT host:port} opens a tunnel to the target. For
     * {@link HTTPSConnection} TLS then runs end to end with the target, verified against the
     * target's name.
     *
     * @param host the target host
     * @param port the target port; negative for the scheme's default; 0 is refused
     * @param headers extra headers for the CONNECT request (e.g. {@code Proxy-Authorization}); may be null
     * @throws IllegalStateException when the connection is already open
     */
    public void setTunnel(String host, int port, Map<String, String> headers) {
        if (socket != null) {
            throw new IllegalStateException("Can't set up tunnel for established connection");
        }
        HostAndPort hp = HostAndPort.parse(host, port, defaultPort());
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                Syntax.checkHeaderName(k);
                Syntax.checkHeaderValue(k, v);
                copy.put(k, v);
            });
        }
        this.tunnelHost = hp.host();
        this.tunnelPort = hp.port();
        this.tunnelHeaders = copy;
        this.originHostHeader = null;
    }

    /**
     * Opens the socket now instead of on the first request. Does nothing when already connected.
     *
     * @throws java.net.ConnectException when the server refuses
     * @throws SocketTimeoutException when the connect timeout expires
     */
    public void connect() throws IOException {
        if (socket == null) {
            open();
        }
    }

    private void open() throws IOException {
        EventDispatcher ev = events;
        if (ev != null) {
            ev.dnsStart(host);
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (ev != null) {
            ev.dnsEnd(host, Arrays.asList(addresses));
        }
        IOException last = null;
        InetSocketAddress connected = null;
        for (InetAddress address : addresses) {
            SocketChannel ch = SocketChannel.open();
            Socket s = ch.socket();
            InetSocketAddress target = new InetSocketAddress(address, port);
            if (ev != null) {
                ev.connectStart(target);
            }
            try {
                if (sourceAddress != null) {
                    s.bind(sourceAddress);
                }
                s.connect(target, connectTimeoutMillis);
                s.setTcpNoDelay(true);
                s.setSoTimeout(readTimeoutMillis);
                attach(s, s, ch);
                last = null;
                connected = target;
                break;
            } catch (IOException e) {
                closeQuietly(s);
                last = e;
                if (ev != null) {
                    ev.connectFailed(target, e);
                }
            }
        }
        if (last != null) {
            throw last;
        }
        try {
            if (tunnelHost != null) {
                openTunnel();
            }
            if (ev != null) {
                ev.connectEnd(connected);
            }
            boolean tls = ev != null && usesTls();
            if (tls) {
                ev.secureConnectStart();
            }
            Socket secured = secure(socket, targetHost(), targetPort());
            if (secured != socket) {
                secured.setSoTimeout(readTimeoutMillis);
                attach(secured, rawSocket, null);
            }
            if (tls) {
                ev.secureConnectEnd(secured instanceof SSLSocket ssl ? ssl.getSession() : null);
            }
        } catch (IOException | RuntimeException e) {
            closeSocket();
            throw e;
        }
    }

    private void attach(Socket s, Socket raw, SocketChannel ch) throws IOException {
        releaseWriteGuard();
        this.socket = s;
        this.rawSocket = raw;
        this.channel = ch;
        this.in = new HttpInputBuffer(s.getInputStream());
        // Writes have no socket timeout in Java: without this a server that stops reading an
        // upload would block the request forever.
        this.out = readTimeoutMillis > 0 ? new WriteTimeoutOutputStream(s.getOutputStream(), raw, readTimeoutMillis)
                : s.getOutputStream();
        this.keepSocket = true;
        this.socketGeneration++;
    }

    /**
     * Layers a protocol over the connected socket; the plain connection returns it unchanged.
     *
     * @param plain the connected TCP socket (through the tunnel when there is one)
     * @param targetHost the origin host, for SNI and certificate checks
     * @param targetPort the origin port
     * @return the socket to speak HTTP on
     */
    Socket secure(Socket plain, String targetHost, int targetPort) throws IOException {
        return plain;
    }

    /** @return whether {@link #secure} runs a TLS handshake, so that its events are emitted */
    private boolean usesTls() {
        return this instanceof HTTPSConnection;
    }

    private String targetHost() {
        return tunnelHost != null ? tunnelHost : host;
    }

    private int targetPort() {
        return tunnelHost != null ? tunnelPort : port;
    }

    private void openTunnel() throws IOException {
        String authority = HostAndPort.authority(tunnelHost, tunnelPort);
        head.reset();
        head.append("CONNECT ").append(authority).append(" HTTP/1.1").crlf();
        head.header("Host", authority);
        for (Map.Entry<String, String> h : tunnelHeaders.entrySet()) {
            head.header(h.getKey(), h.getValue());
        }
        head.crlf();
        if (debugLevel > 0) {
            DebugLog.send(debugOut, head.array(), head.length());
        }
        out.write(head.array(), 0, head.length());
        out.flush();
        StatusLine sl = readStatusLine();
        HeaderFields headers = new HeaderFields(8);
        HeaderParser.read(in, limits, headers, limits.maxHeaderBytes(), "header");
        if (sl.status() < 200 || sl.status() >= 300) {
            throw new TunnelRefused(authority, sl.status(), sl.reason());
        }
        // A 2xx CONNECT reply has no body (RFC 9110 section 9.3.6): what follows is the tunnel.
    }

    /**
     * Sends a request without a body.
     *
     * @param method e.g. {@code GET}
     * @param url the request target, e.g. {@code /index.html?q=1}
     */
    public void request(String method, String url) throws IOException {
        request(method, url, (RequestBody) null, null);
    }

    /**
     * Sends a request with a body held in memory; {@code Content-Length} is set unless given.
     *
     * @param body the body, or null
     * @param headers extra headers, or null; a given {@code Host} or {@code Accept-Encoding} replaces the automatic one
     */
    public void request(String method, String url, byte[] body, Map<String, String> headers) throws IOException {
        request(method, url, body == null ? null : RequestBody.of(body), headers);
    }

    /**
     * Sends a request with a text body, encoded as UTF-8 (unlike httplib's latin-1 default, so no
     * character is ever lost); {@code Content-Length} is the encoded length.
     */
    public void request(String method, String url, String body, Map<String, String> headers) throws IOException {
        request(method, url, body == null ? null : RequestBody.of(body.getBytes(StandardCharsets.UTF_8)), headers);
    }

    /**
     * Sends a request whose body is read from a stream. Without a {@code Content-Length} header
     * the body is sent chunked; with one, exactly that many bytes must come from the stream.
     */
    public void request(String method, String url, InputStream body, Map<String, String> headers) throws IOException {
        request(method, url, body == null ? null : RequestBody.of(body, -1), headers);
    }

    /**
     * Sends a request whose body is written by {@code body} straight into the connection. Without
     * a {@code Content-Length} header, a body that fits in {@link #ADAPTIVE_BODY_BUFFER} bytes is
     * sent with one, a longer one chunked; with the header, exactly that many bytes must be written.
     */
    public void request(String method, String url, BodyWriter body, Map<String, String> headers) throws IOException {
        request(method, url, body == null ? null : RequestBody.of(body, -1, false), headers);
    }

    /** Sends a request whose body is a file; {@code Content-Length} is the file size. */
    public void request(String method, String url, Path body, Map<String, String> headers) throws IOException {
        request(method, url, body == null ? null : RequestBody.of(body), headers);
    }

    void request(String method, String url, RequestBody body, Map<String, String> headers) throws IOException {
        // Everything is validated before the first byte goes out.
        Syntax.checkMethod(method);
        checkTarget(url);
        checkRequestLineSize(method, url);
        boolean hasHost = false;
        boolean hasAcceptEncoding = false;
        boolean hasLength = false;
        boolean hasTransferEncoding = false;
        boolean chunkedGiven = false;
        boolean expectContinue = false;
        long declaredLength = -1;
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                String name = h.getKey();
                Syntax.checkHeaderName(name);
                Syntax.checkHeaderValue(name, h.getValue());
                checkHeaderSize(name, h.getValue().length());
                if (name.equalsIgnoreCase("Host")) {
                    hasHost = true;
                } else if (name.equalsIgnoreCase("Accept-Encoding")) {
                    hasAcceptEncoding = true;
                } else if (name.equalsIgnoreCase("Content-Length")) {
                    hasLength = true;
                    declaredLength = parseDeclaredLength(h.getValue());
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    hasTransferEncoding = true;
                    chunkedGiven = Syntax.listContains(h.getValue(), "chunked");
                } else if (name.equalsIgnoreCase("Expect")) {
                    expectContinue = h.getValue().trim().equalsIgnoreCase("100-continue");
                }
            }
        }
        if (hasLength && hasTransferEncoding) {
            throw new IllegalArgumentException("a request may not have both Content-Length and Transfer-Encoding");
        }
        if (hasTransferEncoding && !chunkedGiven) {
            throw new IllegalArgumentException("the only transfer coding httplib sends is chunked");
        }
        if (hasLength && body != null && body.length() >= 0 && body.length() != declaredLength) {
            throw new IllegalArgumentException("Content-Length header says " + declaredLength
                    + " but the body has " + body.length() + " bytes");
        }
        if (hasLength && body == null && declaredLength != 0) {
            throw new IllegalArgumentException("Content-Length header says " + declaredLength + " but there is no body");
        }
        putRequest(method, url, hasHost, hasAcceptEncoding);
        boolean chunked = chunkedGiven;
        long length = declaredLength;
        // A writer of unknown length picks its framing as it writes (see ADAPTIVE_BODY_BUFFER).
        boolean adaptive = !hasLength && !hasTransferEncoding && !expectContinue && body != null
                && body.length() < 0 && body.isWriter();
        try {
            if (!hasLength && !hasTransferEncoding && !adaptive) {
                if (body == null) {
                    if (expectsBody(method)) {
                        putHeader("Content-Length", "0");
                    }
                } else if (body.length() >= 0) {
                    length = body.length();
                    putHeader("Content-Length", Long.toString(length));
                } else {
                    chunked = true;
                    putHeader("Transfer-Encoding", "chunked");
                }
            }
            if (headers != null) {
                for (Map.Entry<String, String> h : headers.entrySet()) {
                    putHeader(h.getKey(), h.getValue());
                }
            }
        } catch (RuntimeException e) {
            // Refused while the head was built (HTTPLimits.maxRequestHeaders, maxRequestHeadBytes):
            // nothing was written; the request is dropped whole and the connection stays ready.
            state = State.IDLE;
            throw e;
        }
        try {
            if (body == null) {
                endHeaders();
            } else if (adaptive) {
                AdaptiveBodyStream stream = new AdaptiveBodyStream();
                body.writeTo(stream);
                stream.finish();
            } else if (expectContinue) {
                endHeaders();
                if (awaitContinue()) {
                    writeBody(body, chunked, length);
                }
            } else {
                byte[] bytes = body.bytes();
                if (bytes != null && !chunked && bytes.length <= COALESCE_BODY_LIMIT && length == bytes.length) {
                    endHeaders(bytes);
                } else {
                    endHeaders();
                    writeBody(body, chunked, length);
                }
            }
        } catch (IOException | RuntimeException e) {
            closeSocket();
            state = State.IDLE;
            throw e;
        }
    }

    private static long parseDeclaredLength(String v) {
        String t = v.trim();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Content-Length must be a decimal number: " + Syntax.describe(v));
        }
        return Long.parseLong(t);
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private void writeBody(RequestBody body, boolean chunked, long length) throws IOException {
        EventDispatcher ev = events;
        if (ev != null) {
            ev.requestBodyStart();
        }
        long n;
        if (chunked) {
            ChunkedOutputStream c = new ChunkedOutputStream(out);
            n = body.writeTo(c);
            c.finish();
        } else {
            FixedLengthOutputStream f = new FixedLengthOutputStream(out, length);
            n = body.writeTo(f);
            f.finish();
        }
        out.flush();
        if (debugLevel > 0) {
            DebugLog.sendBody(debugOut, n);
        }
        if (ev != null) {
            ev.requestBodyEnd(n);
        }
    }

    /**
     * The body stream of a {@link BodyWriter} of unknown length: it holds the first
     * {@link #ADAPTIVE_BODY_BUFFER} bytes while the head is still unsent. A body that ends there is
     * sent with {@code Content-Length}; one that outgrows it gets {@code Transfer-Encoding: chunked},
     * the head goes out, and every later write streams through as a chunk.
     */
    private final class AdaptiveBodyStream extends OutputStream {
        private byte[] buffer = new byte[1024];
        private int count;
        private ChunkedOutputStream chunked;
        private long streamed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (chunked != null) {
                chunked.write(b, off, len);
                streamed += len;
                return;
            }
            if (count + len <= ADAPTIVE_BODY_BUFFER) {
                if (count + len > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(ADAPTIVE_BODY_BUFFER, Math.max(count + len, buffer.length * 2)));
                }
                System.arraycopy(b, off, buffer, count, len);
                count += len;
                return;
            }
            putHeader("Transfer-Encoding", "chunked");
            endHeaders();
            EventDispatcher ev = events;
            if (ev != null) {
                ev.requestBodyStart();
            }
            chunked = new ChunkedOutputStream(out);
            chunked.write(buffer, 0, count);
            chunked.write(b, off, len);
            streamed = count + (long) len;
            buffer = null;
        }

        @Override
        public void flush() throws IOException {
            if (chunked != null) {
                chunked.flush();
            }
        }

        void finish() throws IOException {
            if (chunked == null) {
                putHeader("Content-Length", Integer.toString(count));
                if (count <= COALESCE_BODY_LIMIT) {
                    endHeaders(Arrays.copyOf(buffer, count));
                    return;
                }
                endHeaders();
                EventDispatcher ev = events;
                if (ev != null) {
                    ev.requestBodyStart();
                }
                out.write(buffer, 0, count);
                out.flush();
                if (debugLevel > 0) {
                    DebugLog.sendBody(debugOut, count);
                }
                if (ev != null) {
                    ev.requestBodyEnd(count);
                }
                return;
            }
            chunked.finish();
            out.flush();
            if (debugLevel > 0) {
                DebugLog.sendBody(debugOut, streamed);
            }
            EventDispatcher ev = events;
            if (ev != null) {
                ev.requestBodyEnd(streamed);
            }
        }
    }

    /**
     * Waits, bounded, for the server's answer to {@code Expect: 100-continue}.
     *
     * @return true to send the body; false when a final response came instead (kept for
     *     {@link #getResponse()}; the connection closes after it since the body was not sent)
     */
    private boolean awaitContinue() throws IOException {
        int wait = Durations.clampedMillis(continueTimeout);
        if (readTimeoutMillis > 0) {
            wait = Math.min(wait, readTimeoutMillis);
        }
        socket.setSoTimeout(Math.max(1, wait));
        StatusLine sl;
        HeaderFields headers;
        int interim = 0;
        while (true) {
            try {
                sl = readStatusLine();
            } catch (SocketTimeoutException e) {
                return true; // the server is silent: send the body anyway
            } finally {
                socket.setSoTimeout(readTimeoutMillis);
            }
            headers = new HeaderFields(8);
            HeaderParser.read(in, limits, headers, limits.maxHeaderBytes(), "header");
            if (sl.status() == 100) {
                return true;
            }
            if (sl.status() >= 200 || sl.status() == 101) {
                break;
            }
            if (++interim > limits.maxInterimResponses()) {
                throw new HTTPException("more than " + limits.maxInterimResponses() + " interim (1xx) responses");
            }
            socket.setSoTimeout(Math.max(1, wait));
        }
        pendingHead = new PendingHead(sl, headers);
        keepSocket = false;
        return false;
    }

    /**
     * Starts a request: buffers the request line and, unless skipped, {@code Host} and
     * {@code Accept-Encoding: identity}. Nothing is sent until {@link #endHeaders()}.
     *
     * @param method the method, an RFC 9110 token
     * @param url the request target
     * @throws CannotSendRequest when a request is in progress or the previous response is still open
     * @throws InvalidURL for a target with spaces, control characters or non-ASCII characters
     * @throws IllegalArgumentException for a method that is not a token
     */
    public void putRequest(String method, String url) throws IOException {
        putRequest(method, url, false, false);
    }

    /**
     * As {@link #putRequest(String, String)}.
     *
     * @param skipHost do not send the automatic {@code Host} header
     * @param skipAcceptEncoding do not send the automatic {@code Accept-Encoding: identity}
     */
    public void putRequest(String method, String url, boolean skipHost, boolean skipAcceptEncoding) throws IOException {
        if (response != null && !response.isClosed()) {
            throw new CannotSendRequest("previous response not read to its end or closed (state " + state.label + ")");
        }
        if (state != State.IDLE) {
            throw new CannotSendRequest(state.label);
        }
        Syntax.checkMethod(method);
        String target = url == null || url.isEmpty() ? "/" : url;
        checkTarget(target);
        checkRequestLineSize(method, target);
        response = null;
        pendingHead = null;
        requestWillClose = false;
        headSent = false;
        this.method = method;
        head.reset();
        head.append(method).append(" ").append(target).append(" HTTP/1.1").crlf();
        if (!skipHost) {
            head.header("Host", hostHeader(target));
        }
        if (!skipAcceptEncoding) {
            head.header("Accept-Encoding", "identity");
        }
        try {
            RequestHeadLimits.checkHead(limits, head);
        } catch (RequestHeadTooLarge e) {
            head.reset();
            throw e;
        }
        state = State.REQ_STARTED;
    }

    private String hostHeader(String target) {
        int scheme = target.indexOf("://");
        if (scheme > 0 && (target.startsWith("http") || target.startsWith("HTTP"))) {
            // Absolute form: the Host is the URL's authority (without user info), as CPython does.
            int start = scheme + 3;
            int end = start;
            while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
                end++;
            }
            String authority = target.substring(start, end);
            int at = authority.lastIndexOf('@');
            String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
            // An IPv6 zone identifier is local to this host: never sent in Host (RFC 6874 section 4).
            int zone = hostPort.startsWith("[") ? hostPort.indexOf('%') : -1;
            int close = hostPort.indexOf(']');
            return zone > 0 && close > zone ? hostPort.substring(0, zone) + hostPort.substring(close) : hostPort;
        }
        if (originHostHeader == null) {
            String h = targetHost();
            int p = targetPort();
            originHostHeader = p == defaultPort() ? HostAndPort.bracket(h) : HostAndPort.authority(h, p);
        }
        return originHostHeader;
    }

    private static void checkTarget(String url) throws InvalidURL {
        if (url == null) {
            return;
        }
        int bad = Syntax.badTargetChar(url);
        if (bad >= 0) {
            throw new InvalidURL("URL can't contain control characters, spaces or non-ASCII characters"
                    + " (percent-encode them): " + Syntax.describe(url)
                    + " (found at least " + Syntax.describe(String.valueOf(url.charAt(bad))) + ")");
        }
    }

    /**
     * Refuses a request line (CRLF included) longer than {@link HTTPLimits#maxLineLength()}: what httplib would
     * refuse to read, it does not send (servers answer 414 or drop the connection).
     */
    private void checkRequestLineSize(String method, String target) throws InvalidURL {
        long size = method.length() + 1L + (target == null ? 1 : target.length()) + " HTTP/1.1\r\n".length();
        if (size > limits.maxLineLength()) {
            throw new InvalidURL("request line of " + size + " bytes is longer than the limit of "
                    + limits.maxLineLength() + " (HTTPLimits.maxLineLength)");
        }
    }

    /** Refuses a header line (CRLF included) longer than {@link HTTPLimits#maxLineLength()}, as for responses. */
    private void checkHeaderSize(String name, long valueLength) {
        long size = name.length() + 2L + valueLength + 2;
        if (size > limits.maxLineLength()) {
            throw new IllegalArgumentException("header " + Syntax.describe(name) + " line of " + size
                    + " bytes is longer than the limit of " + limits.maxLineLength() + " (HTTPLimits.maxLineLength)");
        }
    }

    /**
     * Adds a header to the request being built. Several values are sent as continuation lines,
     * as httplib documents ({@code Name: v1\r\n\tv2}).
     *
     * @throws CannotSendHeader outside the Request-started state
     * @throws IllegalArgumentException for a name that is not a token or a value with CR, LF or NUL
     * @throws RequestHeadTooLarge when the head would pass {@link HTTPLimits#maxRequestHeaders()}
     *     or {@link HTTPLimits#maxRequestHeadBytes()}; the header is not added
     */
    public void putHeader(String header, String... values) throws IOException {
        if (state != State.REQ_STARTED) {
            throw new CannotSendHeader(state.label);
        }
        Syntax.checkHeaderName(header);
        if (values.length == 0) {
            throw new IllegalArgumentException("header " + Syntax.describe(header) + " needs at least one value");
        }
        long size = 3L * (values.length - 1); // each continuation adds CRLF and a tab
        for (String v : values) {
            Syntax.checkHeaderValue(header, v);
            size += v.length();
        }
        checkHeaderSize(header, size);
        RequestHeadLimits.checkField(limits, head, header.length() + 2L + size + 2);
        head.append(header).append(": ");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                head.crlf().append("\t");
            }
            head.append(values[i]);
        }
        head.crlf();
        head.countField();
        if (header.equalsIgnoreCase("Connection") && values.length > 0 && Syntax.listContains(String.join(",", values), "close")) {
            requestWillClose = true;
        }
    }

    /**
     * Ends the headers and sends the request head.
     *
     * @throws CannotSendHeader outside the Request-started state
     */
    public void endHeaders() throws IOException {
        endHeaders(null);
    }

    /**
     * Ends the headers and sends the head followed by {@code messageBody} in one write.
     *
     * @param messageBody body bytes to send with the head, or null
     */
    public void endHeaders(byte[] messageBody) throws IOException {
        if (state != State.REQ_STARTED) {
            throw new CannotSendHeader(state.label);
        }
        head.crlf();
        int headLength = head.length();
        if (messageBody != null) {
            head.appendBytes(messageBody, 0, messageBody.length);
        }
        state = State.REQ_SENT;
        try {
            ensureFreshConnection();
            if (debugLevel > 0) {
                DebugLog.send(debugOut, head.array(), headLength);
                if (messageBody != null) {
                    DebugLog.sendBody(debugOut, messageBody.length);
                }
            }
            EventDispatcher ev = events;
            if (ev != null) {
                ev.requestHeadersStart();
            }
            headSent = true;
            out.write(head.array(), 0, head.length());
            out.flush();
            if (ev != null) {
                ev.requestHeadersEnd(headLength);
                if (messageBody != null) {
                    // Sent in the same write as the head (see COALESCE_BODY_LIMIT).
                    ev.requestBodyStart();
                    ev.requestBodyEnd(messageBody.length);
                }
            }
        } catch (IOException | RuntimeException e) {
            closeSocket();
            state = State.IDLE;
            throw e;
        }
    }

    /**
     * Sends raw bytes on the connection, typically a body after {@link #endHeaders()}. Connects
     * first when needed.
     */
    public void send(byte[] data) throws IOException {
        Objects.requireNonNull(data, "data"); // before connecting, as every other check
        if (socket == null) {
            open();
        }
        try {
            out.write(data);
            out.flush();
            if (debugLevel > 0) {
                DebugLog.sendBody(debugOut, data.length);
            }
        } catch (IOException e) {
            closeSocket();
            throw e;
        }
    }

    /** Opens the socket, or replaces a kept one that is no longer usable. */
    private void ensureFreshConnection() throws IOException {
        boolean verified = freshVerified;
        freshVerified = false;
        if (socket != null && (!keepSocket || (!verified && isStale()))) {
            closeSocket();
        }
        if (socket == null) {
            open();
        }
    }

    /**
     * Whether a kept-alive socket went bad while idle: the server closed it, or sent bytes no
     * request asked for (their framing cannot be trusted, so they are never parsed as a response).
     */
    private boolean isStale() throws IOException {
        if (in.buffered() > 0) {
            return true;
        }
        try {
            if (channel != null) {
                // Plain TCP: a non-blocking read sees EOF or unsolicited data at no waiting cost.
                channel.configureBlocking(false);
                try {
                    stalenessProbe.clear();
                    return channel.read(stalenessProbe) != 0;
                } finally {
                    channel.configureBlocking(true);
                }
            }
            // TLS: only look when raw bytes are waiting (a close_notify or stray data); a TLS 1.3
            // session ticket is consumed by the read and leaves the connection healthy.
            if (rawSocket.getInputStream().available() == 0) {
                return rawSocket.isClosed() || rawSocket.isInputShutdown();
            }
            socket.setSoTimeout(1);
            try {
                return in.fill() != 0;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                socket.setSoTimeout(readTimeoutMillis);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Reads the response to the request sent. Interim 1xx responses (other than 101) are skipped.
     *
     * @return the response, with its head parsed and its body ready to read
     * @throws ResponseNotReady when no request was sent or the previous response is still open
     * @throws BadStatusLine, RemoteDisconnected, LineTooLong, HTTPException for malformed responses
     *     (the socket is closed; the connection is Idle again)
     * @throws SocketTimeoutException when the read timeout expires (the socket is closed)
     */
    public HTTPResponse getResponse() throws IOException {
        if (response != null && !response.isClosed()) {
            throw new ResponseNotReady("previous response still open (state " + state.label + ")");
        }
        if (state != State.REQ_SENT) {
            throw new ResponseNotReady(state.label);
        }
        EventDispatcher ev = events;
        try {
            StatusLine sl;
            HeaderFields headers;
            if (pendingHead != null) {
                if (ev != null) {
                    ev.responseHeadersStart();
                }
                sl = pendingHead.status;
                headers = pendingHead.headers;
                pendingHead = null;
            } else {
                int interim = 0;
                // responseHeadersStart marks the first byte of the response (time to first byte),
                // as in OkHttp's EventListener: wait for it before telling the listener.
                if (ev != null) {
                    if (in.buffered() == 0 && in.fill() < 0) {
                        throw new RemoteDisconnected("Remote end closed connection without response");
                    }
                    ev.responseHeadersStart();
                }
                while (true) {
                    sl = readStatusLine();
                    headers = new HeaderFields(16);
                    if (sl.version() != 9) {
                        HeaderParser.read(in, limits, headers, limits.maxHeaderBytes() - sl.line().length(), "header");
                    }
                    if (sl.status() >= 200 || sl.status() == 101) {
                        break;
                    }
                    if (++interim > limits.maxInterimResponses()) {
                        throw new HTTPException("more than " + limits.maxInterimResponses() + " interim (1xx) responses");
                    }
                }
            }
            if (debugLevel > 0) {
                for (int i = 0; i < headers.size(); i++) {
                    DebugLog.header(debugOut, headers.names()[i], headers.values()[i]);
                }
            }
            Framing framing = Framing.decide(method, sl, headers);
            if (!framing.keepAlive() || requestWillClose) {
                keepSocket = false;
            }
            Exchange exchange = new Exchange(socketGeneration);
            BodyInputStream body = switch (framing.kind()) {
                case EMPTY -> new FixedLengthInputStream(in, exchange, 0);
                case FIXED -> new FixedLengthInputStream(in, exchange, framing.length());
                case CHUNKED -> new ChunkedInputStream(in, exchange, limits);
                case UNTIL_CLOSE -> new UntilCloseInputStream(in, exchange);
            };
            HTTPResponse r = new HTTPResponse(sl.version(), sl.status(), sl.reason(), headers, body, method);
            response = r;
            state = State.IDLE;
            if (ev != null) {
                ev.responseHeadersEnd(sl.status());
                ev.responseBodyStart();
            }
            body.checkEnd();
            return r;
        } catch (IOException | RuntimeException e) {
            closeSocket();
            state = State.IDLE;
            throw e;
        }
    }

    private StatusLine readStatusLine() throws IOException {
        if (!strict && !in.startsWith(HTTP_SLASH)) {
            if (in.buffered() == 0) {
                // Nothing at all: that is a disconnect, not an HTTP/0.9 reply.
                return StatusLine.parse(null);
            }
            if (debugLevel > 0) {
                DebugLog.reply(debugOut, "(HTTP/0.9 reply, no status line)");
            }
            return StatusLine.HTTP_09;
        }
        String line = in.readLine(limits.maxLineLength(), "status line");
        if (debugLevel > 0 && line != null) {
            DebugLog.reply(debugOut, line);
        }
        if (line != null && !in.lastLineTerminated()) {
            throw new BadStatusLine(line);
        }
        return StatusLine.parse(line);
    }

    /** Closes the socket and forgets the current response; a later request reconnects. */
    @Override
    public void close() {
        state = State.IDLE;
        HTTPResponse r = response;
        response = null;
        pendingHead = null;
        closeSocket();
        if (r != null) {
            r.close();
        }
    }

    private void closeSocket() {
        Socket s = socket;
        socket = null;
        rawSocket = null;
        channel = null;
        releaseWriteGuard();
        out = null;
        if (in != null) {
            in.clear();
        }
        if (s != null) {
            socketGeneration++;
            closeQuietly(s);
        }
    }

    private void releaseWriteGuard() {
        if (out instanceof WriteTimeoutOutputStream guard) {
            guard.release();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort; the socket is unusable either way
        }
    }

    /** @return whether a socket is open (it may still be found stale before the next request) */
    public boolean isConnected() {
        return socket != null;
    }

    /**
     * Lets a client see this connection's part of a call: events for dns, connect, TLS, request and
     * response, and the end of each response body (after this connection handled it). Null to stop.
     */
    void setCallEvents(EventDispatcher events, BodyOwner bodyObserver) {
        this.events = events;
        this.bodyObserver = bodyObserver;
    }

    /**
     * For the pool, before it hands out an idle connection: whether it can take a request now
     * (open, keep-alive, no response in progress, not closed or written to by the server while idle).
     * A true answer lets the next request skip its own staleness probe.
     */
    boolean checkReusable() {
        boolean ok;
        try {
            ok = socket != null && keepSocket && state == State.IDLE && (response == null || response.isClosed())
                    && !isStale();
        } catch (IOException e) {
            ok = false;
        }
        freshVerified = ok;
        return ok;
    }

    /** @return whether the socket is open and may be kept for another request (no response in progress) */
    boolean isKeptAlive() {
        return socket != null && keepSocket && state == State.IDLE && (response == null || response.isClosed());
    }

    /** @return whether any byte of the current request was handed to the socket */
    boolean requestHeadSent() {
        return headSent;
    }

    /**
     * Closes the socket from another thread (a deadline passed), so that I/O blocked on it fails at
     * once. The connection's own state is left to the thread using it, which sees the failure.
     */
    void abortSocket() {
        // The TCP socket, not a TLS layer over it: closing that would try to write close_notify.
        Socket s = rawSocket;
        if (s != null) {
            closeQuietly(s);
        }
    }

    /** @return whether the socket is open and the server allows another request on it */
    boolean keepsSocket() {
        return socket != null && keepSocket;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + HostAndPort.authority(host, port) + ", " + state.label + "]";
    }

    /** A final response head that arrived while waiting for {@code 100 Continue}. */
    private record PendingHead(StatusLine status, HeaderFields headers) {}

    /** Receives the end of one response body; stale once the socket it belonged to is gone. */
    private final class Exchange implements BodyOwner {
        private final int generation;

        Exchange(int generation) {
            this.generation = generation;
        }

        @Override
        public void bodyComplete(long bytes) {
            // A body may end at the end of the stream (chunked trailers cut short): that socket is done.
            if (generation == socketGeneration && (!keepSocket || in.atEof())) {
                closeSocket();
            }
            BodyOwner o = bodyObserver;
            if (o != null) {
                o.bodyComplete(bytes);
            }
        }

        @Override
        public void bodyBroken(long bytes, Exception cause) {
            if (generation == socketGeneration) {
                closeSocket();
            }
            BodyOwner o = bodyObserver;
            if (o != null) {
                o.bodyBroken(bytes, cause);
            }
        }
    }

    /**
     * Settings for an {@link HTTPConnection}. Not thread-safe; {@link #build()} may be called
     * more than once.
     */
    public static class Builder {
        final String host;
        int port = -1;
        Duration timeout;
        Duration connectTimeout;
        boolean strict = true;
        InetSocketAddress sourceAddress;
        HTTPLimits limits = HTTPLimits.DEFAULT;
        Duration continueTimeout = DEFAULT_CONTINUE_TIMEOUT;
        int debugLevel;
        PrintStream debugOut;

        Builder(String host) {
            this.host = host;
        }

        /** @param port the port; negative takes it from the host string or the default; 0 is refused @return this */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param timeout read timeout (also bounding each socket write), and connect timeout unless
         *     set apart; null or zero for none; past about 24.8 days ({@code Integer.MAX_VALUE} ms,
         *     the longest socket timeout) none; negative is refused at {@link #build()}
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * @param connectTimeout connect timeout; null to use {@link #timeout}; zero for none; past
         *     about 24.8 days none
         * @return this
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * @param strict true (default): the status line must be HTTP/1.0 or 1.1; false: a reply
         *     without one is taken as an HTTP/0.9 body, as httplib's non-strict mode did
         * @return this
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** @param sourceAddress local address and port to bind before connecting; null for any @return this */
        public Builder sourceAddress(InetSocketAddress sourceAddress) {
            this.sourceAddress = sourceAddress;
            return this;
        }

        /** @param limits parser limits @return this */
        public Builder limits(HTTPLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @param continueTimeout how long a request with {@code Expect: 100-continue} waits for
         *     {@code 100 Continue} before sending the body (default 1 s, and never longer than the
         *     read timeout); zero sends the body without waiting; past about 24.8 days, no limit of
         *     its own
         * @return this
         */
        public Builder continueTimeout(Duration continueTimeout) {
            this.continueTimeout = Durations.notNegative(Objects.requireNonNull(continueTimeout, "continueTimeout"),
                    "continueTimeout");
            return this;
        }

        /** @param level debug level, see {@link HTTPConnection#setDebugLevel(int)} @return this */
        public Builder debugLevel(int level) {
            this.debugLevel = level;
            return this;
        }

        /** @param out where debug lines go @return this */
        public Builder debugOutput(PrintStream out) {
            this.debugOut = out;
            return this;
        }

        /** @return a new, unconnected connection */
        public HTTPConnection build() {
            return new HTTPConnection(this);
        }
    }
}
