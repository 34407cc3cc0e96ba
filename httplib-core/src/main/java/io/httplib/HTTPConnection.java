package io.httplib;

import io.httplib.internal.connect.ConnectPlan;
import io.httplib.internal.connect.ConnectSpec;
import io.httplib.internal.connect.Tunnel;
import io.httplib.internal.event.EventDispatcher;
import io.httplib.internal.http1.BodyInputStream;
import io.httplib.internal.http1.BodyOwner;
import io.httplib.internal.http1.Framing;
import io.httplib.internal.http1.HostAndPort;
import io.httplib.internal.http1.Http1Codec;
import io.httplib.internal.http1.RequestBody;
import io.httplib.internal.http1.RequestFraming;
import io.httplib.internal.http1.RequestHead;
import io.httplib.internal.http1.StatusLine;
import io.httplib.internal.http1.Syntax;
import io.httplib.internal.http1.Transport;
import io.httplib.internal.http1.WireDebug;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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
 * The connection is opened on the first request (or by {@link #connect()}) and kept alive between
 * requests as the server allows; opening runs DNS, TCP, the {@link #setTunnel tunnel} and TLS as
 * one unit ({@code io.httplib.internal.connect}). As CPython's {@code auto_open}, a kept connection
 * that the server closed while idle, or on which unsolicited bytes arrived, is detected before the
 * next request and opened again through the same steps. {@link #close()} from another thread
 * fails the request in progress; it is never silently reopened. Everything a caller passes in
 * (method, target, header names and values) is checked before any byte is written.
 */
public class HTTPConnection implements Closeable {

    /** The default port of {@code http}. */
    public static final int HTTP_PORT = 80;

    /** Bodies up to this size go out in the same write as the head (one packet, no Nagle delay). */
    static final int COALESCE_BODY_LIMIT = 8 * 1024;

    /**
     * A {@link BodyWriter} body of unknown length that ends within this many bytes is sent with
     * {@code Content-Length}; a longer one switches to chunked framing as it outgrows the buffer.
     */
    public static final int ADAPTIVE_BODY_BUFFER = 64 * 1024;

    /** How long {@code Expect: 100-continue} waits for the server's 100 before sending anyway (RFC 9110 section 10.1.1). */
    static final Duration DEFAULT_CONTINUE_TIMEOUT = Duration.ofSeconds(1);

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
    private final WireDebug debug;
    private Tunnel tunnel;
    /** What establishment needs; made on first open, again after {@link #setTunnel}. */
    private ConnectSpec spec;

    /** The established connection, or null; volatile for {@link #abortSocket()} from the deadline thread. */
    private volatile Transport transport;
    private Http1Codec codec;
    /** Whether the server allows another request on {@link #transport}. */
    private boolean keepSocket;
    /** The establishment in progress, for {@link #abortSocket()}. */
    private volatile ConnectPlan connecting;
    /** Set by {@link #abortSocket()}: this connection never opens again. */
    private volatile boolean aborted;
    /** Counts {@link #close()} and {@link #abortSocket()} calls: a request never reopens across one. */
    private volatile int closeCount;
    /**
     * CPython's {@code auto_open}: open on first use and replace a kept connection the server
     * closed. False under a pool, where a connection that cannot be used is discarded by the client.
     */
    private boolean autoOpen = true;

    private State state = State.IDLE;
    private String method;
    private boolean requestWillClose;
    private int requestCloseCount;
    private HTTPResponse response;
    private Http1Codec.ResponseHead pendingHead;
    private final RequestHead head = new RequestHead();
    /** The automatic {@code Host} value for origin-form targets; it changes only with {@link #setTunnel}. */
    private String originHostHeader;
    /** Whether any byte of the current request's head was handed to the socket. */
    private boolean headSent;

    /** The current call's events when a client drives this connection; null (no cost) otherwise. */
    private EventDispatcher events;
    /** Told after this connection handled the end of a response body; null when nobody asked. */
    private BodyOwner bodyObserver;
    private boolean hasDeadline;
    private long deadlineNanos;

    /**
     * @param host {@code "host"}, {@code "host:port"}, {@code "[v6addr]"} or {@code "[v6addr]:port"}
     * @throws IllegalArgumentException for an empty host or an invalid port
     */
    public HTTPConnection(String host) {
        this(host, -1, null);
    }

    /**
     * @param host a host name or address, optionally with {@code :port}
     * @param port the port; when {@code <= 0} it is taken from the host string, else the default port
     */
    public HTTPConnection(String host, int port) {
        this(host, port, null);
    }

    /**
     * @param host a host name or address, optionally with {@code :port}
     * @param port the port; when {@code <= 0} it is taken from the host string, else the default port
     * @param timeout connect and read timeout, which also bounds each socket write; null for none (block forever)
     */
    public HTTPConnection(String host, int port, Duration timeout) {
        this(new Builder(host).port(port).timeout(timeout));
    }

    HTTPConnection(Builder b) {
        HostAndPort hp = HostAndPort.parse(b.host, b.port, defaultPort());
        this.host = hp.host();
        this.port = hp.port();
        this.readTimeoutMillis = millis(b.timeout, "timeout");
        this.connectTimeoutMillis = b.connectTimeout != null ? millis(b.connectTimeout, "connectTimeout") : readTimeoutMillis;
        this.strict = b.strict;
        this.sourceAddress = b.sourceAddress;
        this.limits = b.limits;
        this.continueTimeout = b.continueTimeout;
        this.debug = new WireDebug(b.debugLevel, b.debugOut);
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

    /** @return the TLS settings of the origin, or null for plain HTTP */
    TlsConfig tls() {
        return null;
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
     * when one is set, else logged at {@code INFO} on the {@link System.Logger}
     * {@code io.httplib.wire}. That logger enabled for {@code DEBUG} gets the same lines at level 0
     * too. Credentials are redacted.
     *
     * @param level 0 for silence (unless {@code io.httplib.wire} is at {@code DEBUG})
     */
    public void setDebugLevel(int level) {
        debug.level(level);
    }

    /**
     * @param out where debug lines go; {@code null} (the default) for the {@link System.Logger}
     *     {@code io.httplib.wire}
     */
    public void setDebugOutput(PrintStream out) {
        debug.output(out);
    }

    /**
     * Sends requests through an HTTP proxy tunnel: the connection's own host and port are the
     * proxy's, and each time the connection opens, a {@code CONNECT host:port} to the proxy opens
     * a tunnel to the target before anything else is sent. The CONNECT request and its
     * {@code headers} go to the proxy only; requests go through the tunnel to the target. For
     * {@link HTTPSConnection} TLS then runs end to end with the target, verified against the
     * target's name. A proxy reply other than 2xx raises {@link TunnelRefused}; a reply that is not
     * HTTP at all is refused whatever {@link #isStrict()} says.
     *
     * @param host the target host
     * @param port the target port; {@code <= 0} for the scheme's default
     * @param headers extra headers for the CONNECT request (e.g. {@code Proxy-Authorization}); may be null
     * @throws IllegalStateException when the connection is already open
     */
    public void setTunnel(String host, int port, Map<String, String> headers) {
        if (transport != null) {
            throw new IllegalStateException("Can't set up tunnel for established connection");
        }
        HostAndPort hp = HostAndPort.parse(host, port, defaultPort());
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                Syntax.checkHeaderName(k);
                Syntax.checkHeaderValue(k, v);
                copy.add(Map.entry(k, v));
            });
        }
        this.tunnel = new Tunnel(hp.host(), hp.port(), copy);
        this.spec = null;
        this.originHostHeader = null;
    }

    /**
     * Opens the connection now instead of on the first request: TCP, the tunnel when one is set,
     * TLS for {@link HTTPSConnection}. Does nothing when already connected.
     *
     * @throws java.net.ConnectException when the server refuses
     * @throws SocketTimeoutException when the connect timeout expires
     * @throws TunnelRefused when the proxy refuses the tunnel
     */
    public void connect() throws IOException {
        if (aborted) {
            throw abortedException();
        }
        if (transport == null) {
            open(closeCount);
        }
    }

    /** Establishes a new connection; refused when {@link #close()} or an abort came after {@code epoch}. */
    private void open(int epoch) throws IOException {
        ConnectSpec s = spec;
        if (s == null) {
            spec = s = new ConnectSpec(host, port, tunnel, tls(), connectTimeoutMillis, readTimeoutMillis,
                    sourceAddress, limits);
        }
        ConnectPlan plan = new ConnectPlan(s, events, debug, deadlineNanos, hasDeadline);
        connecting = plan;
        Transport t;
        try {
            if (aborted || closeCount != epoch) {
                plan.cancel();
            }
            t = plan.connect();
        } finally {
            connecting = null;
        }
        transport = t;
        codec = new Http1Codec(t, limits, strict, debug);
        codec.events(events);
        keepSocket = true;
        if (aborted || closeCount != epoch) {
            // Closed from another thread while connecting: the connection must not outlive that.
            closeSocket();
            throw aborted ? abortedException() : new NotConnected("connection closed while it was being opened");
        }
    }

    /**
     * Makes sure the request can be written: opens the connection, or (standalone only) replaces
     * a kept one the server closed while idle. Under a pool nothing is ever reopened here.
     */
    private void ensureOpen() throws IOException {
        if (aborted) {
            throw abortedException();
        }
        if (closeCount != requestCloseCount) {
            throw new NotConnected("connection closed by another thread during the request");
        }
        Transport t = transport;
        if (!autoOpen) {
            if (t == null || !keepSocket || !t.isOpen()) {
                // Nothing was sent: the client discards this connection and may try a new one.
                throw new RemoteDisconnected("pooled connection to " + HostAndPort.authority(host, port)
                        + " was closed before the request was sent");
            }
            return;
        }
        if (t != null && (!keepSocket || t.isStale())) {
            closeSocket();
            t = null;
        }
        if (t == null) {
            open(requestCloseCount);
        }
    }

    /** @return the codec of the open connection (for {@link AdaptiveBodyStream}) */
    Http1Codec codec() {
        return codec;
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
        RequestFraming framing = RequestFraming.decide(method, url, headers, body, limits);
        putRequest(method, url, framing.skipHost(), framing.skipAcceptEncoding());
        if (framing.addLengthHeader()) {
            putHeader("Content-Length", Long.toString(framing.length()));
        }
        if (framing.addChunkedHeader()) {
            putHeader("Transfer-Encoding", "chunked");
        }
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                putHeader(h.getKey(), h.getValue());
            }
        }
        try {
            switch (framing.mode()) {
                case NONE -> endHeaders();
                case ADAPTIVE -> {
                    AdaptiveBodyStream stream = new AdaptiveBodyStream(this);
                    body.writeTo(stream);
                    stream.finish();
                }
                default -> sendWithBody(framing, body != null ? body : RequestBody.of(new byte[0]));
            }
        } catch (IOException | RuntimeException e) {
            closeSocket();
            state = State.IDLE;
            throw e;
        }
    }

    private void sendWithBody(RequestFraming framing, RequestBody body) throws IOException {
        boolean chunked = framing.mode() == RequestFraming.Mode.CHUNKED;
        if (framing.expectContinue()) {
            endHeaders();
            if (awaitContinue()) {
                codec.writeBody(body, chunked, framing.length());
            }
            return;
        }
        byte[] bytes = body.bytes();
        if (bytes != null && !chunked && bytes.length <= COALESCE_BODY_LIMIT && framing.length() == bytes.length) {
            endHeaders(bytes);
        } else {
            endHeaders();
            codec.writeBody(body, chunked, framing.length());
        }
    }

    /**
     * Waits, bounded by the continue timeout and the read timeout, for the server's answer to
     * {@code Expect: 100-continue}.
     *
     * @return true to send the body; false when a final response came instead (kept for
     *     {@link #getResponse()}; the connection closes after it since the body was not sent)
     */
    private boolean awaitContinue() throws IOException {
        int wait = (int) Math.min(Integer.MAX_VALUE, continueTimeout.toMillis());
        if (readTimeoutMillis > 0) {
            wait = Math.min(wait, readTimeoutMillis);
        }
        Http1Codec.ResponseHead early = codec.awaitContinue(wait);
        if (early == null) {
            return true;
        }
        pendingHead = early;
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
     * @throws InvalidURL for a target with spaces or control characters
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
        RequestFraming.checkTarget(target);
        RequestFraming.checkRequestLine(method, target, limits);
        response = null;
        pendingHead = null;
        requestWillClose = false;
        headSent = false;
        requestCloseCount = closeCount;
        this.method = method;
        head.reset();
        head.append(method).append(" ").append(target).append(" HTTP/1.1").crlf();
        if (!skipHost) {
            head.header("Host", hostHeader(target));
        }
        if (!skipAcceptEncoding) {
            head.header("Accept-Encoding", "identity");
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
            return at >= 0 ? authority.substring(at + 1) : authority;
        }
        if (originHostHeader == null) {
            String h = tunnel != null ? tunnel.host() : host;
            int p = tunnel != null ? tunnel.port() : port;
            originHostHeader = p == defaultPort() ? HostAndPort.bracket(h) : HostAndPort.authority(h, p);
        }
        return originHostHeader;
    }

    /**
     * Adds a header to the request being built. Several values are sent as continuation lines,
     * as httplib documents ({@code Name: v1\r\n\tv2}); calling it twice for one name sends two
     * lines.
     *
     * @throws CannotSendHeader outside the Request-started state
     * @throws IllegalArgumentException for a name that is not a token or a value with CR, LF or NUL
     */
    public void putHeader(String header, String... values) throws IOException {
        if (state != State.REQ_STARTED) {
            throw new CannotSendHeader(state.label);
        }
        Syntax.checkHeaderName(header);
        if (values.length == 0) {
            throw new IllegalArgumentException("header " + header + " needs at least one value");
        }
        long size = 3L * (values.length - 1); // each continuation adds CRLF and a tab
        for (String v : values) {
            Syntax.checkHeaderValue(header, v);
            size += v.length();
        }
        RequestFraming.checkHeaderLine(header, size, limits);
        head.append(header).append(": ");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                head.crlf().append("\t");
            }
            head.append(values[i]);
        }
        head.crlf();
        if (header.equalsIgnoreCase("Connection") && Syntax.listContains(String.join(",", values), "close")) {
            requestWillClose = true;
        }
    }

    /**
     * Ends the headers and sends the request head, opening the connection first when needed.
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
            ensureOpen();
            headSent = true;
            codec.writeHead(head.array(), headLength, head.length());
        } catch (IOException | RuntimeException e) {
            closeSocket();
            state = State.IDLE;
            throw e;
        }
    }

    /**
     * Sends raw bytes on the connection, typically a body after {@link #endHeaders()}. Connects
     * first when needed.
     *
     * @throws NotConnected when the connection is not open and may not be opened here
     */
    public void send(byte[] data) throws IOException {
        if (aborted) {
            throw abortedException();
        }
        if (transport == null) {
            if (!autoOpen) {
                throw new NotConnected("pooled connection to " + HostAndPort.authority(host, port) + " is not open");
            }
            open(closeCount);
        }
        try {
            codec.writeRaw(data);
        } catch (IOException e) {
            closeSocket();
            throw e;
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
        try {
            Http1Codec c = codec;
            if (c == null) {
                throw new NotConnected("connection closed before the response");
            }
            Http1Codec.ResponseHead rh = c.readResponseHead(pendingHead);
            pendingHead = null;
            StatusLine sl = rh.status();
            Framing framing = Framing.decide(method, sl, rh.headers());
            if (!framing.keepAlive() || requestWillClose) {
                keepSocket = false;
            }
            BodyInputStream body = c.openBody(framing, new Exchange(transport));
            HTTPResponse r = new HTTPResponse(sl.version(), sl.status(), sl.reason(), rh.headers(), body, method);
            response = r;
            state = State.IDLE;
            EventDispatcher ev = events;
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

    /**
     * Closes the socket and forgets the current response; a later request reconnects. Called from
     * another thread while a request is in progress, that request fails (it never reopens the
     * connection on its own).
     */
    @Override
    public void close() {
        closeCount++;
        ConnectPlan plan = connecting;
        if (plan != null) {
            plan.cancel();
        }
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
        Transport t = transport;
        transport = null;
        codec = null;
        if (t != null) {
            t.close();
        }
    }

    /** @return whether a socket is open (it may still be found stale before the next request) */
    public boolean isConnected() {
        return transport != null;
    }

    /**
     * Lets a client see this connection's part of a call: events for dns, connect, TLS, request and
     * response, and the end of each response body (after this connection handled it). Null to stop.
     */
    void setCallEvents(EventDispatcher events, BodyOwner bodyObserver) {
        this.events = events;
        this.bodyObserver = bodyObserver;
        Http1Codec c = codec;
        if (c != null) {
            c.events(events);
        }
    }

    /**
     * The deadline of the call using this connection: establishment is bounded by the time left.
     *
     * @param bounded whether there is one
     * @param deadlineNanos when it passes, on the {@link System#nanoTime()} scale
     */
    void setDeadline(boolean bounded, long deadlineNanos) {
        this.hasDeadline = bounded;
        this.deadlineNanos = deadlineNanos;
    }

    /** Turns off CPython's auto-open: for pooled connections, which are never reopened in place. */
    void disableAutoOpen() {
        this.autoOpen = false;
    }

    /**
     * For the pool, before it hands out an idle connection: whether it can take a request now
     * (open, keep-alive, no response in progress, not closed or written to by the server while idle).
     */
    boolean checkReusable() {
        Transport t = transport;
        return t != null && !aborted && isKeptAlive() && !t.isStale();
    }

    /** @return whether the socket is open and may be kept for another request (no response in progress) */
    boolean isKeptAlive() {
        return transport != null && keepSocket && state == State.IDLE && (response == null || response.isClosed());
    }

    /** @return whether any byte of the current request was handed to the socket */
    boolean requestHeadSent() {
        return headSent;
    }

    /**
     * Aborts from another thread (a deadline passed): closes the socket so that I/O blocked on it
     * fails at once, cancels an establishment in progress, and makes every later use fail. The
     * connection's own state is left to the thread using it, which sees the failure. Final: an
     * aborted connection never opens again.
     */
    void abortSocket() {
        aborted = true;
        closeCount++;
        ConnectPlan plan = connecting;
        if (plan != null) {
            plan.cancel();
        }
        Transport t = transport;
        if (t != null) {
            t.abort();
        }
    }

    /**
     * Reads and drops what is left of the current response's body, within a byte and a time
     * budget, so that the connection can be kept.
     *
     * @return whether the body ended within the budgets (otherwise the caller closes the response,
     *     which closes the connection)
     */
    boolean drain(HTTPResponse r, long maxBytes, long maxNanos) {
        Transport t = transport;
        if (t == null || !keepSocket || r != response || !(r.getInputStream() instanceof BodyInputStream body)) {
            return false;
        }
        long endNanos = System.nanoTime() + maxNanos;
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(maxNanos)));
        try {
            t.setReadTimeout(readTimeoutMillis > 0 ? Math.min(ms, readTimeoutMillis) : ms);
            return body.drain(maxBytes, endNanos);
        } catch (IOException e) {
            return false;
        } finally {
            if (t.isOpen()) {
                try {
                    t.restoreReadTimeout();
                } catch (IOException e) {
                    closeSocket();
                }
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + HostAndPort.authority(host, port) + ", " + state.label + "]";
    }

    private SocketException abortedException() {
        return new SocketException("connection to " + HostAndPort.authority(host, port) + " was aborted");
    }

    private static int millis(Duration d, String name) {
        if (d == null) {
            return 0;
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) {
            ms = 1;
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    /** Receives the end of one response body; stale once the transport it belonged to is gone. */
    private final class Exchange implements BodyOwner {
        private final Transport owner;

        Exchange(Transport owner) {
            this.owner = owner;
        }

        @Override
        public void bodyComplete(long bytes) {
            if (owner == transport && !keepSocket) {
                closeSocket();
            }
            BodyOwner o = bodyObserver;
            if (o != null) {
                o.bodyComplete(bytes);
            }
        }

        @Override
        public void bodyBroken(long bytes, Exception cause) {
            if (owner == transport) {
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

        /** @param port the port; {@code <= 0} takes it from the host string or the default @return this */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @param timeout read timeout (also bounding each socket write), and connect timeout unless set apart; null for none @return this */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @param connectTimeout connect timeout; null to use {@link #timeout} @return this */
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

        /** @param continueTimeout how long to wait for {@code 100 Continue} before sending the body @return this */
        public Builder continueTimeout(Duration continueTimeout) {
            this.continueTimeout = Objects.requireNonNull(continueTimeout, "continueTimeout");
            return this;
        }

        /** @param level debug level, see {@link HTTPConnection#setDebugLevel(int)} @return this */
        public Builder debugLevel(int level) {
            this.debugLevel = level;
            return this;
        }

        /** @param out where debug lines go; null (default) for the {@code io.httplib.wire} logger @return this */
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
