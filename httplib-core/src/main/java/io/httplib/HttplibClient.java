package io.httplib;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import io.httplib.internal.Durations;
import io.httplib.internal.Prewarm;
import io.httplib.internal.event.CallContextAccess;
import io.httplib.internal.event.ListenerFailures;
import io.httplib.internal.http1.RequestBody;
import io.httplib.internal.http1.RequestFraming;
import io.httplib.internal.http1.Syntax;
import io.httplib.internal.pool.PooledConnection;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe HTTP/1.1 client: many threads share the keep-alive connections of one
 * {@link ConnectionPool}, with settings from one {@link HTTPConnectionFactory}.
 *
 * <pre>{@code
 * try (HttplibClient client = HttplibClient.builder().baseUri("http://localhost:8080/").build();
 *      ClientResponse r = client.send("GET", "/users/42", null, Map.of("Accept", "application/json"))) {
 *     String json = r.readString();
 * }
 * }</pre>
 *
 * <ul>
 * <li><b>Close every response</b> (or read it to its end): until then its connection stays leased.</li>
 * <li><b>Retries</b>: a request that failed on a <em>reused</em> pooled connection the server had
 *     closed ({@link RemoteDisconnected}, connection reset, broken pipe) is sent once more on
 *     another connection, when its method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE, TRACE)
 *     or nothing of it was sent, and its body can be sent again. Nothing else is retried.</li>
 * <li><b>Deadline</b> ({@link Builder#requestTimeout}, {@link ClientRequest.Builder#timeout}): covers
 *     the whole call, from waiting for a connection to the end of the response body, redirects
 *     and retries included. When it passes, the socket is closed and the call fails with
 *     {@link DeadlineExceeded} (a {@link java.net.SocketTimeoutException}). Connecting is bounded
 *     too: the TCP connect, a proxy's CONNECT reply and the TLS handshake wait at most the time
 *     left. An aborted connection never opens again.</li>
 * <li><b>No silent reconnect</b>: a pooled connection is never reopened in place; one that fails
 *     is discarded and a retry (above) is a new, counted attempt.</li>
 * <li><b>Redirects</b> (off by default, {@link Builder#followRedirects}): see {@code docs/pool.md}.</li>
 * <li><b>Events</b>: listeners see every phase of each call; see {@link HttpEventListener}.</li>
 * <li><b>Compression</b> (on by default, {@link Builder#decompression}): asks for gzip and deflate
 *     and decodes them as the body is read, within bounds; see {@link Decompression}.</li>
 * </ul>
 */
public final class HttplibClient implements Closeable {

    /** Default {@code maxRedirects}. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private final String name;
    private final HTTPConnectionFactory connectionFactory;
    private final ConnectionPool pool;
    private final URI baseUri;
    private final Duration requestTimeout;
    private final boolean followRedirects;
    private final int maxRedirects;
    private final HttpEventListener listener;
    private final HttpEventListener.Factory clientListenerFactory;
    private final HttpEventListener.Factory sharedListenerFactory;
    private final ProxyConfig proxy;
    private final Decompression decompression;
    private final ResolvedTargets targets = new ResolvedTargets();
    private final ReentrantLock schedulerLock = new ReentrantLock();
    private ScheduledThreadPoolExecutor scheduler;
    private volatile boolean closed;

    private HttplibClient(Builder b) {
        this.name = b.name;
        this.connectionFactory = b.connectionFactory;
        this.pool = b.pool != null ? b.pool : ConnectionPool.builder().build();
        this.baseUri = b.baseUri;
        this.requestTimeout = b.requestTimeout;
        this.followRedirects = b.followRedirects;
        this.maxRedirects = b.maxRedirects;
        this.listener = HttpEventListener.composite(b.eventListener, connectionFactory.eventListener());
        this.clientListenerFactory = b.eventListenerFactory;
        this.sharedListenerFactory = connectionFactory.eventListenerFactory();
        this.proxy = connectionFactory.proxy();
        this.decompression = b.decompression;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a request and returns its response, head read, body ready to stream.
     *
     * @param method e.g. {@code GET}
     * @param uri absolute, or relative to the base URI
     * @param body the body, or null
     * @param headers extra headers, or null
     * @return the response; close it
     */
    public ClientResponse send(String method, String uri, byte[] body, Map<String, ?> headers) throws IOException {
        return send(ClientRequest.builder(method, uri).headers(headers).body(body).build());
    }

    /**
     * Sends a request and returns its response, head read, body ready to stream.
     *
     * @param request the request
     * @return the response; close it (or read its body to the end) to release the connection
     * @throws PoolTimeoutException when no connection became free within the pool's acquire timeout
     * @throws DeadlineExceeded when the request's deadline passed
     * @throws HTTPException for protocol errors, and "too many redirects"
     * @throws IOException for socket failures
     * @throws IllegalStateException when the client is closed
     */
    public ClientResponse send(ClientRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("client " + name + " is closed");
        }
        // Resolved, and other schemes rejected, before the call starts.
        ResolvedTargets.Resolved first = resolveTarget(request);
        CallContext context = new CallContext(request.method(), first.uri, request.uriTemplate(), name);
        CallContextAccess.initialAttributes(context, request.attributes());
        // Past 100 years a timeout is no deadline (Durations): nothing overflows.
        Duration timeout = Durations.limitOrNull(request.timeout() != null ? request.timeout() : requestTimeout);
        ClientCall call = new ClientCall(context, listenerFor(context), timeout);
        call.events.callStart();
        try {
            if (timeout != null) {
                call.startDeadline(scheduler());
            }
            ClientResponse response = execute(call, request, first);
            response.watchForLeak();
            call.returned(response.lease());
            return response;
        } catch (IOException e) {
            IOException t = call.translate(e);
            call.fail(t);
            throw t;
        } catch (RuntimeException | Error e) {
            call.fail(new IOException(e.toString(), e));
            throw e;
        } finally {
            // On the caller's thread, whatever happened: the end of what send() itself covers.
            call.events.sendReturned();
        }
    }

    private ClientResponse execute(ClientCall call, ClientRequest request, ResolvedTargets.Resolved resolved)
            throws IOException {
        String method = request.method();
        URI first = resolved.uri;
        URI uri = first;
        // The first URI's route and target, until a redirect moves the call elsewhere.
        ResolvedTargets.Resolved hop = resolved;
        RequestBody body = request.body();
        // Decided once for the call: redirects keep the Accept-Encoding added here.
        Decompression decode = decompression.decodes(request) ? decompression : null;
        Map<String, List<String>> headers = decompression.asksFor(request)
                ? Decompression.withAcceptEncoding(request.headers()) : request.headers();
        boolean follow = request.followRedirects() != null ? request.followRedirects() : followRedirects;
        int hops = 0;
        boolean retried = false;
        while (true) {
            Route route = route(hop != null ? hop.route : Route.of(uri));
            CallContextAccess.proxy(call.context, route.proxy());
            // Through a proxy, plain HTTP goes in absolute form (RFC 9112 section 3.2.2), with the
            // proxy's credentials.
            boolean viaProxy = route.proxy() != null && route.scheme().equals("http");
            String target = viaProxy ? absoluteTarget(uri) : hop != null ? hop.target : target(uri);
            Map<String, List<String>> sent = withListenerHeaders(headers, call, first, uri);
            // Proxy-Authorization is for a proxy's eyes only: sent with a plain request through a
            // proxy, never inside a tunnel or to an origin reached directly.
            sent = viaProxy ? withProxyAuthorization(sent, route) : withoutProxyAuthorization(sent);
            // Every check of what is sent runs before the pool is asked for a connection.
            RequestFraming framing = RequestFraming.decide(method, target, sent, body, connectionFactory.limits());
            ClientLease lease = acquire(call, route);
            ClientResponse response;
            try {
                lease.conn.request(method, target, body, sent, framing);
                response = new ClientResponse(lease.conn.getResponse(), lease, uri, decode);
                if (viaProxy && response.status() == 407) {
                    response.close();
                    throw new ProxyAuthenticationRequired(route.proxy().toString(), uri.toString(), response.reason(),
                            response.headers().getAll("Proxy-Authenticate"));
                }
            } catch (IOException e) {
                lease.release(false);
                if (!retried && retryable(e, lease, method, body, call)) {
                    retried = true;
                    CallContextAccess.next(call.context, method, uri);
                    continue;
                }
                throw e;
            } catch (RuntimeException | Error e) {
                lease.release(false);
                throw e;
            }
            int status = response.status();
            if (!follow || !isRedirect(status)) {
                return response;
            }
            Redirect next;
            try {
                next = redirect(response, method, uri, body, headers);
            } catch (RuntimeException | Error e) {
                // Whatever goes wrong while following, the 3xx in hand gives back its connection.
                response.close();
                throw e;
            }
            if (next == null) {
                return response;
            }
            if (++hops > maxRedirects) {
                response.close();
                throw new HTTPException("too many redirects: more than " + maxRedirects + " (the last from " + uri
                        + " to " + next.uri + ")");
            }
            response.close();
            method = next.method;
            uri = next.uri;
            body = next.body;
            headers = next.headers;
            hop = null;
            retried = false;
            CallContextAccess.next(call.context, method, uri);
        }
    }

    /** Leases a connection for the call and connects it when it is new. */
    private ClientLease acquire(ClientCall call, Route route) throws IOException {
        call.checkDeadline();
        PooledConnection<HTTPConnection> pooled;
        try {
            pooled = pool.acquire(route, connectionFactory, call.remainingNanos());
        } catch (PoolTimeoutException e) {
            throw call.translate(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection to " + route);
        }
        ClientLease lease = new ClientLease(call, pool, pooled);
        lease.conn.setCallEvents(call.connectionEvents, lease);
        lease.conn.setDeadline(call.hasDeadline(), call.deadlineNanos());
        // From here a deadline aborts this connection: a connect in progress included.
        call.setCurrent(lease);
        try {
            if (!pooled.reused()) {
                lease.conn.connect();
            }
            call.checkDeadline();
            lease.acquired();
            // A listener may be slow: the deadline may pass inside connectionAcquired.
            call.checkDeadline();
        } catch (IOException | RuntimeException | Error e) {
            lease.release(false);
            throw e;
        }
        return lease;
    }

    /**
     * A failed exchange is sent again only when the connection was a reused pooled one that the
     * server had closed, the deadline has not passed, the body can be sent again, and the method is
     * idempotent or nothing was sent.
     */
    private static boolean retryable(IOException e, ClientLease lease, String method, RequestBody body, ClientCall call) {
        if (!lease.reused() || call.deadlinePassed() || (body != null && !body.replayable())) {
            return false;
        }
        if (!IDEMPOTENT.contains(method) && lease.conn.requestHeadSent()) {
            return false;
        }
        return e instanceof RemoteDisconnected || (e instanceof SocketException && !(e instanceof ConnectException));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private record Redirect(String method, URI uri, RequestBody body, Map<String, List<String>> headers) {}

    /**
     * @return the next exchange, or null to hand this 3xx to the caller (no usable Location, or a
     *     body that would have to be sent again but cannot be)
     */
    private static Redirect redirect(ClientResponse response, String method, URI uri, RequestBody body,
            Map<String, List<String>> headers) {
        String location = response.header("Location");
        if (location == null) {
            return null;
        }
        URI next;
        try {
            next = uri.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        String scheme = next.getScheme();
        if (scheme == null || next.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return null;
        }
        Route nextRoute;
        try {
            nextRoute = Route.of(next);
        } catch (IllegalArgumentException e) {
            return null; // e.g. port 0 or 99999: no connection can be made for it
        }
        int status = response.status();
        String nextMethod = method;
        RequestBody nextBody = body;
        if (status == 303 && !method.equals("HEAD")) {
            nextMethod = "GET";
            nextBody = null;
        } else if ((status == 301 || status == 302) && method.equals("POST")) {
            nextMethod = "GET";
            nextBody = null;
        } else if (body != null && !body.replayable()) {
            return null;
        }
        Map<String, List<String>> nextHeaders = new LinkedHashMap<>(headers);
        if (nextBody == null && body != null) {
            nextHeaders.keySet().removeIf(k -> k.regionMatches(true, 0, "Content-", 0, 8)
                    || k.equalsIgnoreCase("Transfer-Encoding") || k.equalsIgnoreCase("Expect"));
        }
        if (!nextRoute.sameOrigin(Route.of(uri))) {
            // Credentials for one origin must not leak to another (RFC 9110 section 15.4).
            nextHeaders.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization") || k.equalsIgnoreCase("Cookie")
                    || k.equalsIgnoreCase("Proxy-Authorization") || k.equalsIgnoreCase("Host"));
        }
        return new Redirect(nextMethod, next, nextBody, nextHeaders);
    }

    /** @return the route of a request to {@code direct}'s origin: through the proxy the configuration picks, or direct */
    private Route route(Route direct) throws HTTPException {
        return proxy.isDirect() ? direct : direct.via(proxy.select(direct.scheme(), direct.host(), direct.port()));
    }

    /** @return the absolute-form request target for a proxy: scheme, authority without user info, path, query */
    private static String absoluteTarget(URI uri) {
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + (at >= 0 ? authority.substring(at + 1) : authority)
                + target(uri);
    }

    /**
     * @return the exchange's headers with those listeners added to the call
     *     ({@link CallContext#setRequestHeader}); the caller's own win, and credentials a listener
     *     added stay with the call's first origin
     */
    private static Map<String, List<String>> withListenerHeaders(Map<String, List<String>> headers, ClientCall call,
            URI first, URI uri) {
        Map<String, String> added = call.context.requestHeaders();
        if (added.isEmpty()) {
            return headers;
        }
        boolean sameOrigin = uri == first || Route.of(uri).sameOrigin(Route.of(first));
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        added.forEach((name, value) -> {
            if (h.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(name)) && (sameOrigin || !isCredential(name))) {
                h.put(name, List.of(value));
            }
        });
        return h;
    }

    private static boolean isCredential(String name) {
        return name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie")
                || name.equalsIgnoreCase("Proxy-Authorization");
    }

    /** @return the headers without {@code Proxy-Authorization} (the same map when it has none) */
    private static Map<String, List<String>> withoutProxyAuthorization(Map<String, List<String>> headers) {
        if (headers.isEmpty()) {
            return headers;
        }
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase("Proxy-Authorization")) {
                Map<String, List<String>> h = new LinkedHashMap<>(headers);
                h.keySet().removeIf(k -> k.equalsIgnoreCase("Proxy-Authorization"));
                return h;
            }
        }
        return headers;
    }

    /** @return the caller's headers with the proxy's credentials, unless the caller set its own */
    private Map<String, List<String>> withProxyAuthorization(Map<String, List<String>> headers, Route route) {
        String auth = connectionFactory.proxyAuthorization(route);
        if (auth == null || headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Proxy-Authorization"))) {
            return headers;
        }
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        h.put("Proxy-Authorization", List.of(auth));
        return h;
    }

    /** @return the origin-form request target: path and query */
    private static String target(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        String p = path == null || path.isEmpty() ? "/" : path;
        String target = query == null ? p : p + "?" + query;
        for (int i = 0; i < target.length(); i++) {
            if (target.charAt(i) > 0x7f) {
                // java.net.URI allows other characters unescaped; the wire takes them percent-encoded as UTF-8.
                return target(URI.create(uri.toASCIIString()));
            }
        }
        return target;
    }

    /**
     * @return the request's URI resolved against the base URI, with its route and origin-form
     *     target; a URI given as a string is parsed once and kept ({@link ResolvedTargets})
     * @throws IllegalArgumentException for an invalid or relative URI, another scheme, or a bad port
     */
    private ResolvedTargets.Resolved resolveTarget(ClientRequest request) {
        if (request.parsedUri() != null) {
            return resolved(resolve(request.parsedUri()));
        }
        String given = request.uri();
        ResolvedTargets.Resolved r = targets.get(given);
        if (r == null) {
            r = resolved(resolve(given));
            targets.put(given, r);
        }
        return r;
    }

    private static ResolvedTargets.Resolved resolved(URI uri) {
        return new ResolvedTargets.Resolved(uri, Route.of(uri), target(uri));
    }

    private URI resolve(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            // Not chained: the URISyntaxException's message repeats the whole input.
            throw new IllegalArgumentException("invalid URI (" + e.getReason() + " at index " + e.getIndex() + "): "
                    + Syntax.describe(uri));
        }
        return resolve(u);
    }

    private URI resolve(URI u) {
        if (u.isAbsolute()) {
            return u;
        }
        if (baseUri == null) {
            throw new IllegalArgumentException("relative URI " + Syntax.describe(u.toString())
                    + " needs a base URI (HttplibClient.Builder.baseUri)");
        }
        return baseUri.resolve(u);
    }

    private HttpEventListener listenerFor(CallContext context) {
        if (clientListenerFactory == null && sharedListenerFactory == null) {
            return listener;
        }
        return HttpEventListener.composite(listener, create(clientListenerFactory, context),
                create(sharedListenerFactory, context));
    }

    private static HttpEventListener create(HttpEventListener.Factory f, CallContext context) {
        if (f == null) {
            return null;
        }
        try {
            return f.create(context);
        } catch (RuntimeException e) {
            ListenerFailures.log("Factory.create", f, e);
            return null;
        }
    }

    private ScheduledThreadPoolExecutor scheduler() {
        schedulerLock.lock();
        try {
            if (scheduler == null) {
                if (closed) {
                    throw new IllegalStateException("client " + name + " is closed");
                }
                ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "httplib-deadline-" + name);
                    t.setDaemon(true);
                    return t;
                });
                s.setRemoveOnCancelPolicy(true);
                scheduler = s;
            }
            return scheduler;
        } finally {
            schedulerLock.unlock();
        }
    }

    /** @return the name, for metrics and logs */
    public String name() {
        return name;
    }

    /** @return the pool */
    public ConnectionPool pool() {
        return pool;
    }

    /** @return the factory new connections are made with */
    public HTTPConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** @return the base URI relative request URIs are resolved against, or null */
    public URI baseUri() {
        return baseUri;
    }

    /** @return the default whole-call deadline, or null for none */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return whether redirects are followed by default */
    public boolean followRedirects() {
        return followRedirects;
    }

    /** @return the most redirects one call follows */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** @return how compressed responses are asked for and decoded */
    public Decompression decompression() {
        return decompression;
    }

    /**
     * Closes the pool (idle connections now, leased ones when their responses are closed) and
     * stops the deadline thread. Later sends fail with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        closed = true;
        schedulerLock.lock();
        try {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        } finally {
            schedulerLock.unlock();
        }
        pool.close();
    }

    @Override
    public String toString() {
        return "HttplibClient[" + name + ", " + pool + "]";
    }

    /** Settings for an {@link HttplibClient}. Not thread-safe. */
    public static final class Builder {
        String name = "default";
        HTTPConnectionFactory connectionFactory = HTTPConnectionFactory.defaults();
        ConnectionPool pool;
        URI baseUri;
        Duration requestTimeout;
        boolean followRedirects;
        int maxRedirects = DEFAULT_MAX_REDIRECTS;
        HttpEventListener eventListener = HttpEventListener.NONE;
        HttpEventListener.Factory eventListenerFactory;
        Decompression decompression = Decompression.DEFAULT;

        Builder() {
            // A client is usually built well before its first request: the JDK's selector
            // provider, which every connection's channel needs, can be found meanwhile.
            Prewarm.start();
        }

        /** @param name the client's name, for metrics and thread names (default {@code "default"}) @return this */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param factory settings for new connections @return this */
        public Builder connectionFactory(HTTPConnectionFactory factory) {
            this.connectionFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** @param pool the pool (default: a new one with the defaults); closed with the client @return this */
        public Builder pool(ConnectionPool pool) {
            this.pool = pool;
            return this;
        }

        /** @param baseUri absolute {@code http} or {@code https} URI relative URIs resolve against (RFC 3986); null for none @return this */
        public Builder baseUri(String baseUri) {
            return baseUri(baseUri == null ? null : URI.create(baseUri));
        }

        /** @param baseUri absolute URI relative URIs resolve against; null for none @return this */
        public Builder baseUri(URI baseUri) {
            if (baseUri != null) {
                Route.of(baseUri);
            }
            this.baseUri = baseUri;
            return this;
        }

        /**
         * @param timeout whole-call deadline; null (default) or past 100 years for none; zero and
         *     negative are refused
         * @return this
         */
        public Builder requestTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("requestTimeout must be positive, got " + timeout);
            }
            this.requestTimeout = Durations.limitOrNull(timeout);
            return this;
        }

        /** @param follow whether to follow redirects (default false) @return this */
        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        /** @param max the most redirects one call follows (default 5) @return this */
        public Builder maxRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative, got " + max);
            }
            this.maxRedirects = max;
            return this;
        }

        /** @param listener listener for every call; null for none @return this */
        public Builder eventListener(HttpEventListener listener) {
            this.eventListener = listener == null ? HttpEventListener.NONE : listener;
            return this;
        }

        /** @param factory makes one listener per call; null for none @return this */
        public Builder eventListenerFactory(HttpEventListener.Factory factory) {
            this.eventListenerFactory = factory;
            return this;
        }

        /**
         * @param decompression whether to ask for and decode gzip and deflate responses, and the
         *     bounds on what they may expand to (default {@link Decompression#DEFAULT});
         *     {@link Decompression#DISABLED} sends {@code Accept-Encoding: identity}
         * @return this
         */
        public Builder decompression(Decompression decompression) {
            this.decompression = Objects.requireNonNull(decompression, "decompression");
            return this;
        }

        /** @return the client */
        public HttplibClient build() {
            return new HttplibClient(this);
        }
    }
}
