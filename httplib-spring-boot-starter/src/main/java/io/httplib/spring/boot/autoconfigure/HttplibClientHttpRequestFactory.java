package io.httplib.spring.boot.autoconfigure;

import io.httplib.HttplibClient;
import java.net.URI;
import java.util.Objects;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * A {@link ClientHttpRequestFactory} that sends through an {@link HttplibClient}, so
 * {@code RestClient}, {@code RestTemplate} and HTTP service clients use httplib's pool, TLS
 * settings, event listeners and metrics.
 *
 * <p>Both bodies stream. The request body is written by Spring straight into the connection, on
 * the calling thread (see {@link io.httplib.BodyWriter}): with the caller's {@code Content-Length}
 * if it set one; otherwise a body that ends within
 * {@value io.httplib.HTTPConnection#ADAPTIVE_BODY_BUFFER} bytes is sent with a
 * {@code Content-Length} and a longer one chunked, from the moment it outgrows that. The response
 * body is read from the socket as the caller reads it, and closing the response hands the
 * connection back to the pool.
 *
 * <p>Compressed responses are handled as Spring's {@code JdkClientHttpRequestFactory} does with
 * compression enabled, unless the client's {@link io.httplib.Decompression} is disabled
 * ({@code httplib.compression.enabled=false}): requests without an {@code Accept-Encoding} of
 * their own ask for {@code gzip, deflate}; a gzip or deflate body is decoded as it is read, even
 * when the caller set {@code Accept-Encoding} itself, and the response's headers then have no
 * {@code Content-Encoding} and no {@code Content-Length}.
 *
 * <p>The URI template that {@code RestClient} records on the request (attribute
 * {@value #URI_TEMPLATE_ATTRIBUTE}) is passed on to httplib, so the {@code uri} tag of
 * {@code httplib.client.requests} is the template and never the raw path.
 *
 * <p>Every call is marked with the attribute
 * {@value io.httplib.spring.boot.autoconfigure.metrics.MicrometerHttpEventListenerFactory#OUTER_OBSERVATION_ATTRIBUTE}:
 * when Spring's client observation is current (a {@code RestClient} or {@code RestTemplate} with
 * an observation registry, as Spring Boot builds them), it makes the one client span of the
 * exchange and propagates its context in the request headers, and httplib records its meters
 * without a span of its own. See {@code docs/metrics.md}.
 */
public final class HttplibClientHttpRequestFactory implements ClientHttpRequestFactory {

    /** The request attribute under which Spring's {@code RestClient} records the URI template. */
    public static final String URI_TEMPLATE_ATTRIBUTE = "org.springframework.web.client.RestClient.uriTemplate";

    private final HttplibClient client;

    private final Boolean followRedirects;

    /** A factory over {@code client} that leaves redirects to the client's own setting. */
    public HttplibClientHttpRequestFactory(HttplibClient client) {
        this(client, null);
    }

    /**
     * A factory over {@code client}.
     *
     * @param followRedirects whether to follow redirects; {@code null} leaves it to the client
     */
    public HttplibClientHttpRequestFactory(HttplibClient client, Boolean followRedirects) {
        this.client = Objects.requireNonNull(client, "client");
        this.followRedirects = followRedirects;
    }

    /** The client this factory sends through. */
    public HttplibClient getClient() {
        return this.client;
    }

    /** Whether requests follow redirects; {@code null} when left to the client. */
    public Boolean getFollowRedirects() {
        return this.followRedirects;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
        return new HttplibClientHttpRequest(this.client, uri, httpMethod, this.followRedirects);
    }
}
