package io.httplib.spring.boot.autoconfigure;

import io.httplib.ClientResponse;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/** A response read through httplib; its body streams from the socket. */
final class HttplibClientHttpResponse implements ClientHttpResponse {

    private final ClientResponse response;

    private HttpHeaders headers;

    HttplibClientHttpResponse(ClientResponse response) {
        this.response = response;
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatusCode.valueOf(this.response.status());
    }

    @Override
    public String getStatusText() {
        String reason = this.response.reason();
        return (reason != null) ? reason : "";
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders result = this.headers;
        if (result == null) {
            // A view of httplib's parsed fields, not a copy (as Spring's Jetty and HttpComponents
            // responses): most responses are only asked for Content-Type and Content-Length.
            result = new HttpHeaders(new ResponseHeadersAdapter(this.response.headers()));
            this.headers = result;
        }
        return result;
    }

    @Override
    public InputStream getBody() {
        return this.response.body();
    }

    @Override
    public void close() {
        this.response.close();
    }
}
