package io.httplib.spring.boot.autoconfigure;

import io.httplib.ClientResponse;
import io.httplib.HTTPMessage;
import java.io.InputStream;
import java.util.Map;
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
            result = new HttpHeaders();
            HTTPMessage message = this.response.headers();
            if (message != null) {
                for (Map.Entry<String, String> field : message.entries()) {
                    result.add(field.getKey(), field.getValue());
                }
            }
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
