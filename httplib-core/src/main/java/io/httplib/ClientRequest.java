package io.httplib;

import io.httplib.internal.http1.RequestBody;
import io.httplib.internal.http1.Syntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request for {@link HttplibClient#send(ClientRequest)}. Immutable once built, except that a
 * streamed body ({@link Builder#body(InputStream, long)}) can be sent only once.
 *
 * <pre>{@code
 * ClientRequest req = ClientRequest.builder("POST", "/users")
 *         .header("Content-Type", "application/json")
 *         .body("{\"name\":\"x\"}")
 *         .uriTemplate("/users")
 *         .build();
 * }</pre>
 */
public final class ClientRequest {

    private final String method;
    private final String uri;
    /** The parsed URI when the caller gave one, so the client need not parse it again. */
    private final URI parsedUri;
    private final Map<String, List<String>> headers;
    private final RequestBody body;
    private final String uriTemplate;
    private final Duration timeout;
    private final Boolean followRedirects;
    private final boolean alwaysDecompress;
    private final Map<Object, Object> attributes;

    private ClientRequest(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.parsedUri = b.parsedUri;
        this.headers = b.headers == null || b.headers.isEmpty() ? Map.of() : frozen(b.headers);
        this.body = b.body;
        this.uriTemplate = b.uriTemplate;
        this.timeout = b.timeout;
        this.followRedirects = b.followRedirects;
        this.alwaysDecompress = b.alwaysDecompress;
        this.attributes = attributes(b.attributes);
    }

    /** An immutable copy, in the order set; one attribute (the common case) costs one small map. */
    private static Map<Object, Object> attributes(Map<Object, Object> set) {
        if (set == null || set.isEmpty()) {
            return Map.of();
        }
        if (set.size() == 1) {
            Map.Entry<Object, Object> only = set.entrySet().iterator().next();
            return Map.of(only.getKey(), only.getValue());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(set));
    }

    /**
     * @param method the method, e.g. {@code GET}
     * @param uri an absolute URI, or one relative to the client's base URI
     * @return a builder
     */
    public static Builder builder(String method, String uri) {
        return new Builder(method, uri, null);
    }

    /**
     * @param method the method, e.g. {@code GET}
     * @param uri an absolute URI, or one relative to the client's base URI; used as parsed
     * @return a builder
     */
    public static Builder builder(String method, URI uri) {
        return new Builder(method, Objects.requireNonNull(uri, "uri").toString(), uri);
    }

    /** @return the method */
    public String method() {
        return method;
    }

    /** @return the URI as given */
    public String uri() {
        return uri;
    }

    /** @return the URI as the caller gave it parsed, or null when it was given as a String */
    URI parsedUri() {
        return parsedUri;
    }

    /**
     * @return the headers, in the order given, each name with its values (several values go out
     *     as several header lines, in order); unmodifiable
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * @param name a header name, any case
     * @return its values, in order; empty when the request has no such header
     */
    public List<String> header(String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return List.of();
    }

    private static Map<String, List<String>> frozen(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers.size() * 2);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the URI template for metrics and tracing, or null */
    public String uriTemplate() {
        return uriTemplate;
    }

    /** @return the whole-exchange deadline of this request, or null to use the client's */
    public Duration timeout() {
        return timeout;
    }

    /** @return whether to follow redirects, or null to use the client's setting */
    public Boolean followRedirects() {
        return followRedirects;
    }

    /** @return whether a gzip or deflate response is decoded even though this request sets its own Accept-Encoding */
    public boolean alwaysDecompress() {
        return alwaysDecompress;
    }

    /**
     * @return the attributes the call's {@link io.httplib.event.CallContext} starts with, for
     *     listeners (e.g. a mark that an outer layer already observes the call); unmodifiable
     */
    public Map<Object, Object> attributes() {
        return attributes;
    }

    /** @return whether there is a body */
    public boolean hasBody() {
        return body != null;
    }

    /** @return the body length, -1 when unknown (sent chunked), 0 without a body */
    public long bodyLength() {
        return body == null ? 0 : body.length();
    }

    /** @return whether the body can be sent again (no body, bytes, a string or a file: yes; a stream: no) */
    public boolean isBodyReplayable() {
        return body == null || body.replayable();
    }

    RequestBody body() {
        return body;
    }

    @Override
    public String toString() {
        return "ClientRequest[" + method + " " + uri + "]";
    }

    /** Builds a {@link ClientRequest}. Not thread-safe. */
    public static final class Builder {
        final String method;
        final String uri;
        final URI parsedUri;
        /** Made on the first header: most requests set none. */
        Map<String, List<String>> headers;
        RequestBody body;
        String uriTemplate;
        Duration timeout;
        Boolean followRedirects;
        Map<Object, Object> attributes;
        boolean alwaysDecompress;

        Builder(String method, String uri, URI parsedUri) {
            Syntax.checkMethod(Objects.requireNonNull(method, "method"));
            this.method = method;
            this.uri = Objects.requireNonNull(uri, "uri");
            this.parsedUri = parsedUri;
        }

        /**
         * @param name a header name
         * @param value its value (may be empty); replaces earlier values of the same name (any case)
         * @return this
         */
        public Builder header(String name, String value) {
            Syntax.checkHeaderName(name);
            Syntax.checkHeaderValue(name, value);
            remove(name);
            List<String> one = new ArrayList<>(1);
            one.add(value);
            headerMap().put(name, one);
            return this;
        }

        /**
         * @param name a header name
         * @param values its values, sent as one header line each, in order; they replace earlier
         *     values of the same name (any case); an empty list removes the header
         * @return this
         */
        public Builder headers(String name, List<String> values) {
            Syntax.checkHeaderName(name);
            Objects.requireNonNull(values, "values");
            for (String v : values) {
                Syntax.checkHeaderValue(name, v);
            }
            remove(name);
            if (!values.isEmpty()) {
                headerMap().put(name, new ArrayList<>(values));
            }
            return this;
        }

        /**
         * Adds a value to a header without replacing its earlier values: the header goes out as one
         * line per value, in the order added (as CPython's {@code putheader} called twice).
         *
         * @param name a header name; an earlier header of the same name in another case keeps its name
         * @param value the value to add (may be empty)
         * @return this
         */
        public Builder addHeader(String name, String value) {
            Syntax.checkHeaderName(name);
            Syntax.checkHeaderValue(name, value);
            for (Map.Entry<String, List<String>> h : headerMap().entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    h.getValue().add(value);
                    return this;
                }
            }
            List<String> one = new ArrayList<>(2);
            one.add(value);
            headerMap().put(name, one);
            return this;
        }

        /**
         * @param headers headers to set as by {@link #header(String, String)}, each value a
         *     {@code String} or a collection of {@code String}s (several lines); null sets none
         * @return this
         */
        public Builder headers(Map<String, ?> headers) {
            if (headers != null) {
                headers.forEach((name, value) -> {
                    if (value instanceof String v) {
                        header(name, v);
                    } else if (value instanceof Collection<?> c) {
                        List<String> values = new ArrayList<>(c.size());
                        for (Object v : c) {
                            if (!(v instanceof String str)) {
                                throw new IllegalArgumentException("header " + Syntax.describe(name)
                                        + " has a value that is not a String");
                            }
                            values.add(str);
                        }
                        headers(name, values);
                    } else {
                        throw new IllegalArgumentException("header " + Syntax.describe(name)
                                + " must have a String or a collection of Strings as its value");
                    }
                });
            }
            return this;
        }

        private Map<String, List<String>> headerMap() {
            if (headers == null) {
                headers = new LinkedHashMap<>();
            }
            return headers;
        }

        private void remove(String name) {
            if (headers != null && !headers.isEmpty()) {
                headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            }
        }

        /** @param body the body bytes (not copied), or null @return this */
        public Builder body(byte[] body) {
            this.body = body == null ? null : RequestBody.of(body);
            return this;
        }

        /** @param body the body, sent as UTF-8, or null @return this */
        public Builder body(String body) {
            return body(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * @param body the body stream; it can be sent only once, so the request is not retried and
         *     307/308 redirects are returned as they are
         * @param length its length, or -1 to send it chunked
         * @return this
         */
        public Builder body(InputStream body, long length) {
            if (length < -1) {
                throw new IllegalArgumentException("length must be -1 (unknown) or >= 0, got " + length);
            }
            this.body = body == null ? null : RequestBody.of(body, length);
            return this;
        }

        /**
         * @param writer writes the body straight into the connection, on the calling thread
         * @param length the body length, or -1 when unknown: a body that fits in
         *     {@link HTTPConnection#ADAPTIVE_BODY_BUFFER} bytes then still gets a Content-Length,
         *     a longer one is sent chunked
         * @param replayable whether the writer can write the same body again (for retries and
         *     307/308 redirects)
         * @return this
         */
        public Builder body(BodyWriter writer, long length, boolean replayable) {
            if (length < -1) {
                throw new IllegalArgumentException("length must be >= -1, got " + length);
            }
            this.body = writer == null ? null : RequestBody.of(writer, length, replayable);
            return this;
        }

        /**
         * @param file the body file; its size is read now
         * @return this
         * @throws UncheckedIOException when the file's size cannot be read
         */
        public Builder body(Path file) {
            try {
                this.body = file == null ? null : RequestBody.of(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + file, e);
            }
            return this;
        }

        /** @param template the URI template, e.g. {@code /users/{id}}, for metrics; not sent @return this */
        public Builder uriTemplate(String template) {
            this.uriTemplate = template;
            return this;
        }

        /**
         * @param timeout whole-exchange deadline of this request; null for the client's; past 100
         *     years none, even when the client has one; zero and negative are refused
         * @return this
         */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** @param follow whether to follow redirects; null for the client's setting @return this */
        public Builder followRedirects(Boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        /**
         * @param always true to decode a gzip or deflate response (and drop its
         *     {@code Content-Encoding} and {@code Content-Length}) even when this request sets its
         *     own {@code Accept-Encoding}, as Spring's JDK and Apache request factories do; by
         *     default (false) such a request gets the body exactly as received. No effect when the
         *     client's {@link Decompression} is disabled.
         * @return this
         */
        public Builder alwaysDecompress(boolean always) {
            this.alwaysDecompress = always;
            return this;
        }

        /**
         * @param key an attribute key
         * @param value its value, copied into the call's {@link io.httplib.event.CallContext}
         *     before any listener sees the call; null removes it
         * @return this
         */
        public Builder attribute(Object key, Object value) {
            Objects.requireNonNull(key, "key");
            if (attributes == null) {
                attributes = new LinkedHashMap<>();
            }
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
            return this;
        }

        /** @return the request */
        public ClientRequest build() {
            return new ClientRequest(this);
        }
    }
}
