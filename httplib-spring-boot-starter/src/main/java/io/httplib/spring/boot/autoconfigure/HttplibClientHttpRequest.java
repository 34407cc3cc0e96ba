package io.httplib.spring.boot.autoconfigure;

import io.httplib.ClientRequest;
import io.httplib.HttplibClient;
import io.httplib.spring.boot.autoconfigure.metrics.MicrometerHttpEventListenerFactory;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage.Body;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * One request through httplib. See {@link HttplibClientHttpRequestFactory} for how bodies are
 * sent.
 */
final class HttplibClientHttpRequest extends AbstractStreamingClientHttpRequest {

    private final HttplibClient client;

    private final URI uri;

    private final HttpMethod method;

    private final Boolean followRedirects;

    HttplibClientHttpRequest(HttplibClient client, URI uri, HttpMethod method, Boolean followRedirects) {
        this.client = client;
        this.uri = uri;
        this.method = method;
        this.followRedirects = followRedirects;
    }

    @Override
    public HttpMethod getMethod() {
        return this.method;
    }

    @Override
    public URI getURI() {
        return this.uri;
    }

    @Override
    protected ClientHttpResponse executeInternal(HttpHeaders headers, Body body) throws IOException {
        ClientRequest.Builder request = ClientRequest.builder(this.method.name(), this.uri);
        headers.forEach((name, values) -> {
            // The framing headers are httplib's to write from the body it is given.
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                    && !name.equalsIgnoreCase(HttpHeaders.TRANSFER_ENCODING) && !values.isEmpty()) {
                // As Spring's own factories: one header line per value, a null value as an empty one.
                for (String value : values) {
                    request.addHeader(name, (value != null) ? value : "");
                }
            }
        });
        Object template = getAttributes().get(HttplibClientHttpRequestFactory.URI_TEMPLATE_ATTRIBUTE);
        if (template instanceof String uriTemplate) {
            request.uriTemplate(uriTemplate);
        }
        // Spring's client observation (when the RestClient or RestTemplate has a registry) makes the
        // client span and propagates the trace: httplib's observation then records meters only. (A
        // compile-time constant: Micrometer need not be on the class path for this class.)
        request.attribute(MicrometerHttpEventListenerFactory.OUTER_OBSERVATION_ATTRIBUTE, Boolean.TRUE);
        if (this.followRedirects != null) {
            request.followRedirects(this.followRedirects);
        }
        // As Spring's JDK and Apache factories with compression on: a gzip or deflate body is
        // decoded (Content-Encoding and Content-Length removed) even when the caller set its own
        // Accept-Encoding, since Spring's message converters expect decoded bytes.
        request.alwaysDecompress(true);
        if (body != null) {
            // Written straight into the connection on this thread: nothing is held whole, and a
            // body of unknown length that stays small still gets a Content-Length (see BodyWriter).
            request.body(body::writeTo, headers.getContentLength(), body.repeatable());
        }
        return new HttplibClientHttpResponse(this.client.send(request.build()));
    }
}
