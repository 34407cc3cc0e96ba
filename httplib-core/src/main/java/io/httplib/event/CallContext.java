package io.httplib.event;

import io.httplib.HttpProxy;
import io.httplib.internal.event.CallContextAccess;
import java.net.URI;
import io.httplib.internal.http1.Syntax;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call: one {@code HttplibClient.send}, its retries and redirects included. Listeners read the
 * request's identity from it and keep per-call state in its attributes. {@link #method()} and
 * {@link #uri()} describe the exchange in progress: after a redirect they are the redirected ones.
 * Thread-safe.
 */
public final class CallContext {

    /** Headers {@link #setRequestHeader} refuses, lower case: framing, routing, hop-by-hop, Expect. */
    private static final Set<String> MESSAGE_CONTROL = Set.of("host", "content-length", "transfer-encoding",
            "expect", "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade");

    static {
        CallContextAccess.install(new CallContextAccess.Advancer() {
            @Override
            public void next(CallContext call, String method, URI uri) {
                call.next(method, uri);
            }

            @Override
            public void proxy(CallContext call, HttpProxy proxy) {
                call.proxy = proxy;
            }

            @Override
            public void initialAttributes(CallContext call, Map<Object, Object> attributes) {
                call.attributes = attributes.isEmpty() ? null : attributes;
            }
        });
    }

    private final String uriTemplate;
    private final String clientName;
    private final long startNanos;
    /** Made on the first {@link #setRequestHeader}: most calls carry none. */
    private volatile Map<String, String> requestHeaders;
    /**
     * Null while the call has none; the request's own (immutable) attributes until a listener
     * sets one; then a concurrent copy: most calls carry none, or only the request's.
     */
    private volatile Map<Object, Object> attributes;
    private volatile String method;
    private volatile URI uri;
    private volatile int attempt = 1;
    private volatile HttpProxy proxy;

    /**
     * @param method the request method
     * @param uri the absolute request URI
     * @param uriTemplate the caller's template, e.g. {@code /users/{id}}, or null
     * @param clientName the client's name
     */
    public CallContext(String method, URI uri, String uriTemplate, String clientName) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.uriTemplate = uriTemplate;
        this.clientName = Objects.requireNonNull(clientName, "clientName");
        this.startNanos = System.nanoTime();
    }

    private void next(String method, URI uri) {
        this.method = method;
        this.uri = uri;
        this.attempt++;
    }

    /** @return the method of the exchange in progress */
    public String method() {
        return method;
    }

    /** @return the absolute URI of the exchange in progress */
    public URI uri() {
        return uri;
    }

    /** @return {@code http} or {@code https}, lower case */
    public String scheme() {
        return uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the host of {@link #uri()} */
    public String host() {
        return uri.getHost();
    }

    /** @return the port of {@link #uri()}, the scheme's default when the URI has none */
    public int port() {
        int p = uri.getPort();
        return p > 0 ? p : "https".equals(scheme()) ? 443 : 80;
    }

    /**
     * @return the HTTP proxy the exchange in progress goes through (its connect events show the
     *     proxy's address), or null for a direct connection
     */
    public HttpProxy proxy() {
        return proxy;
    }

    /** @return the caller-supplied URI template (e.g. {@code /users/{id}}), or null */
    public String uriTemplate() {
        return uriTemplate;
    }

    /** @return the name of the client making the call ({@code "default"} unless set) */
    public String clientName() {
        return clientName;
    }

    /** @return {@link System#nanoTime()} when the call started */
    public long startNanos() {
        return startNanos;
    }

    /** @return 1 for the first exchange, 2 and up for retries and redirects */
    public int attempt() {
        return attempt;
    }

    /**
     * @param key the attribute's key, not null
     * @return its value, or null
     */
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(Object key) {
        Objects.requireNonNull(key, "key");
        Map<Object, Object> m = attributes;
        return m == null ? null : (T) m.get(key);
    }

    /**
     * @param key the attribute's key, not null
     * @param value its value; null removes it
     */
    public void setAttribute(Object key, Object value) {
        Objects.requireNonNull(key, "key");
        Map<Object, Object> m = attributes;
        if (!(m instanceof ConcurrentHashMap)) {
            if (value == null && (m == null || !m.containsKey(key))) {
                return;
            }
            synchronized (this) {
                m = attributes;
                if (!(m instanceof ConcurrentHashMap)) {
                    ConcurrentHashMap<Object, Object> copy = new ConcurrentHashMap<>();
                    if (m != null) {
                        copy.putAll(m);
                    }
                    attributes = m = copy;
                }
            }
        }
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
    }

    /**
     * Adds a header to every request of this call, for listeners that propagate context (a trace's
     * {@code traceparent} or {@code b3}, a correlation id): call it from {@code callStart}, or later
     * for the exchanges still to come (retries, redirects). A header the caller set on the request
     * is never replaced. Credentials do not belong here: {@code Authorization}, {@code Cookie} and
     * {@code Proxy-Authorization} set here are dropped once a redirect leaves the call's first origin.
     * Headers that frame, route or manage the exchange itself ({@code Host}, {@code Content-Length},
     * {@code Transfer-Encoding}, {@code Expect} and the hop-by-hop {@code Connection},
     * {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Trailer}, {@code Upgrade}) are
     * the client's and the caller's business, and are refused.
     *
     * @param name a header name (an RFC 9110 token)
     * @param value its value (no CR, LF or NUL); null removes it
     * @throws IllegalArgumentException for an invalid name or value, or one of the headers above
     */
    public void setRequestHeader(String name, String value) {
        Syntax.checkHeaderName(name);
        if (MESSAGE_CONTROL.contains(name.toLowerCase(Locale.ROOT))) {
            // A listener's Content-Length or Transfer-Encoding would misframe the request (a GET
            // announcing a chunked body that never comes hangs until the read timeout); its Host
            // would follow a redirect to another origin (RFC 9110 sections 6.4, 7.2, 7.6.1).
            throw new IllegalArgumentException("a listener may not set " + name
                    + ": it frames, routes or manages the exchange (only the caller or the client sets it)");
        }
        if (value != null) {
            Syntax.checkHeaderValue(name, value);
        }
        synchronized (this) {
            Map<String, String> m = requestHeaders == null ? new LinkedHashMap<>() : new LinkedHashMap<>(requestHeaders);
            m.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            if (value != null) {
                m.put(name, value);
            }
            requestHeaders = m.isEmpty() ? null : Collections.unmodifiableMap(m);
        }
    }

    /** @return the headers listeners added with {@link #setRequestHeader}, in order; empty when none */
    public Map<String, String> requestHeaders() {
        Map<String, String> m = requestHeaders;
        return m == null ? Map.of() : m;
    }

    @Override
    public String toString() {
        return "CallContext[" + clientName + " " + method + " " + uri + (proxy == null ? "" : " via " + proxy)
                + ", attempt " + attempt + "]";
    }
}
