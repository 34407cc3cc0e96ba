package io.httplib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.httplib.HTTPConnectionFactory;
import io.httplib.HttplibClient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import java.time.Duration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Spring's request-factory contract, through httplib's factory over a default client; plus what
 * httplib promises beyond the references: request framing as RFC 9112 section 6 and RFC 9110
 * section 8.6 recommend (a length for a body that turns out small, none for a GET without one).
 */
class HttplibRequestFactoryContractTests extends ClientHttpRequestFactoryContract {

    @Override
    protected ClientHttpRequestFactory createFactory() {
        return new HttplibClientHttpRequestFactory(HttplibClient.builder().name("contract").build());
    }

    @Override
    protected ClientHttpRequestFactory createFactory(Duration readTimeout) {
        return new HttplibClientHttpRequestFactory(HttplibClient.builder().name("contract")
            .connectionFactory(HTTPConnectionFactory.builder().readTimeout(readTimeout).build())
            .build());
    }

    @Override
    protected void destroyFactory(ClientHttpRequestFactory factory) {
        ((HttplibClientHttpRequestFactory) factory).getClient().close();
    }

    @Override
    protected boolean reportsTheServersReasonPhrase() {
        return true;
    }

    @Test
    void aBufferedBodyIsSentWithItsLength() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/sized-buffer")),
                HttpMethod.POST);
        request.getBody().write(HELLO);
        request.execute().close();
        LoopbackHttpServer.Request received = server.request("/echo/sized-buffer");
        assertThat(received.chunked()).isFalse();
        assertThat(received.headers("Content-Length")).containsExactly(String.valueOf(HELLO.length));
    }

    @Test
    void anEmptyBufferedBodyIsSentWithContentLengthZero() throws Exception {
        ClientHttpRequest request = this.factory.createRequest(URI.create(server.url("/echo/zero-buffer")),
                HttpMethod.PUT);
        request.getBody();
        request.execute().close();
        LoopbackHttpServer.Request received = server.request("/echo/zero-buffer");
        assertThat(received.chunked()).isFalse();
        assertThat(received.headers("Content-Length")).containsExactly("0");
    }

    @Test
    void aPostWithoutAnyBodyIsSentWithContentLengthZero() throws Exception {
        try (ClientHttpResponse response = this.factory
            .createRequest(URI.create(server.url("/echo/bodiless-post")), HttpMethod.POST)
            .execute()) {
            assertThat(response.getStatusCode().value()).isEqualTo(200);
        }
        LoopbackHttpServer.Request received = server.request("/echo/bodiless-post");
        assertThat(received.chunked()).isFalse();
        assertThat(received.headers("Content-Length")).containsExactly("0");
    }

    @Test
    void aGetWithoutBodyHasNoFraming() throws Exception {
        this.factory.createRequest(URI.create(server.url("/echo/plain-get")), HttpMethod.GET).execute().close();
        LoopbackHttpServer.Request received = server.request("/echo/plain-get");
        assertThat(received.headers("Transfer-Encoding")).isEmpty();
        assertThat(received.headers("Content-Length")).isEqualTo(List.of());
    }

}
